using System.Buffers;
using System.Text;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>How a CSV's bytes become text. Without a choice: a byte order mark decides (UTF-8, or UTF-16 from Excel's
/// "Unicode 文本"); otherwise the whole file is checked as UTF-8 chunk by chunk, and a file that is not valid UTF-8
/// is GB18030 (a superset of GBK/GB2312), which is what Excel and WPS save "CSV" as on Chinese Windows. A choice of
/// the user's is used as given, but UTF-8 for a file that is not UTF-8 is refused, and another encoding for a file
/// that is clearly UTF-8 gives a warning.</summary>
internal sealed record CsvEncoding(Encoding Encoding, string Name, int BomLength, string? Warning)
{
    const int ChunkSize = 81920;

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Registered with the code-pages provider by TableFiles.
    static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>Whether the content is UTF-16 by its byte order mark (its NUL bytes are not binary content then).</summary>
    public static bool IsUtf16(ReadOnlySpan<byte> head) => head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];

    public static async Task<CsvEncoding> ChooseAsync(Stream content, byte[] head, string? requested, CancellationToken ct)
    {
        var utf8Bom = head is [0xEF, 0xBB, 0xBF, ..];
        if (string.IsNullOrWhiteSpace(requested))
        {
            if (utf8Bom) return new CsvEncoding(StrictUtf8, "utf-8", 3, null);
            if (head is [0xFF, 0xFE, ..]) return new CsvEncoding(Encoding.Unicode, "utf-16", 2, null);
            if (head is [0xFE, 0xFF, ..]) return new CsvEncoding(Encoding.BigEndianUnicode, "utf-16", 2, null);
            var scan = await ScanUtf8Async(content, 0, ct);
            return scan.Valid ? new CsvEncoding(StrictUtf8, "utf-8", 0, null) : new CsvEncoding(Gb18030, "gb18030", 0, null);
        }

        var chosen = Resolve(requested);
        if (chosen.CodePage == Encoding.UTF8.CodePage)
        {
            if (!(await ScanUtf8Async(content, utf8Bom ? 3 : 0, ct)).Valid)
                throw new TableFileException("文件不是有效的 UTF-8 编码（可能是 GBK/GB18030），请选择 GB18030 编码后重试");
            return new CsvEncoding(StrictUtf8, "utf-8", utf8Bom ? 3 : 0, null);
        }
        var name = NameOf(chosen);
        var looksUtf8 = await ScanUtf8Async(content, 0, ct) is { Valid: true, MultiByte: true };
        var bomLength = chosen.Preamble.Length > 0 && head.AsSpan().StartsWith(chosen.Preamble) ? chosen.Preamble.Length : 0;
        return new CsvEncoding(chosen, name, bomLength,
            looksUtf8 ? $"文件看起来是 UTF-8 编码，却按 {name.ToUpperInvariant()} 读取，中文可能显示为乱码" : null);
    }

    static Encoding Resolve(string requested)
    {
        var name = requested.Trim().ToLowerInvariant();
        try
        {
            return name is "utf8" ? Encoding.UTF8 : Encoding.GetEncoding(name);
        }
        catch (ArgumentException ex)
        {
            throw new TableFileException($"不认识的编码“{requested.Trim()}”（可用：utf-8、gb18030）", ex);
        }
    }

    static string NameOf(Encoding encoding) => encoding.CodePage switch
    {
        54936 => "gb18030",
        936 => "gbk",
        _ => encoding.WebName,
    };

    /// <summary>Decodes the whole content as strict UTF-8 without holding it: the decoder carries a character split
    /// across two chunks (GetChars, not GetCharCount, which leaves the decoder's state alone). <c>MultiByte</c>:
    /// anything beyond ASCII was seen (a pure ASCII file is UTF-8 and GB18030 alike).</summary>
    static async Task<(bool Valid, bool MultiByte)> ScanUtf8Async(Stream content, int skip, CancellationToken ct)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var chars = ArrayPool<char>.Shared.Rent(ChunkSize + 2);
        var multiByte = false;
        content.Position = skip;
        try
        {
            int read;
            while ((read = await content.ReadAsync(bytes.AsMemory(0, ChunkSize), ct)) > 0)
            {
                var chunk = bytes.AsSpan(0, read);
                multiByte = multiByte || chunk.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
                decoder.GetChars(chunk, chars, flush: false);
            }
            decoder.GetChars([], chars, flush: true);
            return (true, multiByte);
        }
        catch (DecoderFallbackException)
        {
            return (false, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
            content.Position = 0;
        }
    }
}
