using System.Reflection;
using Crm.Abstractions.Data;
using Crm.Abstractions.Scheduling;
using Crm.Abstractions.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Abstractions.Modules;

/// <summary>What a module receives while registering: the service collection, configuration and helpers
/// that wire its database, scheduled jobs and UI slot components into the host the same way for every module.</summary>
public sealed class ModuleServiceContext(string moduleId, IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
{
    public string ModuleId { get; } = moduleId;
    public IServiceCollection Services { get; } = services;
    public IConfiguration Configuration { get; } = configuration;
    public IHostEnvironment Environment { get; } = environment;

    /// <summary>Registers the module's DbContext on the shared database. Migrations are read from the context's
    /// assembly and recorded in <c>__EFMigrationsHistory_{moduleId}</c>; the host applies them at startup.</summary>
    public ModuleServiceContext AddDbContext<TContext>() where TContext : DbContext
    {
        var moduleId = ModuleId;
        Services.AddDbContext<TContext>((sp, options) =>
            sp.GetRequiredService<ICrmDatabase>().Configure(options, moduleId));
        Services.AddSingleton(new ModuleDbContextRegistration(moduleId, typeof(TContext)));
        return this;
    }

    /// <summary>Registers a recurring job. Administrators can change its cron expression or pause it later.</summary>
    public ModuleServiceContext AddScheduledJob<TJob>(string key, string displayName, string cron, string timeZone = ScheduledJobDefinition.DefaultTimeZone)
        where TJob : class, IScheduledJob
    {
        Services.AddScoped<TJob>();
        Services.AddSingleton(new ScheduledJobDefinition(key, displayName, cron, timeZone, typeof(TJob), ModuleId));
        return this;
    }

    /// <summary>Places a component in a named UI slot of another page (e.g. a tab on the customer detail page).</summary>
    public ModuleServiceContext AddSlotComponent<TComponent>(string slot, string title, int order = 0, string? permission = null)
        where TComponent : IComponent
    {
        Services.AddSingleton(new SlotComponent(slot, typeof(TComponent), title, order, permission, ModuleId));
        return this;
    }

    /// <summary>The assembly to scan for embedded default templates is the module's own.</summary>
    public ModuleServiceContext AddTemplates(Assembly assembly)
    {
        Services.AddSingleton(new Templates.TemplateSource(ModuleId, assembly));
        return this;
    }
}
