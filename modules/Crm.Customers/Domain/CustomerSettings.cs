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

    /// <summary>Address of the site as users open it (e.g. <c>https://crm.example.com</c>), for links in e-mails;
    /// without it the links are site-relative paths.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>Expected number of customers from which a tag combination counts as common, and the list walks its
    /// sort order instead of intersecting tag links (see <c>CustomerQuery</c>). A tuning knob, not a rule.</summary>
    public int CommonTagCombination { get; set; } = 5000;

    /// <summary>Largest file accepted for import, in MB (default 100); a larger one is refused before it is read.</summary>
    public int ImportMaxMegabytes { get; set; } = 100;

    /// <summary>Custom tags a customer may carry at most (the domain rule: 5).</summary>
    public int MaxCustomTags { get; set; } = 5;
}
