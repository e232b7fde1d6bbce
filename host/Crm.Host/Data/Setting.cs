namespace Crm.Host.Data;

/// <summary>A site setting changed at run time (host_settings), e.g. the company name; keys are namespaced by module.</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
