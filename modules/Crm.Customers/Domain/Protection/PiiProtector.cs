using System.Security.Cryptography;
using System.Text;

namespace Crm.Customers.Domain;

/// <summary>Encrypts personal data for storage (AES-256-GCM under the ring's current key) and hashes it for exact-match
/// lookup (HMAC-SHA256), so a phone number can be found without being stored in clear. Thread-safe.</summary>
internal sealed class PiiProtector(PiiKeyRing ring)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>"{keyId}:{base64(nonce | ciphertext | tag)}", with a fresh random nonce each call.</summary>
    public string Protect(string plain)
    {
        var (keyId, key) = ring.CurrentKey;
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var blob = new byte[NonceSize + plainBytes.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        // AesGcm instances are not thread-safe; one per call is cheap next to a database round trip.
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plainBytes, blob.AsSpan(NonceSize, plainBytes.Length), blob.AsSpan(NonceSize + plainBytes.Length));
        return $"{keyId}:{Convert.ToBase64String(blob)}";
    }

    /// <summary>The plain text of a value from <see cref="Protect"/>, under whichever key it names. Throws
    /// <see cref="CryptographicException"/> when the key is unknown or the value was altered.</summary>
    public string Unprotect(string stored)
    {
        var colon = stored.IndexOf(':');
        if (colon <= 0) throw new CryptographicException("个人信息密文格式不正确：缺少密钥编号");
        var keyId = stored[..colon];
        var key = ring.FindKey(keyId)
            ?? throw new CryptographicException($"找不到个人信息密钥“{keyId}”，无法解密；密钥文件 {ring.FilePath} 可能被替换或丢失了这个密钥");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[(colon + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("个人信息密文格式不正确：不是 Base64", ex);
        }
        if (blob.Length < NonceSize + TagSize) throw new CryptographicException("个人信息密文格式不正确：长度不足");
        var plain = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, plain.Length), blob.AsSpan(NonceSize + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>HMAC-SHA256 of the normalized value (all 32 bytes), equal for equal input under every key rotation.</summary>
    public byte[] Hash(string normalizedPlain) => HMACSHA256.HashData(ring.HmacKey, Encoding.UTF8.GetBytes(normalizedPlain));
}
