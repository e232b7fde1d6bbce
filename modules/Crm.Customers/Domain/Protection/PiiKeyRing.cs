using System.Security.Cryptography;
using System.Text.Json;

namespace Crm.Customers.Domain;

/// <summary>The keys that protect customers' personal data (个人信息, PIPL): AES-256 keys by id, one of them current,
/// and one HMAC key for lookup hashes that never rotates, so hashes stay comparable. Kept in
/// {folder}/customers-pii.key, readable by the service account only. Losing the file loses the data: back it up.</summary>
internal sealed class PiiKeyRing
{
    public const string FileName = "customers-pii.key";
    private const int KeySize = 32;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly Lock _gate = new();
    private volatile KeyFile _file;

    private PiiKeyRing(string path, KeyFile file)
    {
        FilePath = path;
        _file = file;
    }

    public string FilePath { get; }

    public string CurrentKeyId => _file.CurrentKeyId;

    /// <summary>Every key id, oldest first; values protected under any of them can be read.</summary>
    public IReadOnlyList<string> KeyIds => [.. _file.Keys.Select(k => k.Id)];

    internal byte[] HmacKey => _file.HmacKey;

    internal (string Id, byte[] Key) CurrentKey
    {
        get
        {
            var file = _file;
            return (file.CurrentKeyId, file.Find(file.CurrentKeyId)!.Key);
        }
    }

    /// <summary>Reads the key file in <paramref name="folder"/>, or creates it with a first key when there is none.</summary>
    public static PiiKeyRing LoadOrCreate(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path)) return new PiiKeyRing(path, Read(path));
        // Create under the cross-process lock: a move "without overwrite" is a check and then a rename on Unix, so two
        // first starts could each publish a ring, and values encrypted with the loser's keys could never be read.
        using var fileLock = AcquireLock(path);
        if (File.Exists(path)) return new PiiKeyRing(path, Read(path));
        var fresh = new KeyFile("k1", [NewKey("k1")], RandomNumberGenerator.GetBytes(KeySize));
        Publish(path, fresh, overwrite: false);
        return new PiiKeyRing(path, fresh);
    }

    /// <summary>Adds a new current key and saves the file; older keys stay so existing values can still be read.</summary>
    public void Rotate()
    {
        lock (_gate)
        {
            // Read-modify-write under a cross-process lock, so two rotations can't both hand out the same id or drop
            // each other's key (values under a dropped key could never be read again).
            using var fileLock = AcquireLock(FilePath);
            var file = KeyFile.Merge(Read(FilePath), _file);
            var next = file.Keys.Count + 1;
            while (file.Find($"k{next}") is not null) next++;
            var id = $"k{next}";
            var rotated = file with { CurrentKeyId = id, Keys = [.. file.Keys, NewKey(id)] };
            Publish(FilePath, rotated, overwrite: true);
            _file = rotated;
        }
    }

    /// <summary>The key with this id, or null. A miss re-reads the file first, because another process may have rotated.</summary>
    internal byte[]? FindKey(string id)
    {
        if (_file.Find(id) is { } key) return key.Key;
        lock (_gate)
        {
            if (_file.Find(id) is { } loaded) return loaded.Key;
            _file = KeyFile.Merge(Read(FilePath), _file);
            return _file.Find(id)?.Key;
        }
    }

    private static StoredKey NewKey(string id) => new(id, RandomNumberGenerator.GetBytes(KeySize), DateTimeOffset.UtcNow);

    private static KeyFile Read(string path)
    {
        KeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KeyFile>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"个人信息密钥文件 {path} 已损坏：{ex.Message}", ex);
        }
        var problem = file is null ? "内容为空" : file.Problem();
        if (problem is not null) throw new InvalidDataException($"个人信息密钥文件 {path} 已损坏：{problem}");
        return file!;
    }

    // The file is written in full under a temporary name and then moved into place, so no reader ever sees it half
    // written. The temporary file is created owner-only (CreateNew with the mode set at creation, then set again on
    // the handle in case the umask took bits away) before any secret goes into it. Without overwrite, false when
    // another process published first.
    private static bool Publish(string path, KeyFile file, bool overwrite)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var stream = new FileStream(temporary, options))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
                JsonSerializer.Serialize(stream, file, Json);
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }
            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private sealed record StoredKey(string Id, byte[] Key, DateTimeOffset CreatedAt);

    private sealed record KeyFile(string CurrentKeyId, IReadOnlyList<StoredKey> Keys, byte[] HmacKey)
    {
        public StoredKey? Find(string id) => Keys.FirstOrDefault(k => k.Id == id);

        public string? Problem()
        {
            if (HmacKey.Length != KeySize) return "HMAC 密钥长度不是 32 字节";
            if (Keys.Count == 0) return "没有加密密钥";
            if (Keys.FirstOrDefault(k => k.Key.Length != KeySize) is { } shortKey) return $"密钥 {shortKey.Id} 长度不是 32 字节";
            // The id prefixes every protected value and ends at the first colon.
            if (Keys.Any(k => k.Id.Length == 0 || k.Id.Contains(':'))) return "密钥编号为空或含有冒号";
            if (Keys.DistinctBy(k => k.Id).Count() != Keys.Count) return "密钥编号重复";
            return Find(CurrentKeyId) is null ? $"当前密钥 {CurrentKeyId} 不在密钥列表中" : null;
        }

        // What is on disk wins, but a key this process still holds is never dropped: values may already use it.
        public static KeyFile Merge(KeyFile disk, KeyFile memory)
        {
            if (!disk.HmacKey.AsSpan().SequenceEqual(memory.HmacKey))
                throw new CryptographicException("个人信息密钥文件的 HMAC 密钥被更换，已保存的查找哈希将无法比对");
            return disk with { Keys = [.. disk.Keys, .. memory.Keys.Where(k => disk.Find(k.Id) is null)] };
        }
    }
}
