using System.Reflection;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Security;
using Crm.Abstractions.Ui;
using Microsoft.AspNetCore.Routing;

namespace Crm.Abstractions.Modules;

/// <summary>
/// A CrmHost module: its manifest (id, name, version, dependencies, permissions, menu) and its registration.
/// The host discovers one implementation per plugin assembly, orders modules by <see cref="Dependencies"/>,
/// calls <see cref="ConfigureServices"/> before the host is built and <see cref="MapEndpoints"/> after.
/// A module's database (DbContext, migrations, history table) is declared in <see cref="ConfigureServices"/>
/// with <see cref="ModuleServiceContext.AddDbContext{TContext}"/>; the host applies its migrations.
/// </summary>
public interface ICrmModule
{
    /// <summary>Stable id, lower case (e.g. <c>customers</c>); also the template folder and the API prefix.</summary>
    string Id { get; }

    /// <summary>Name shown to users (Chinese first, e.g. 客户档案).</summary>
    string DisplayName { get; }

    Version Version { get; }

    /// <summary>Ids of the modules that must be loaded (and are configured) before this one.</summary>
    IReadOnlyList<string> Dependencies => [];

    /// <summary>Permissions this module checks; administrators assign them to roles.</summary>
    IReadOnlyList<PermissionDefinition> Permissions => [];

    /// <summary>Entries for the main menu; each is shown only to users holding its permission.</summary>
    IReadOnlyList<MenuItem> MenuItems => [];

    /// <summary>Assembly with the module's routable Razor components, or null for a module without pages.</summary>
    Assembly? ComponentAssembly => null;

    /// <summary>Command-line verbs this module adds to <c>Crm.Host</c> (e.g. <c>import</c>).</summary>
    IReadOnlyList<CliVerb> Verbs => [];

    void ConfigureServices(ModuleServiceContext context);

    /// <summary>Maps the module's API; by convention under <c>/api/{Id}/</c>.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
