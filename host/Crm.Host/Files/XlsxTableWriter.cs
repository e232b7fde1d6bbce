using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>Rows to an XLSX workbook as they come, in constant memory: the OpenXML parts are written by hand into a
/// ZIP on the destination (MiniExcel's writer wants a synchronous sequence, so an export would have to hold or
/// block on its rows). One sheet, cells as inline strings (text stays text: 0755…, 13812345678), the header row
/// bold and frozen. The destination only sees asynchronous writes, so it can be a response body.</summary>
internal static class XlsxTableWriter
{
    public const string SheetName = "Sheet1";

    const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";
    const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    static readonly (string Name, string Xml)[] FixedParts =
    [
        ("[Content_Types].xml", Declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """),
        ("_rels/.rels", Declaration + $"""
            <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{DocumentRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
        ("xl/workbook.xml", Declaration + $"""
            <workbook xmlns="{Main}" xmlns:r="{DocumentRelationships}"><sheets><sheet name="{SheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", Declaration + $"""
            <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{DocumentRelationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DocumentRelationships}/styles" Target="styles.xml"/></Relationships>
            """),
        // Style 0 is the default, style 1 the bold header.
        ("xl/styles.xml", Declaration + $"""
            <styleSheet xmlns="{Main}"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """),
    ];

    // Entitized line breaks: a CR inside a cell survives the line-break normalisation of the XML reader.
    static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = false, NewLineHandling = NewLineHandling.Entitize };

    /// <summary>How many compressed bytes gather before they are passed on.</summary>
    const int DrainThreshold = 65536;

    public static async Task WriteAsync(Stream destination, TableWriteOptions options, IReadOnlyList<string> headers,
        IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        // ZipArchive and DeflateStream write synchronously (also from DisposeAsync), which a response body refuses:
        // they write into a buffer that is handed to the destination asynchronously whenever it has filled.
        var pending = new PendingBytes();
        using (var archive = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in FixedParts)
            {
                using var part = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                part.Write(Encoding.UTF8.GetBytes(xml));
            }
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var writer = XmlWriter.Create(sheet, Settings);
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("worksheet", Main);
            WriteFrozenHeader(writer);
            writer.WriteStartElement("sheetData", Main);
            var number = 1;
            WriteRow(writer, number, headers, bold: true, options.NeutralizeFormulas);
            await foreach (var row in rows.WithCancellation(ct))
            {
                ct.ThrowIfCancellationRequested();
                WriteRow(writer, ++number, row, bold: false, options.NeutralizeFormulas);
                if (pending.Length >= DrainThreshold) await pending.DrainToAsync(destination, ct);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        await pending.DrainToAsync(destination, ct);
        await destination.FlushAsync(ct);
    }

    static void WriteFrozenHeader(XmlWriter writer)
    {
        writer.WriteStartElement("sheetViews", Main);
        writer.WriteStartElement("sheetView", Main);
        writer.WriteAttributeString("workbookViewId", "0");
        writer.WriteStartElement("pane", Main);
        writer.WriteAttributeString("ySplit", "1");
        writer.WriteAttributeString("topLeftCell", "A2");
        writer.WriteAttributeString("activePane", "bottomLeft");
        writer.WriteAttributeString("state", "frozen");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    static void WriteRow(XmlWriter writer, int number, IReadOnlyList<string> cells, bool bold, bool neutralize)
    {
        var row = number.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement("row", Main);
        writer.WriteAttributeString("r", row);
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i] ?? "";
            if (text.Length == 0) continue;
            if (neutralize) text = Formulas.Neutralize(text);
            writer.WriteStartElement("c", Main);
            writer.WriteAttributeString("r", ColumnName(i) + row);
            writer.WriteAttributeString("t", "inlineStr");
            if (bold) writer.WriteAttributeString("s", "1");
            writer.WriteStartElement("is", Main);
            writer.WriteStartElement("t", Main);
            if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) writer.WriteAttributeString("xml", "space", null, "preserve");
            writer.WriteString(ExcelText(text));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>A, B … Z, AA, AB …</summary>
    static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>Text as Excel stores it: characters XML cannot hold (control characters, a lone surrogate) as Excel's
    /// escape _xHHHH_, and text that already looks like such an escape with its underscore escaped (_x005F_), so
    /// that the cell reads back exactly as written.</summary>
    static string ExcelText(string text)
    {
        if (!text.AsSpan().ContainsAnyExcept(PlainCharacters)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (c == '_' && LooksEscaped(text, i) || !XmlConvert.IsXmlChar(c))
            {
                escaped.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    static bool LooksEscaped(string text, int at) =>
        at + 6 < text.Length && text[at + 1] == 'x' && text[at + 6] == '_' && int.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    /// <summary>Characters that never need escaping: everything XML allows as it is except the underscore.</summary>
    static readonly SearchValues<char> PlainCharacters = SearchValues.Create(
        Enumerable.Range(0x20, 0xD800 - 0x20).Select(c => (char)c).Where(c => c != '_')
            .Concat(Enumerable.Range(0xE000, 0xFFFE - 0xE000).Select(c => (char)c))
            .Concat(['\t', '\n', '\r']).ToArray());

    /// <summary>A write-only buffer for the archive's synchronous writes; it cannot seek, so ZipArchive streams the
    /// entries (sizes in data descriptors) instead of going back to patch their headers.</summary>
    sealed class PendingBytes : Stream
    {
        readonly MemoryStream buffer = new();

        public override long Length => buffer.Length;

        public async Task DrainToAsync(Stream destination, CancellationToken ct)
        {
            if (buffer.Length == 0) return;
            await destination.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
            buffer.SetLength(0);
        }

        public override void Write(byte[] bytes, int offset, int count) => buffer.Write(bytes, offset, count);
        public override void Write(ReadOnlySpan<byte> bytes) => buffer.Write(bytes);
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] bytes, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
