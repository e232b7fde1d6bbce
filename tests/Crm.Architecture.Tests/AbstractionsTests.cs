using System.Text.Json;
using Crm.Abstractions.Modules;

namespace Crm.Architecture.Tests;

/// <summary>Crm.Abstractions is the SDK every module compiles against: contracts only. It must not drag a database
/// provider, a UI framework or a module into every plugin.</summary>
public sealed class AbstractionsTests
{
    static readonly string[] ForbiddenPrefixes =
    [
        // EF Core providers (the core Microsoft.EntityFrameworkCore package, for DbContext, is allowed)
        "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Microsoft.EntityFrameworkCore.InMemory",
        "Microsoft.Data.Sqlite", "Npgsql", "SQLitePCLRaw",
        // UI component frameworks
        "MudBlazor", "Radzen", "AntDesign", "BootstrapBlazor",
        // the host
        "Crm.Host",
    ];

    static bool Forbidden(string name) =>
        ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || Projects.Modules.Concat(Projects.TestPlugins).Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Abstractions_references_no_other_project() =>
        Assert.Empty(Projects.Abstractions.ProjectReferences);

    [Fact]
    public void Abstractions_references_no_provider_or_ui_package()
    {
        var packages = Projects.Abstractions.PackageReferences.Select(p => (string)p.Attribute("Include")!).ToList();

        Assert.NotEmpty(packages);
        Assert.DoesNotContain(packages, Forbidden);
    }

    [Fact]
    public void Abstractions_does_not_get_a_provider_or_ui_package_transitively()
    {
        var assets = Path.Combine(Projects.Abstractions.Folder, "obj", "project.assets.json");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));

        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("Microsoft.EntityFrameworkCore", libraries);
        Assert.DoesNotContain(libraries, Forbidden);
    }

    [Fact]
    public void Abstractions_assembly_references_no_module_provider_or_ui_framework()
    {
        var references = Projects.AssemblyReferences(typeof(ICrmModule).Assembly.Location);

        Assert.Contains("Microsoft.EntityFrameworkCore", references);
        Assert.DoesNotContain(references, Forbidden);
    }
}
