using Crm.Host.Modules;
using Crm.Plugins.Tests.Infrastructure;
using static Crm.Plugins.Tests.Infrastructure.TestPluginFolder;

namespace Crm.Plugins.Tests.Modules;

/// <summary>What the plugin loader makes of a plugins folder: which modules load, in what order, and why the others don't.</summary>
public sealed class ModuleCatalogTests
{
    static ModuleCatalog Load(TestPluginFolder folder, params string[] disabled) => ModuleCatalog.Load(folder.Path, disabled);

    static ModuleEntry Entry(ModuleCatalog catalog, string id) => Assert.Single(catalog.Entries, e => e.Id == id);

    [Fact]
    public void Loaded_module_is_listed_with_its_manifest()
    {
        using var folder = With(Alpha);

        var alpha = Entry(Load(folder), "alpha");

        Assert.Equal(ModuleState.Loaded, alpha.State);
        Assert.Null(alpha.Reason);
        Assert.Equal("阿尔法测试模块", alpha.Name);
        Assert.Equal("1.2.3", alpha.Version);
        Assert.Equal(Path.Combine(folder.Path, Alpha), alpha.Folder);
    }

    [Fact]
    public void A_configured_plugins_folder_that_does_not_exist_is_a_failure_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "crm-no-such-plugins-" + Guid.NewGuid().ToString("N"));

        var options = new Crm.Host.Hosting.ModulesOptions { Path = missing };
        var failure = Assert.Single(options.LoadCatalog().Failures);

        Assert.Contains("Modules:Path", failure.Reason);
        Assert.Contains(missing, failure.Reason);
    }

    [Fact]
    public void The_default_plugins_folder_may_be_absent()
    {
        var catalog = ModuleCatalog.Load(Path.Combine(Path.GetTempPath(), "crm-absent-" + Guid.NewGuid().ToString("N")), []);

        Assert.Empty(catalog.Entries);
    }

    [Fact]
    public void Modules_are_ordered_by_their_dependencies_not_by_folder_or_id()
    {
        // acme depends on beta, beta on alpha; "acme" and "Test.Acme" sort first.
        using var folder = With(Acme, Alpha, Beta);

        var catalog = Load(folder);

        Assert.All(catalog.Entries, e => Assert.Equal(ModuleState.Loaded, e.State));
        Assert.Equal(["alpha", "beta", "acme"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Module_with_a_missing_dependency_fails_naming_itself_and_the_dependency()
    {
        using var folder = With(Alpha, Orphan);

        var catalog = Load(folder);

        var orphan = Entry(catalog, "orphan");
        Assert.Equal(ModuleState.Failed, orphan.State);
        Assert.Contains("orphan", orphan.Reason);
        Assert.Contains("missing", orphan.Reason);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Module_whose_dependency_cannot_load_fails_too_down_the_chain()
    {
        using var folder = With(Acme, Beta);

        var catalog = Load(folder);

        Assert.Contains("alpha", Entry(catalog, "beta").Reason);
        Assert.Contains("beta", Entry(catalog, "acme").Reason);
        Assert.Empty(catalog.Modules);
    }

    [Fact]
    public void Two_modules_with_one_id_both_fail_naming_both_folders()
    {
        using var folder = With(Alpha, AlphaTwin);

        var catalog = Load(folder);

        Assert.Equal(2, catalog.Entries.Count);
        Assert.All(catalog.Entries, e =>
        {
            Assert.Equal(ModuleState.Failed, e.State);
            Assert.Contains("'alpha'", e.Reason);
            Assert.Contains(Alpha, e.Reason);
            Assert.Contains(AlphaTwin, e.Reason);
        });
        Assert.Empty(catalog.Modules);
    }

    [Fact]
    public void Dependency_cycle_fails_the_modules_in_it_and_spares_the_others()
    {
        using var folder = With(Alpha, Cycle1, Cycle2);

        var catalog = Load(folder);

        Assert.Equal(ModuleState.Failed, Entry(catalog, "cycle1").State);
        Assert.Equal(ModuleState.Failed, Entry(catalog, "cycle2").State);
        Assert.Contains(catalog.Entries, e => e.Reason?.Contains("循环依赖") == true);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Theory]
    [InlineData("beta")]
    [InlineData("Test.Beta")]
    public void Module_disabled_in_configuration_by_id_or_folder_is_listed_but_not_loaded(string disabled)
    {
        using var folder = With(Alpha, Beta);

        var catalog = Load(folder, disabled);

        var beta = Entry(catalog, "beta");
        Assert.Equal(ModuleState.Disabled, beta.State);
        Assert.Contains("Modules:Disabled", beta.Reason);
        Assert.Empty(catalog.Failures);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Disabling_a_module_fails_the_modules_that_depend_on_it()
    {
        using var folder = With(Alpha, Beta);

        var catalog = Load(folder, "alpha");

        Assert.Equal(ModuleState.Disabled, Entry(catalog, "alpha").State);
        var beta = Entry(catalog, "beta");
        Assert.Equal(ModuleState.Failed, beta.State);
        Assert.Contains("alpha", beta.Reason);
    }

    [Fact]
    public void Unknown_module_in_Modules_Disabled_is_a_failure_naming_it()
    {
        using var folder = With(Alpha);

        var catalog = Load(folder, "gamma");

        var failure = Assert.Single(catalog.Failures);
        Assert.Contains("'gamma'", failure.Reason);
        Assert.Contains("Modules:Disabled", failure.Reason);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Plugin_folder_without_its_assembly_fails_naming_the_folder()
    {
        using var folder = With(Alpha).AddEmpty("Test.Ghost");

        var catalog = Load(folder);

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(Path.Combine(folder.Path, "Test.Ghost"), failure.Folder);
        Assert.Contains("Test.Ghost.dll", failure.Reason);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Corrupt_plugin_assembly_fails_naming_the_folder()
    {
        using var folder = With(Alpha).AddCorrupt("Test.Broken");

        var catalog = Load(folder);

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("Test.Broken", failure.Id);
        Assert.Contains("Test.Broken", failure.Reason);
        Assert.Equal(["alpha"], catalog.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Empty_plugins_folder_loads_no_modules_and_no_failures()
    {
        using var folder = new TestPluginFolder();

        var catalog = Load(folder);

        Assert.Empty(catalog.Entries);
        Assert.Empty(catalog.Modules);
    }
}
