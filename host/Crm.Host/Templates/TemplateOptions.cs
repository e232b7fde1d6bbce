namespace Crm.Host.Templates;

/// <summary>Configuration section <c>Templates</c>.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Templates";

    /// <summary>Site override folder (<c>{Path}/{module}/{name}.sbn</c>), relative to the content root unless absolute.</summary>
    public string Path { get; set; } = "templates";
}
