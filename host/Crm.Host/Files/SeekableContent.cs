namespace Crm.Host.Files;

/// <summary>An uploaded file that can be read more than once (a CSV is scanned for its encoding before it is parsed;
/// a workbook is a ZIP read from its end). A stream that cannot seek — a request body — or that does not start at
/// position 0 is copied to a temporary file, which is deleted when this is disposed.</summary>
internal sealed class SeekableContent : IAsyncDisposable
{
    const int BufferSize = 81920;

    readonly FileStream? temporary;

    SeekableContent(Stream stream, FileStream? temporary)
    {
        Stream = stream;
        this.temporary = temporary;
    }

    /// <summary>The content, positioned at its start.</summary>
    public Stream Stream { get; }

    public static async Task<SeekableContent> OfAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek && content.Position == 0) return new SeekableContent(content, null);
        var path = Path.Combine(Path.GetTempPath(), $"crm-table-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(file, BufferSize, ct);
            file.Position = 0;
            return new SeekableContent(file, file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first bytes (up to <paramref name="count"/>), for the signature and binary checks; the stream is
    /// back at its start afterwards.</summary>
    public async Task<byte[]> HeadAsync(int count, CancellationToken ct)
    {
        Stream.Position = 0;
        var buffer = new byte[count];
        var read = await Stream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, ct);
        Stream.Position = 0;
        return buffer[..read];
    }

    public ValueTask DisposeAsync() => temporary?.DisposeAsync() ?? ValueTask.CompletedTask;
}
