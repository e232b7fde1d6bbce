using System.Xml.Linq;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Architecture.Tests;

/// <summary>One version of every package across the solution: two versions of EF Core in one process fail at run
/// time, not at build. Versions live only in Directory.Packages.props.</summary>
public sealed class CentralPackageTests
{
    static readonly XDocument PackagesProps = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props"));

    static IEnumerable<string> VersionsInProject(Project project) =>
        project.PackageReferences
            .Where(r => r.Attribute("Version") is not null || r.Attribute("VersionOverride") is not null
                        || r.Elements().Any(e => e.Name.LocalName is "Version" or "VersionOverride"))
            .Select(r => $"{project}: {(string?)r.Attribute("Include")}");

    [Fact]
    public void Central_package_management_is_on()
    {
        var enabled = PackagesProps.Descendants().Single(e => e.Name.LocalName == "ManagePackageVersionsCentrally");

        Assert.Equal("true", enabled.Value);
    }

    [Fact]
    public void No_project_states_a_package_version()
    {
        var projects = Projects.All;

        Assert.Contains(projects, p => p.Name == "Crm.Host");
        Assert.Empty(projects.SelectMany(VersionsInProject));
    }

    [Fact]
    public void Every_referenced_package_has_its_version_in_Directory_Packages_props()
    {
        var central = PackagesProps.Descendants().Where(e => e.Name.LocalName == "PackageVersion")
            .Select(e => (string)e.Attribute("Include")!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = Projects.All.SelectMany(p => p.PackageReferences.Select(r => (string)r.Attribute("Include")!)
            .Where(name => !central.Contains(name)).Select(name => $"{p}: {name}"));

        Assert.Empty(missing);
    }

    [Fact]
    public void Check_catches_a_project_that_states_a_version()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-arch-{Guid.NewGuid():N}.csproj");
        File.WriteAllText(file, """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Microsoft.EntityFrameworkCore" Version="10.0.12" />
                <PackageReference Include="MudBlazor"><Version>9.0.0</Version></PackageReference>
                <PackageReference Include="Cronos" />
              </ItemGroup>
            </Project>
            """);
        try
        {
            var violations = VersionsInProject(new Project(file)).ToList();

            Assert.Equal(2, violations.Count);
            Assert.Contains(violations, v => v.EndsWith("Microsoft.EntityFrameworkCore"));
            Assert.Contains(violations, v => v.EndsWith("MudBlazor"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
