using Crm.Host.Tests.Infrastructure;

namespace Crm.Architecture.Tests;

/// <summary>Modules talk through contracts in Crm.Abstractions, never through each other's assemblies, and the host
/// knows no module at compile time. The real modules are checked; the test plugins prove the checks catch a breach.</summary>
public sealed class ModuleBoundaryTests
{
    const string Coupled = "Test.Coupled";

    [Fact]
    public void Module_projects_do_not_reference_each_other() =>
        Assert.Empty(ModuleBoundaries.ProjectViolations(Projects.Modules));

    [Fact]
    public void Built_module_assemblies_do_not_reference_each_other() =>
        Assert.Empty(ModuleBoundaries.AssemblyViolations(Projects.Modules));

    [Fact]
    public void Plugins_in_the_hosts_plugins_folder_do_not_reference_each_other()
    {
        var folders = Directory.Exists(RepoPaths.HostPlugins) ? Directory.GetDirectories(RepoPaths.HostPlugins) : [];
        var names = folders.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        var violations = folders
            .Select(f => Path.Combine(f, Path.GetFileName(f) + ".dll"))
            .Where(File.Exists)
            .SelectMany(dll => Projects.AssemblyReferences(dll).Where(names.Contains).Select(r => $"{Path.GetFileName(dll)} references {r}"));

        Assert.Empty(violations);
    }

    [Fact]
    public void Project_check_catches_a_plugin_referencing_another_module()
    {
        var violation = Assert.Single(ModuleBoundaries.ProjectViolations(Projects.TestPlugins));

        Assert.Contains(Coupled, violation);
        Assert.Contains("Test.Alpha.csproj", violation);
    }

    [Fact]
    public void Assembly_check_catches_a_plugin_referencing_another_module()
    {
        var plugins = Projects.TestPlugins;
        Assert.All(plugins, p => Assert.True(p.BuiltAssembly is not null, $"{p} is not built"));

        var violation = Assert.Single(ModuleBoundaries.AssemblyViolations(plugins));

        Assert.Equal($"{Coupled}.dll references module assembly Test.Alpha", violation);
    }

    [Fact]
    public void Every_module_shares_Crm_Abstractions_with_the_host_instead_of_shipping_a_copy()
    {
        // Test plugins are built by the same rules; they make the check meaningful while modules/ is empty.
        foreach (var module in Projects.Modules.Concat(Projects.TestPlugins))
        {
            var reference = Assert.Single(module.ProjectReferences,
                r => ((string)r.Attribute("Include")!).EndsWith("Crm.Abstractions.csproj", StringComparison.Ordinal));
            Assert.True((string?)reference.Attribute("Private") == "false", $"{module}: Crm.Abstractions needs Private=\"false\"");
            Assert.True(((string?)reference.Attribute("ExcludeAssets"))?.Contains("runtime") == true, $"{module}: Crm.Abstractions needs ExcludeAssets=\"runtime\"");
            if (module.BuiltAssembly is { } dll)
                Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dll)!, "Crm.Abstractions.dll")), $"{module} ships its own Crm.Abstractions.dll");
        }
    }

    [Fact]
    public void Host_has_no_project_reference_to_a_module()
    {
        var moduleFolders = new[] { "modules", "plugins" }.Select(f => Path.Combine(RepoPaths.Root, f) + Path.DirectorySeparatorChar);

        var references = Projects.Host.ReferencedProjectFiles.Where(r => moduleFolders.Any(f => r.StartsWith(f, StringComparison.Ordinal)));

        Assert.Empty(references);
    }

    [Fact]
    public void Host_assembly_references_no_module()
    {
        var moduleNames = Projects.Modules.Concat(Projects.TestPlugins).Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var references = Projects.AssemblyReferences(typeof(Program).Assembly.Location);

        Assert.DoesNotContain(references, moduleNames.Contains);
    }
}
