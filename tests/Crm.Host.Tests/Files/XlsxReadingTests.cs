using System.IO.Compression;
using Crm.Abstractions.Files;
using Crm.Host.Files;
using MiniExcelLibs;

namespace Crm.Host.Tests.Files;

/// <summary>Workbooks as Excel and WPS save them: typed cells (dates, numbers, booleans), formulas with cached
/// results, error values, several sheets, rows left out.</summary>
public sealed class XlsxReadingTests
{
    static readonly ITableFiles Files = new TableFiles();

    static async Task<(ITableReader Reader, List<TableRow> Rows)> ReadAsync(byte[] bytes, TableReadOptions? options = null)
    {
        var reader = await Files.OpenAsync(new MemoryStream(bytes), "客户.xlsx", options);
        var rows = new List<TableRow>();
        await foreach (var row in reader.ReadRowsAsync()) rows.Add(row);
        return (reader, rows);
    }

    [Fact]
    public async Task Typed_cells_come_out_as_the_text_a_user_sees()
    {
        var bytes = HandMadeWorkbook.Build(("客户", HandMadeWorkbook.TextRow(1, "名称", "手机", "成立日期", "最近跟进", "金额", "合计", "是否重点", "称呼") +
            """
            <row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>13812345678</v></c><c r="C2" s="1"><v>45356</v></c><c r="D2" s="2"><v>45356.604166666664</v></c><c r="E2"><v>1234.5</v></c><c r="F2"><f>E2+E3</f><v>0.30000000000000004</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="str"><f>A2&amp;"先生"</f><v>张三先生</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3"><v>1.3812345678E10</v></c><c r="E3"><v>-0.000001</v></c><c r="G3" t="b"><v>0</v></c></row>
            """));

        var (reader, rows) = await ReadAsync(bytes);
        await using var _ = reader;

        Assert.Equal(["张三", "13812345678", "2024-03-05", "2024-03-05 14:30:00", "1234.5", "0.3", "TRUE", "张三先生"], rows[0].Cells);
        Assert.Equal(["李四", "13812345678", "", "", "-0.000001", "", "FALSE", ""], rows[1].Cells);
        Assert.All(rows, r => Assert.Empty(r.Problems));
    }

    [Fact]
    public async Task An_excel_error_value_is_kept_and_reported_on_its_cell()
    {
        var bytes = HandMadeWorkbook.Build(("Sheet1", HandMadeWorkbook.TextRow(1, "名称", "单价", "查找") +
            """
            <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c><c r="B3" t="e"><v>#VALUE!</v></c><c r="C3" t="e"><v>#REF!</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>丙</t></is></c><c r="B4" t="e"><v>#NAME?</v></c><c r="C4" t="e"><v>#NUM!</v></c><c r="D4" t="e"><v>#NULL!</v></c></row>
            """));

        var (reader, rows) = await ReadAsync(bytes);
        await using var _ = reader;

        Assert.Equal(["甲", "#DIV/0!", "#N/A"], rows[0].Cells);
        Assert.Equal([(1, "单元格是 Excel 错误值 #DIV/0!"), (2, "单元格是 Excel 错误值 #N/A")], rows[0].Problems.Select(p => (p.Column, p.Message)));
        Assert.Equal([1, 2], rows[1].Problems.Select(p => p.Column));
        Assert.Contains(rows[2].Problems, p => p.Message == "单元格是 Excel 错误值 #NAME?");
        Assert.Contains(rows[2].Problems, p => p.Message == "单元格是 Excel 错误值 #NUM!");
        // #NULL! sits after the last header: the row is too wide as well.
        Assert.Contains(rows[2].Problems, p => p.Column == 3 && p.Message == "单元格是 Excel 错误值 #NULL!");
        Assert.Contains(rows[2].Problems, p => p.Column == -1 && p.Message == "该行有 4 列，标题行只有 3 列");
    }

    [Fact]
    public async Task Rows_keep_their_sheet_numbers_when_rows_are_left_out_or_empty()
    {
        var bytes = HandMadeWorkbook.Build(("Sheet1", HandMadeWorkbook.TextRow(1, "名称", "城市") + HandMadeWorkbook.TextRow(3, "甲", "深圳")
            + "<row r=\"4\"/>" + HandMadeWorkbook.TextRow(5, "", "") + HandMadeWorkbook.TextRow(7, "乙")));

        var (reader, rows) = await ReadAsync(bytes);
        await using var _ = reader;

        Assert.Equal([3, 7], rows.Select(r => r.Number));
        Assert.Equal(["乙", ""], rows[1].Cells);
        Assert.Empty(rows[1].Problems);
    }

    [Fact]
    public async Task The_chosen_sheet_is_read_and_every_sheet_is_listed()
    {
        var bytes = HandMadeWorkbook.Build(("说明", HandMadeWorkbook.TextRow(1, "请在第二个工作表填写")),
            ("客户", HandMadeWorkbook.TextRow(1, "名称") + HandMadeWorkbook.TextRow(2, "甲")));

        var (first, _) = await ReadAsync(bytes);
        await using (first)
        {
            Assert.Equal("说明", first.Sheet);
            Assert.Equal(["说明", "客户"], first.Sheets);
        }
        var (chosen, rows) = await ReadAsync(bytes, new TableReadOptions(Sheet: "客户"));
        await using (chosen)
        {
            Assert.Equal("客户", chosen.Sheet);
            Assert.Equal(["名称"], chosen.Headers);
            Assert.Equal("甲", rows.Single().Cell(0));
        }
        var missing = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(bytes, new TableReadOptions(Sheet: "Sheet1")));
        Assert.Equal("工作簿中没有名为“Sheet1”的工作表（有：说明、客户）", missing.Message);
    }

    [Fact]
    public async Task A_workbook_written_by_miniexcel_with_typed_values_reads_as_text()
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new[]
        {
            new Dictionary<string, object?> { ["名称"] = "甲", ["手机"] = 13812345678L, ["签约日期"] = new DateTime(2024, 3, 5), ["金额"] = 1234.5m },
        }, excelType: ExcelType.XLSX);

        var (reader, rows) = await ReadAsync(stream.ToArray());
        await using var _ = reader;

        Assert.Equal(["名称", "手机", "签约日期", "金额"], reader.Headers);
        Assert.Equal(["甲", "13812345678", "2024-03-05", "1234.5"], rows.Single().Cells);
    }

    [Fact]
    public async Task A_sheet_with_only_a_header_opens_with_no_rows()
    {
        var (reader, rows) = await ReadAsync(HandMadeWorkbook.Build(("Sheet1", HandMadeWorkbook.TextRow(1, "名称", "手机"))));
        await using var _ = reader;

        Assert.Equal(["名称", "手机"], reader.Headers);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task A_sheet_without_titles_in_its_first_row_is_refused()
    {
        var blankFirst = HandMadeWorkbook.Build(("Sheet1", HandMadeWorkbook.TextRow(2, "名称")));
        var empty = HandMadeWorkbook.Build(("Sheet1", ""));

        Assert.Equal("第一行没有列标题", (await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(blankFirst))).Message);
        Assert.Equal("工作表“Sheet1”是空的", (await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(empty))).Message);
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_is_refused()
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            await using (var photo = await zip.CreateEntry("照片/1.jpg").OpenAsync())
                await photo.WriteAsync(new byte[] { 0xFF, 0xD8, 0xFF });

        var refused = await Assert.ThrowsAsync<TableFileException>(() => ReadAsync(stream.ToArray()));

        Assert.Equal("无法读取 XLSX 文件：文件已损坏或不是 Excel 工作簿（.xlsx）", refused.Message);
    }
}
