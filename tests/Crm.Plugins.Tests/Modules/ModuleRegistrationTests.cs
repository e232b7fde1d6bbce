using Crm.Host.Hosting;
using Crm.Host.Modules;
using Crm.Host.Tests.Infrastructure;
using Crm.Plugins.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using static Crm.Plugins.Tests.Infrastructure.TestPluginFolder;

namespace Crm.Plugins.Tests.Modules;

/// <summary><c>AddCrmHost</c> refuses to build a host with a module that can't load or can't register its services.</summary>
public sealed class ModuleRegistrationTests : IDisposable
{
    readonly string dataFolder = RepoPaths.NewTempFolder("crm-registration");

    WebApplicationBuilder Builder(TestPluginFolder plugins)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = dataFolder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Modules:Path"] = plugins.Path,
            ["Database:Path"] = Path.Combine(dataFolder, "crm.db"),
        });
        return builder;
    }

    [Fact]
    public void Module_that_throws_while_registering_stops_the_host_naming_the_module()
    {
        using var plugins = With(Alpha, Throwing);

        var error = Assert.Throws<ModuleLoadException>(() => Builder(plugins).AddCrmHost());

        Assert.Contains("throwing", error.Message);
        Assert.Contains("缺少配置 Throwing:ApiKey", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Module_that_cannot_load_stops_the_host_with_the_reason()
    {
        using var plugins = With(Alpha, Orphan);

        var error = Assert.Throws<ModuleLoadException>(() => Builder(plugins).AddCrmHost());

        Assert.Contains("orphan", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Host_with_well_formed_modules_registers_them()
    {
        using var plugins = With(Alpha, Beta);
        var builder = Builder(plugins);

        builder.AddCrmHost();

        var catalog = (ModuleCatalog)Assert.Single(builder.Services, d => d.ServiceType == typeof(ModuleCatalog)).ImplementationInstance!;
        Assert.Equal(["alpha", "beta"], catalog.Modules.Select(m => m.Id));
        Assert.Contains(builder.Services, d => d.ServiceType.FullName == "Test.Alpha.AlphaClock");
    }

    public void Dispose()
    {
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }
}
