namespace Crm.Customers.Domain;

/// <summary>How free-text form fields are stored: trimmed, and blank means "not given" (null).</summary>
internal static class InputText
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
