namespace Crm.Host.Hosting;

/// <summary>Configuration section <c>Modules</c>.</summary>
public sealed class ModulesOptions
{
    public const string Section = "Modules";

    /// <summary>Folder with one sub-folder per plugin; default <c>plugins/</c> beside the host binary.</summary>
    public string? Path { get; set; }

    /// <summary>Module ids (or plugin folder names) not to load.</summary>
    public List<string> Disabled { get; set; } = [];

    public string ResolvePath() =>
        string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "plugins") : System.IO.Path.GetFullPath(Path);

    /// <summary>Loads the modules; a configured folder that does not exist is a failure (a typo would otherwise
    /// start the host without any module), the default folder may be absent.</summary>
    public Modules.ModuleCatalog LoadCatalog() =>
        Modules.ModuleCatalog.Load(ResolvePath(), Disabled, pathRequired: !string.IsNullOrWhiteSpace(Path));

    public static ModulesOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ModulesOptions>() ?? new ModulesOptions();
}
