namespace Crm.Customers.Domain;

/// <summary>Configuration section <c>Customers</c>.</summary>
public sealed class CustomerSettings
{
    public const string Section = "Customers";

    /// <summary>A customer without a follow-up for this many days is a churn risk (流失风险).</summary>
    public int ChurnRiskDays { get; set; } = 30;

    /// <summary>Largest attachment accepted, in bytes (default 20 MB).</summary>
    public long AttachmentMaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>File extensions accepted as attachments (lower case, with the dot).</summary>
    public string[] AttachmentExtensions { get; set; } =
        [".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv", ".zip"];

    /// <summary>Custom tags a customer may carry at most (the domain rule: 5).</summary>
    public int MaxCustomTags { get; set; } = 5;
}
