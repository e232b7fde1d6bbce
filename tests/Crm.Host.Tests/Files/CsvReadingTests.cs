using System.Text;
using Crm.Abstractions.Files;
using Crm.Host.Files;

namespace Crm.Host.Tests.Files;

/// <summary>CSV files as users send them to an import, read row by row: the encoding the file is really in, the
/// delimiter, quoting, ragged rows, and the files that are no CSV at all.</summary>
public sealed class CsvReadingTests
{
    static readonly ITableFiles Files = new TableFiles();
    static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    static Task<ITableReader> OpenAsync(byte[] bytes, string name = "客户.csv", TableReadOptions? options = null) =>
        Files.OpenAsync(new MemoryStream(bytes), name, options);

    static async Task<List<TableRow>> RowsAsync(ITableReader reader)
    {
        var rows = new List<TableRow>();
        await foreach (var row in reader.ReadRowsAsync()) rows.Add(row);
        return rows;
    }

    static async Task<string> RefusedAsync(byte[] bytes, string name = "客户.csv", TableReadOptions? options = null) =>
        (await Assert.ThrowsAsync<TableFileException>(() => OpenAsync(bytes, name, options))).Message;

    [Fact]
    public async Task Utf8_without_a_bom_is_recognised_by_decoding_the_whole_file()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("客户名称,联系人\n深圳市某某科技有限公司,张三\n"));

        Assert.Equal("utf-8", reader.Encoding);
        Assert.Equal(["客户名称", "联系人"], reader.Headers);
        Assert.Equal(["深圳市某某科技有限公司", "张三"], (await RowsAsync(reader)).Single().Cells);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public async Task A_utf8_character_split_across_two_chunks_of_the_check_is_still_utf8()
    {
        // The check reads 80 KiB at a time: put a three-byte character across the first boundary.
        var padding = new string('a', 81919);
        var bytes = Encoding.UTF8.GetBytes($"名称\n{padding[..(81920 - 8)]}中文\n");

        await using var reader = await OpenAsync(bytes);

        Assert.Equal("utf-8", reader.Encoding);
        Assert.EndsWith("中文", (await RowsAsync(reader)).Single().Cell(0));
    }

    [Fact]
    public async Task Gbk_bytes_found_only_deep_in_the_file_still_make_it_gb18030()
    {
        var ascii = string.Concat(Enumerable.Range(1, 5000).Select(i => $"C{i:000000},Company {i}\r\n"));
        var bytes = Gb18030.GetBytes("code,name\r\n" + ascii + "C999999,深圳市某某科技有限公司\r\n");

        await using var reader = await OpenAsync(bytes);
        var rows = await RowsAsync(reader);

        Assert.Equal("gb18030", reader.Encoding);
        Assert.Equal("深圳市某某科技有限公司", rows[^1].Cell(1));
        Assert.Equal(5002, rows[^1].Number);
    }

    [Fact]
    public async Task Excels_unicode_text_is_utf16_with_tabs()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("客户名称\t手机\r\n某某公司\t13800138000\r\n")).ToArray();

        await using var reader = await OpenAsync(bytes, "客户.txt");

        Assert.Equal("utf-16", reader.Encoding);
        Assert.Equal('\t', reader.Delimiter);
        Assert.Equal(["某某公司", "13800138000"], (await RowsAsync(reader)).Single().Cells);
    }

    [Fact]
    public async Task Choosing_utf8_for_a_gbk_file_is_refused_with_what_to_choose_instead()
    {
        var message = await RefusedAsync(Gb18030.GetBytes("名称\n潜在客户\n"), options: new TableReadOptions(Encoding: "utf-8"));

        Assert.Equal("文件不是有效的 UTF-8 编码（可能是 GBK/GB18030），请选择 GB18030 编码后重试", message);
    }

    [Theory]
    [InlineData("gb18030", "GB18030")]
    [InlineData("GBK", "GBK")]
    public async Task Choosing_gb18030_for_a_utf8_file_reads_it_as_chosen_with_a_warning(string choice, string shown)
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("名称\n潜在客户\n"), options: new TableReadOptions(Encoding: choice));

        Assert.Equal($"文件看起来是 UTF-8 编码，却按 {shown} 读取，中文可能显示为乱码", Assert.Single(reader.Warnings));
        Assert.NotEqual("潜在客户", (await RowsAsync(reader)).Single().Cell(0));
    }

    [Fact]
    public async Task Choosing_gb18030_for_a_plain_ascii_file_is_no_cause_for_a_warning()
    {
        await using var reader = await OpenAsync(Encoding.ASCII.GetBytes("code,name\nC1,Acme\n"), options: new TableReadOptions(Encoding: "gb18030"));

        Assert.Empty(reader.Warnings);
        Assert.Equal("gb18030", reader.Encoding);
    }

    [Fact]
    public async Task Choosing_utf8_for_a_utf8_file_with_a_bom_skips_the_bom()
    {
        await using var reader = await OpenAsync(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("名称\n甲\n")).ToArray(),
            options: new TableReadOptions(Encoding: "utf8"));

        Assert.Equal(["名称"], reader.Headers);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task The_delimiter_is_the_one_the_header_uses_outside_quotes(char delimiter)
    {
        // The quoted header holds two commas, more than the real delimiter appears in the record.
        var d = delimiter;
        var csv = $"\"名称,全称,简称\"{d}地址{d}备注\r\n\"某某公司\"{d}\"深圳{d}南山\"{d}无\r\n";

        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(delimiter, reader.Delimiter);
        Assert.Equal(["名称,全称,简称", "地址", "备注"], reader.Headers);
        Assert.Equal(["某某公司", $"深圳{d}南山", "无"], (await RowsAsync(reader)).Single().Cells);
    }

    [Fact]
    public async Task Excels_sep_line_names_the_delimiter_and_is_not_the_header()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("sep=;\r\n名称;地址\r\n甲;北京\r\n"));

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["名称", "地址"], reader.Headers);
        Assert.Equal(3, (await RowsAsync(reader)).Single().Number);
    }

    [Fact]
    public async Task Quoted_cells_keep_line_breaks_quotes_and_delimiters_and_rows_are_numbered_by_file_line()
    {
        var csv = "名称,备注\r\n\"甲\",\"第一行\r\n第二行\n第三行\"\r\n\r\n乙,\"他说\"\"好\"\",然后走了\"\r丙,\"\"\r\n";

        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes(csv));
        var rows = await RowsAsync(reader);

        Assert.Equal([2, 6, 7], rows.Select(r => r.Number));
        Assert.Equal("第一行\r\n第二行\n第三行", rows[0].Cell(1));
        Assert.Equal("他说\"好\",然后走了", rows[1].Cell(1));
        Assert.Equal(["丙", ""], rows[2].Cells);
        Assert.All(rows, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public async Task A_quoted_cell_longer_than_the_read_buffer_is_read_whole()
    {
        var remark = string.Concat(Enumerable.Repeat("很长的备注\"引号\"，", 5000));
        var csv = $"名称,备注\n甲,\"{remark.Replace("\"", "\"\"")}\"\n乙,短\n";

        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes(csv));
        var rows = await RowsAsync(reader);

        Assert.Equal(remark, rows[0].Cell(1));
        Assert.Equal(["乙", "短"], rows[1].Cells);
        Assert.Equal(3, rows[1].Number);
    }

    [Fact]
    public async Task Blank_rows_are_skipped_but_keep_their_line_numbers()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("名称,编码\n\n甲,1\n , \n,,\n乙,2\n\n"));

        Assert.Equal([3, 6], (await RowsAsync(reader)).Select(r => r.Number));
    }

    [Fact]
    public async Task Rows_with_more_or_fewer_cells_than_headers_say_so()
    {
        var csv = "名称,城市,金额\n甲,深圳,1,234\n乙,北京\n丙,上海,5,,\n丁,广州,6\n";

        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes(csv));
        var rows = await RowsAsync(reader);

        Assert.Equal("该行有 4 列，标题行只有 3 列（可能有未加引号的逗号）", Assert.Single(rows[0].Problems).Message);
        Assert.Equal(-1, rows[0].Problems[0].Column);
        Assert.Equal(["甲", "深圳", "1", "234"], rows[0].Cells);
        Assert.Equal("该行只有 2 列，标题行有 3 列", Assert.Single(rows[1].Problems).Message);
        Assert.Empty(rows[2].Problems); // empty cells after the last header are what Excel writes
        Assert.Equal(["丙", "上海", "5"], rows[2].Cells);
        Assert.Empty(rows[3].Problems);
    }

    [Fact]
    public async Task The_overflow_hint_names_the_delimiter_in_use()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("名称;城市\n甲;深圳;南山\n"));

        Assert.Equal("该行有 3 列，标题行只有 2 列（可能有未加引号的分号）", (await RowsAsync(reader)).Single().Problems.Single().Message);
    }

    [Fact]
    public async Task Duplicate_and_empty_headers_are_kept_as_they_are()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes(" 名称 ,手机,,手机,,\n甲,1,2,3\n"));

        Assert.Equal(["名称", "手机", "", "手机"], reader.Headers);
        Assert.Equal(["甲", "1", "2", "3"], (await RowsAsync(reader)).Single().Cells);
    }

    [Fact]
    public async Task A_file_with_only_a_header_opens_with_no_rows()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("客户名称,手机\r\n"));

        Assert.Equal(["客户名称", "手机"], reader.Headers);
        Assert.Empty(await RowsAsync(reader));
    }

    [Fact]
    public async Task A_quote_that_never_closes_is_reported_on_its_row()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("名称,备注\n甲,\"没有闭合\n乙,正常\n"));
        var row = (await RowsAsync(reader)).Single();

        Assert.Equal("没有闭合\n乙,正常\n", row.Cell(1));
        Assert.Contains(row.Problems, p => p.Message.Contains("引号没有闭合"));
    }

    [Theory]
    [InlineData(new byte[0], "文件是空的")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "文件是空的")]
    [InlineData(new byte[] { 13, 10, 13, 10, 32 }, "文件是空的")]
    public async Task An_empty_file_is_refused(byte[] bytes, string message)
    {
        Assert.Equal(message, await RefusedAsync(bytes));
    }

    [Fact]
    public async Task A_first_row_without_any_title_is_refused()
    {
        Assert.Equal("第一行没有列标题", await RefusedAsync(Encoding.UTF8.GetBytes(",,\n甲,1,2\n")));
        Assert.Equal("第一行没有列标题", await RefusedAsync(Encoding.UTF8.GetBytes("\n名称\n甲\n")));
    }

    [Fact]
    public async Task A_binary_file_named_csv_is_refused()
    {
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(new byte[] { 0, 1, 2, 0, 0xFF }).ToArray();

        Assert.StartsWith("文件不是文本格式的 CSV（含有二进制内容）", await RefusedAsync(bytes));
    }

    [Theory]
    [InlineData("客户.xls")]
    [InlineData("客户.xlsx")]
    [InlineData("客户.csv")]
    public async Task An_old_excel_workbook_is_refused_with_how_to_convert_it(string name)
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        Assert.StartsWith("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV", await RefusedAsync(ole, name));
    }

    [Theory]
    [InlineData("客户.pdf", "不支持的文件类型“.pdf”，请使用 CSV 或 XLSX 文件")]
    [InlineData("客户", "文件没有扩展名，请使用 CSV 或 XLSX 文件")]
    public async Task A_file_of_another_type_is_refused_by_its_name(string name, string message)
    {
        Assert.Equal(message, await RefusedAsync(Encoding.UTF8.GetBytes("名称\n甲\n"), name));
    }

    [Fact]
    public async Task A_workbook_renamed_to_csv_is_read_as_a_workbook()
    {
        var stream = new MemoryStream();
        await Files.WriteAsync(stream, TableFormat.Xlsx, new TableData(["名称", "手机"], [new TableRow(2, ["甲", "13800138000"])]));

        await using var reader = await OpenAsync(stream.ToArray(), "客户.csv");

        Assert.Null(reader.Encoding);
        Assert.Equal("Sheet1", reader.Sheet);
        Assert.Equal(["甲", "13800138000"], (await RowsAsync(reader)).Single().Cells);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_from_a_temporary_file_that_is_deleted_afterwards()
    {
        var before = TemporaryFiles();
        var bytes = Gb18030.GetBytes("名称,城市\n甲,深圳\n");

        var reader = await Files.OpenAsync(new ForwardOnlyStream(new MemoryStream(bytes)), "客户.csv");
        Assert.NotEmpty(TemporaryFiles().Except(before));
        Assert.Equal("gb18030", reader.Encoding);
        Assert.Equal(["甲", "深圳"], (await RowsAsync(reader)).Single().Cells);
        await reader.DisposeAsync();

        Assert.Empty(TemporaryFiles().Except(before));
    }

    [Fact]
    public async Task The_rows_can_be_read_once()
    {
        await using var reader = await OpenAsync(Encoding.UTF8.GetBytes("名称\n甲\n"));
        await RowsAsync(reader);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RowsAsync(reader));
    }

    static string[] TemporaryFiles() => Directory.GetFiles(Path.GetTempPath(), "crm-table-*.tmp");
}
