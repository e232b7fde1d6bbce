namespace Crm.Customers.Domain;

/// <summary>A protected value as stored: the ciphertext (with its key id) and the keyed hash for exact lookup.</summary>
internal readonly record struct ProtectedValue(string? Cipher, byte[]? Hash)
{
    public static ProtectedValue Empty => default;
}

/// <summary>The one place that turns personal data into what is stored and what is shown: encrypted with a keyed
/// hash on the way in, masked on the way out. Plain values leave only through <see cref="Reveal"/>, which callers
/// audit.</summary>
internal sealed class PersonalData(PiiProtector protector)
{
    /// <summary>Protects an already normalised value (e.g. 13812345678); null or empty stays empty.</summary>
    public ProtectedValue Protect(string? normalized) =>
        string.IsNullOrEmpty(normalized) ? ProtectedValue.Empty : new(protector.Protect(normalized), protector.Hash(normalized));

    /// <summary>The keyed hash of a normalised value, to find it without decrypting anything.</summary>
    public byte[] Hash(string normalized) => protector.Hash(normalized);

    public string? Masked(string? cipher, PiiField field) => cipher is null ? null : Mask(protector.Unprotect(cipher), field);

    public string? Reveal(string? cipher) => cipher is null ? null : protector.Unprotect(cipher);

    public static string? Mask(string? plain, PiiField field) => field switch
    {
        PiiField.Mobile => Masking.Mobile(plain),
        PiiField.OfficePhone => Masking.Landline(plain),
        PiiField.Email => Masking.Email(plain),
        PiiField.IdNumber => Masking.IdNumber(plain),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
