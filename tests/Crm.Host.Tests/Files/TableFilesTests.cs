using System.Text;
using Crm.Abstractions.Files;
using Crm.Host.Files;

namespace Crm.Host.Tests.Files;

/// <summary>Spreadsheets as users really send them: Excel's GBK "CSV", BOMs, semicolons, quoted line breaks, XLSX.</summary>
public sealed class TableFilesTests
{
    static readonly ITableFiles Files = new TableFiles();

    static Task<TableData> ReadAsync(byte[] bytes, string name, TableReadOptions? options = null) =>
        Files.ReadAsync(new MemoryStream(bytes), name, options);

    [Fact]
    public async Task Utf8_with_bom_and_quoted_commas_and_line_breaks()
    {
        var csv = "\uFEFF客户名称,地址,备注\r\n\"深圳市某某科技有限公司\",\"广东省深圳市南山区, 科技园\",\"第一行\r\n第二行\"\r\n\r\n北京某某有限公司,北京市,\"他说\"\"你好\"\"\"\r\n";
        var table = await ReadAsync(new UTF8Encoding(true).GetBytes(csv), "customers.csv");

        Assert.Equal("utf-8", table.Encoding);
        Assert.Equal(["客户名称", "地址", "备注"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["深圳市某某科技有限公司", "广东省深圳市南山区, 科技园", "第一行\r\n第二行"], table.Rows[0].Cells);
        Assert.Equal(2, table.Rows[0].Number);
        Assert.Equal("他说\"你好\"", table.Rows[1].Cell(2));
        Assert.Equal(5, table.Rows[1].Number); // the quoted line break and the blank line count as lines of the file
    }

    [Fact]
    public async Task A_gbk_csv_saved_by_excel_is_detected_and_decoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("客户名称,手机\r\n深圳市腾讯计算机系统有限公司,13800138000\r\n");

        var table = await ReadAsync(bytes, "导出.csv");

        Assert.Equal("gb18030", table.Encoding);
        Assert.Equal(["客户名称", "手机"], table.Headers);
        Assert.Equal("深圳市腾讯计算机系统有限公司", table.Rows.Single().Cell(0));
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task The_delimiter_is_detected(char delimiter)
    {
        var table = await ReadAsync(Encoding.UTF8.GetBytes($"编码{delimiter}名称{delimiter}上级编码\n001{delimiter}华东{delimiter}\n"), "regions.csv");

        Assert.Equal(delimiter, table.Delimiter);
        Assert.Equal(["001", "华东", ""], table.Rows.Single().Cells);
    }

    [Fact]
    public async Task The_user_can_choose_the_encoding_when_detection_guesses_wrong()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("名称\n潜在\n");

        var table = await ReadAsync(bytes, "x.csv", new TableReadOptions(Encoding: "gb18030"));

        Assert.Equal("潜在", table.Rows.Single().Cell(0));
        var unknown = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(bytes, "x.csv", new TableReadOptions(Encoding: "klingon")));
        Assert.Contains("klingon", unknown.Message);
    }

    [Fact]
    public async Task An_xlsx_written_is_read_back_with_chinese_text_and_row_numbers()
    {
        var written = new TableData(["编码", "名称", "别名"], [new TableRow(2, ["001", "潜在", "潜在客户;线索客户"]), new TableRow(3, ["002", "意向", ""])]);
        var stream = new MemoryStream();
        await Files.WriteAsync(stream, TableFormat.Xlsx, written);

        var table = await ReadAsync(stream.ToArray(), "字典.xlsx");

        Assert.Equal(written.Headers, table.Headers);
        Assert.Equal([2, 3], table.Rows.Select(r => r.Number));
        Assert.Equal(["001", "潜在", "潜在客户;线索客户"], table.Rows[0].Cells);
        Assert.Equal("", table.Rows[1].Cell(2));
    }

    [Fact]
    public async Task A_csv_written_opens_in_excel_as_utf8_and_reads_back_the_same()
    {
        var written = new TableData(["名称", "备注"], [new TableRow(2, ["某某公司, 深圳", "含\"引号\"\n和换行"])]);
        var stream = new MemoryStream();
        await Files.WriteAsync(stream, TableFormat.Csv, written);

        Assert.Equal([0xEF, 0xBB, 0xBF], stream.ToArray()[..3]);
        var table = await ReadAsync(stream.ToArray(), "back.csv");
        Assert.Equal(written.Rows[0].Cells, table.Rows.Single().Cells);
    }

    [Fact]
    public async Task A_broken_or_foreign_file_is_refused_with_a_reason()
    {
        var corrupt = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(Encoding.UTF8.GetBytes("not a zip"), "客户.xlsx"));
        Assert.Contains("无法读取 XLSX 文件", corrupt.Message);
        var foreign = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync([1, 2, 3], "客户.xls"));
        Assert.Contains(".xls", foreign.Message);
        var empty = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync([], "空.csv"));
        Assert.Contains("空", empty.Message);
    }

    [Fact]
    public async Task A_sheet_that_does_not_exist_is_named_with_the_ones_that_do()
    {
        var stream = new MemoryStream();
        await Files.WriteAsync(stream, TableFormat.Xlsx, new TableData(["名称"], [new TableRow(2, ["潜在"])]));

        var missing = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(stream.ToArray(), "x.xlsx", new TableReadOptions(Sheet: "客户")));
        Assert.Contains("客户", missing.Message);
        Assert.Contains("Sheet1", missing.Message);
    }
}
