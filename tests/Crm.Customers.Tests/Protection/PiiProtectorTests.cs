using System.Security.Cryptography;
using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Protection;

/// <summary>Personal data encrypted for storage and hashed for lookup.</summary>
public sealed class PiiProtectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-pii").FullName;
    private readonly PiiKeyRing _ring;
    private readonly PiiProtector _protector;

    public PiiProtectorTests()
    {
        _ring = PiiKeyRing.LoadOrCreate(_folder);
        _protector = new PiiProtector(_ring);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("13812345678")]
    [InlineData("11010519491231002X")]
    [InlineData("张三 zhang@example.com")]
    [InlineData("")]
    public void A_protected_value_reads_back(string plain) => Assert.Equal(plain, _protector.Unprotect(_protector.Protect(plain)));

    [Fact]
    public void The_stored_form_names_the_key_and_carries_nonce_ciphertext_and_tag()
    {
        var stored = _protector.Protect("13812345678");

        Assert.StartsWith("k1:", stored);
        Assert.DoesNotContain("13812345678", stored);
        Assert.Equal(12 + 11 + 16, Convert.FromBase64String(stored["k1:".Length..]).Length);
    }

    [Fact]
    public void The_same_value_protects_differently_each_time() =>
        Assert.NotEqual(_protector.Protect("13812345678"), _protector.Protect("13812345678"));

    [Fact]
    public void After_rotation_new_values_use_the_new_key_and_old_ones_still_read()
    {
        var old = _protector.Protect("13812345678");

        _ring.Rotate();
        var fresh = _protector.Protect("13912345678");

        Assert.StartsWith("k2:", fresh);
        Assert.Equal("13812345678", _protector.Unprotect(old));
        Assert.Equal("13912345678", _protector.Unprotect(fresh));
    }

    [Fact]
    public void A_value_under_a_key_rotated_by_another_process_is_read_after_rereading_the_file()
    {
        var elsewhere = PiiKeyRing.LoadOrCreate(_folder);
        elsewhere.Rotate();
        var stored = new PiiProtector(elsewhere).Protect("13812345678");

        Assert.Equal("13812345678", _protector.Unprotect(stored));
        Assert.Equal("k2", _ring.CurrentKeyId);
    }

    [Fact]
    public void A_value_under_an_unknown_key_names_the_key()
    {
        var stored = _protector.Protect("13812345678").Replace("k1:", "k9:");

        var error = Assert.Throws<CryptographicException>(() => _protector.Unprotect(stored));

        Assert.Contains("k9", error.Message);
    }

    [Fact]
    public void A_tampered_value_is_refused()
    {
        var stored = _protector.Protect("13812345678");
        var blob = Convert.FromBase64String(stored[3..]);
        blob[12] ^= 1; // first ciphertext byte

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("k1:" + Convert.ToBase64String(blob)));
    }

    [Fact]
    public void A_value_moved_to_another_key_is_refused()
    {
        var stored = _protector.Protect("13812345678");
        _ring.Rotate();

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect("k2" + stored[2..]));
    }

    [Theory]
    [InlineData("13812345678")]        // no key id
    [InlineData(":AAAA")]
    [InlineData("k1:not base64!")]
    [InlineData("k1:AAAA")]            // shorter than nonce and tag
    public void Malformed_values_are_refused(string stored) =>
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(stored));

    [Fact]
    public void Equal_input_hashes_equal_across_rotations_and_reloads()
    {
        var before = _protector.Hash("13812345678");
        _ring.Rotate();

        Assert.Equal(32, before.Length);
        Assert.Equal(before, _protector.Hash("13812345678"));
        Assert.Equal(before, new PiiProtector(PiiKeyRing.LoadOrCreate(_folder)).Hash("13812345678"));
        Assert.NotEqual(before, _protector.Hash("13912345678"));
    }

    [Fact]
    public void Hashes_differ_between_key_rings()
    {
        var other = Directory.CreateTempSubdirectory("crm-pii").FullName;
        try
        {
            Assert.NotEqual(_protector.Hash("13812345678"), new PiiProtector(PiiKeyRing.LoadOrCreate(other)).Hash("13812345678"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void Protection_is_safe_from_many_threads()
    {
        var values = Enumerable.Range(0, 200).Select(i => $"138{i:D8}").ToArray();

        var roundTripped = values.AsParallel().Select(v => _protector.Unprotect(_protector.Protect(v))).ToArray();

        Assert.Equal(values.Order(), roundTripped.Order());
    }
}
