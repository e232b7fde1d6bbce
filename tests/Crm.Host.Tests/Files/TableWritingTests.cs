using System.IO.Compression;
using System.Text;
using Crm.Abstractions.Files;
using Crm.Host.Files;
using MiniExcelLibs;

namespace Crm.Host.Tests.Files;

/// <summary>Exports as spreadsheets open them: CSV in UTF-8 with BOM or GB18030 for old Excel, XLSX that MiniExcel
/// (and Excel) reads, formulas neutralised, rows written as they come.</summary>
public sealed class TableWritingTests
{
    static readonly ITableFiles Files = new TableFiles();
    static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    static readonly string[] Headers = ["客户名称", "备注", "金额"];

    static readonly string[][] Rows =
    [
        ["深圳市某某科技有限公司", "含\"引号\"、逗号,\r\n和换行", "1234.5"],
        ["  前后有空格  ", "emoji 😀 与生僻字 𠀀", "-12.5"],
        ["北京某某有限公司", "", ""],
    ];

    static async IAsyncEnumerable<IReadOnlyList<string>> AsyncRows(IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    static async Task<byte[]> WriteAsync(TableWriteOptions options, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var destination = new ResponseLikeStream(keep: true);
        await Files.WriteAsync(destination, options, headers, AsyncRows(rows));
        return destination.ToArray();
    }

    static async Task<List<TableRow>> ReadBackAsync(byte[] bytes, string name, TableReadOptions? options = null) =>
        [.. (await Files.ReadAsync(new MemoryStream(bytes), name, options)).Rows];

    [Fact]
    public async Task A_utf8_csv_has_a_bom_crlf_line_ends_and_reads_back_the_same()
    {
        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Csv), Headers, Rows);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("客户名称,备注,金额\r\n深圳市某某科技有限公司,\"含\"\"引号\"\"、逗号,\r\n和换行\",1234.5\r\n\"  前后有空格  \",", text);
        Assert.EndsWith("\r\n北京某某有限公司,,\r\n", text);
        Assert.Equal(Rows, (await ReadBackAsync(bytes, "导出.csv")).Select(r => r.Cells.ToArray()));
    }

    [Fact]
    public async Task A_gb18030_csv_has_no_bom_and_decodes_as_gb18030()
    {
        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Csv, TableTextEncoding.Gb18030), Headers, Rows);

        Assert.StartsWith("客户名称,备注,金额\r\n深圳市某某科技有限公司,", Gb18030.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);
        var back = await Files.ReadAsync(new MemoryStream(bytes), "导出.csv");
        Assert.Equal("gb18030", back.Encoding);
        Assert.Equal(Rows, back.Rows.Select(r => r.Cells.ToArray()));
    }

    [Fact]
    public async Task An_xlsx_opens_with_miniexcel_and_reads_back_the_same()
    {
        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Xlsx), Headers, Rows);

        var sheet = new MemoryStream(bytes).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Sheet1"], new MemoryStream(bytes).GetSheetNames());
        Assert.Equal("深圳市某某科技有限公司", sheet[0]["客户名称"]);
        Assert.Equal("  前后有空格  ", sheet[1]["客户名称"]);
        Assert.Equal(Rows,
            (await ReadBackAsync(bytes, "导出.xlsx")).Select(r => Enumerable.Range(0, 3).Select(r.Cell).ToArray()));
    }

    [Fact]
    public async Task An_xlsx_is_a_complete_package_with_a_bold_frozen_header()
    {
        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Xlsx), Headers, Rows);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"],
            zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = System.Xml.Linq.XDocument.Parse(await reader.ReadToEndAsync());
        System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        Assert.Equal("frozen", xml.Descendants(main + "pane").Single().Attribute("state")?.Value);
        Assert.All(xml.Descendants(main + "row").First().Elements(main + "c"), c => Assert.Equal("1", c.Attribute("s")?.Value));
        Assert.All(xml.Descendants(main + "row").Skip(1).SelectMany(r => r.Elements(main + "c")), c => Assert.Null(c.Attribute("s")));
    }

    [Fact]
    public async Task Text_xml_cannot_hold_and_text_that_looks_like_an_excel_escape_round_trip_through_xlsx()
    {
        string[] row = ["控制字符\u0001\u001F在此", "_x0041_ 不是 A", "制表\t换行\n"];

        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Xlsx, NeutralizeFormulas: false), ["甲", "乙", "丙"], [row]);

        Assert.Equal(row, (await ReadBackAsync(bytes, "x.xlsx")).Single().Cells);
    }

    public static TheoryData<string, string> Formulas => new()
    {
        { "=HYPERLINK(\"http://evil.example\",\"点我\")", "'=HYPERLINK(\"http://evil.example\",\"点我\")" },
        { "+1 2", "'+1 2" },
        { "-1+2", "'-1+2" },
        { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
        { "\t=1+1", "'\t=1+1" },
        { "\r=1+1", "'\r=1+1" },
        { "-", "'-" },
        { "-12.5", "-12.5" },
        { "+86", "+86" },
        { "1234", "1234" },
        { "a=b", "a=b" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Formulas))]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised_in_csv_and_xlsx(string cell, string written)
    {
        foreach (var (format, name) in new[] { (TableFormat.Csv, "x.csv"), (TableFormat.Xlsx, "x.xlsx") })
        {
            var bytes = await WriteAsync(new TableWriteOptions(format), ["名称", "编码"], [[cell, "C1"]]);
            Assert.Equal(written, (await ReadBackAsync(bytes, name)).Single().Cell(0));
        }
    }

    [Fact]
    public async Task Neutralising_can_be_turned_off_for_files_that_are_read_back_by_programs()
    {
        var bytes = await WriteAsync(new TableWriteOptions(TableFormat.Csv, NeutralizeFormulas: false), ["名称"], [["=1+1"]]);

        Assert.Equal("=1+1", (await ReadBackAsync(bytes, "x.csv")).Single().Cell(0));
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.Xlsx)]
    public async Task Rows_are_pulled_as_they_are_written_and_bytes_leave_before_the_last_row(TableFormat format)
    {
        var destination = new ResponseLikeStream();
        long writtenWhenHalfway = -1;
        async IAsyncEnumerable<IReadOnlyList<string>> Generate()
        {
            for (var i = 0; i < 60_000; i++)
            {
                if (i == 30_000) writtenWhenHalfway = destination.Written;
                if (i % 1000 == 0) await Task.Yield();
                yield return [$"C{i:000000}", $"深圳市第{i}号科技有限公司", "13800138000"];
            }
        }

        await Files.WriteAsync(destination, new TableWriteOptions(format), ["编号", "名称", "手机"], Generate());

        Assert.True(writtenWhenHalfway > 0, "nothing reached the destination before the last row was produced");
        Assert.True(destination.Written > writtenWhenHalfway);
    }

    [Fact]
    public async Task The_whole_table_overload_writes_through_the_same_writer()
    {
        var stream = new MemoryStream();
        await Files.WriteAsync(stream, TableFormat.Csv, new TableData(["名称", "备注"], [new TableRow(2, ["=危险", "短行"]), new TableRow(3, ["乙"])]));

        Assert.Equal("\uFEFF名称,备注\r\n'=危险,短行\r\n乙,\r\n", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
