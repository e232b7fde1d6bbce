using System.Runtime.Versioning;
using System.Text.Json;
using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Protection;

/// <summary>The key file that protects customers' personal data: created once, owner-only, shared, rotated.</summary>
public sealed class PiiKeyRingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-pii").FullName;

    private string KeyFile => Path.Combine(_folder, PiiKeyRing.FileName);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_first_load_creates_the_key_file_with_one_key()
    {
        var ring = PiiKeyRing.LoadOrCreate(_folder);

        Assert.True(File.Exists(KeyFile));
        Assert.Equal(KeyFile, ring.FilePath);
        Assert.Equal("k1", ring.CurrentKeyId);
        Assert.Equal(["k1"], ring.KeyIds);
    }

    [UnixFact, UnsupportedOSPlatform("windows")]
    public void The_key_file_is_readable_by_its_owner_only()
    {
        PiiKeyRing.LoadOrCreate(_folder);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    [Fact]
    public void A_missing_folder_is_created()
    {
        var folder = Path.Combine(_folder, "data", "keys");

        PiiKeyRing.LoadOrCreate(folder);

        Assert.True(File.Exists(Path.Combine(folder, PiiKeyRing.FileName)));
    }

    [Fact]
    public void The_key_file_holds_the_keys_the_hmac_key_and_the_current_id()
    {
        PiiKeyRing.LoadOrCreate(_folder);

        using var json = JsonDocument.Parse(File.ReadAllText(KeyFile));
        var root = json.RootElement;
        Assert.Equal("k1", root.GetProperty("currentKeyId").GetString());
        Assert.Equal(32, root.GetProperty("hmacKey").GetBytesFromBase64().Length);
        var key = Assert.Single(root.GetProperty("keys").EnumerateArray());
        Assert.Equal("k1", key.GetProperty("id").GetString());
        Assert.Equal(32, key.GetProperty("key").GetBytesFromBase64().Length);
        Assert.True(key.GetProperty("createdAt").TryGetDateTimeOffset(out _));
    }

    [Fact]
    public void A_second_load_reads_the_same_keys()
    {
        var first = PiiKeyRing.LoadOrCreate(_folder);
        var protectedValue = new PiiProtector(first).Protect("13812345678");

        var second = PiiKeyRing.LoadOrCreate(_folder);

        Assert.Equal(first.CurrentKeyId, second.CurrentKeyId);
        Assert.Equal(first.HmacKey, second.HmacKey);
        Assert.Equal("13812345678", new PiiProtector(second).Unprotect(protectedValue));
    }

    [Fact]
    public void Loads_racing_to_create_the_file_all_end_up_with_one_ring()
    {
        var rings = new PiiKeyRing[8];
        Parallel.For(0, rings.Length, i => rings[i] = PiiKeyRing.LoadOrCreate(_folder));

        Assert.Single(rings.Select(r => Convert.ToBase64String(r.CurrentKey.Key)).Distinct());
        Assert.Single(rings.Select(r => Convert.ToBase64String(r.HmacKey)).Distinct());
        // The key file and the lock file that serialises its creation; no temporary file is left behind.
        Assert.Equal([PiiKeyRing.FileName, PiiKeyRing.FileName + ".lock"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Rotation_adds_a_new_current_key_and_keeps_the_old_ones()
    {
        var ring = PiiKeyRing.LoadOrCreate(_folder);
        var hmacKey = ring.HmacKey;

        ring.Rotate();
        ring.Rotate();

        Assert.Equal("k3", ring.CurrentKeyId);
        Assert.Equal(["k1", "k2", "k3"], ring.KeyIds);
        Assert.Equal(hmacKey, ring.HmacKey);
        var reloaded = PiiKeyRing.LoadOrCreate(_folder);
        Assert.Equal("k3", reloaded.CurrentKeyId);
        Assert.Equal(["k1", "k2", "k3"], reloaded.KeyIds);
    }

    [UnixFact, UnsupportedOSPlatform("windows")]
    public void The_key_file_stays_owner_only_after_rotation()
    {
        PiiKeyRing.LoadOrCreate(_folder).Rotate();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    [Fact]
    public void Rotations_by_two_rings_on_one_file_keep_both_keys()
    {
        var first = PiiKeyRing.LoadOrCreate(_folder);
        var second = PiiKeyRing.LoadOrCreate(_folder);

        first.Rotate();
        second.Rotate();

        Assert.Equal(["k1", "k2", "k3"], PiiKeyRing.LoadOrCreate(_folder).KeyIds);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"currentKeyId":"k2","keys":[{"id":"k1","key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","createdAt":"2025-01-01T00:00:00Z"}],"hmacKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    [InlineData("""{"currentKeyId":"k1","keys":[{"id":"k1","key":"AAAA","createdAt":"2025-01-01T00:00:00Z"}],"hmacKey":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    public void A_damaged_key_file_is_reported_not_replaced(string content)
    {
        File.WriteAllText(KeyFile, content);

        var error = Assert.Throws<InvalidDataException>(() => PiiKeyRing.LoadOrCreate(_folder));

        Assert.Contains("个人信息密钥文件", error.Message);
        Assert.Equal(content, File.ReadAllText(KeyFile));
    }
}

/// <summary>A fact about Unix file modes, skipped on Windows where files have none.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Unix file modes only";
    }
}
