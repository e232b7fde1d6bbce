using Crm.Abstractions.Results;

namespace Crm.Customers.Domain;

/// <summary>The checks and normalisation of a contact's fields, shared by contact editing, customer creation with
/// its primary contact and (later) the import. Personal fields are stored encrypted.</summary>
internal static class ContactRules
{
    /// <summary>Copies the input onto the contact. For personal fields null keeps the stored value and an empty
    /// string clears it. <paramref name="prefix"/> names the fields inside a larger form (<c>primaryContact.</c>).</summary>
    public static void Apply(Contact contact, ContactInput input, PersonalData personal, FieldErrors errors, string prefix = "")
    {
        errors.Required(prefix + "name", "联系人姓名", input.Name).MaxLength(prefix + "name", "联系人姓名", input.Name, 50);
        contact.Name = input.Name?.Trim() ?? "";
        errors.MaxLength(prefix + "position", "职位", input.Position, 50).MaxLength(prefix + "otherId", "其他联系方式", input.OtherId, 100);
        contact.Position = Blank(input.Position);
        contact.OtherId = Blank(input.OtherId);
        contact.DecisionRoleCode = Blank(input.DecisionRoleCode);
        contact.IsPrimary = input.IsPrimary;

        if (Protected(input.Mobile, PhoneNumbers.NormalizeMobile, PhoneNumbers.ExplainMobile, prefix + "mobile", errors, personal) is { } mobile)
            (contact.MobileCipher, contact.MobileHash) = (mobile.Cipher, mobile.Hash);
        if (Protected(input.OfficePhone, PhoneNumbers.NormalizeLandline, PhoneNumbers.ExplainLandline, prefix + "officePhone", errors, personal) is { } phone)
            (contact.OfficePhoneCipher, contact.OfficePhoneHash) = (phone.Cipher, phone.Hash);
        if (Protected(input.Email, EmailAddress.Normalize, EmailAddress.Explain, prefix + "email", errors, personal) is { } email)
            (contact.EmailCipher, contact.EmailHash) = (email.Cipher, email.Hash);
    }

    /// <summary>The value to store, or null to keep what is stored (not given, or invalid).</summary>
    static ProtectedValue? Protected(string? input, Func<string?, string?> normalize, Func<string?, string?> explain, string field, FieldErrors errors, PersonalData personal)
    {
        if (input is null) return null;
        if (input.Trim().Length == 0) return ProtectedValue.Empty;
        if (explain(input) is { } problem)
        {
            errors.Add(field, problem);
            return null;
        }
        return personal.Protect(normalize(input));
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
