using Crm.Abstractions.Cli;
using Crm.Abstractions.Data;
using Crm.Abstractions.Modules;
using Crm.Abstractions.Security;
using Crm.Abstractions.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Test.Alpha;

/// <summary>A complete small module: an endpoint behind its own permission, a menu item, a dashboard card and a CLI verb.</summary>
public sealed class AlphaModule : ICrmModule
{
    public const string ReadPermission = "alpha.read";

    public string Id => "alpha";
    public string DisplayName => "阿尔法测试模块";
    public Version Version => new(1, 2, 3);

    public IReadOnlyList<PermissionDefinition> Permissions => [new(ReadPermission, "查看阿尔法", "阿尔法测试")];

    public IReadOnlyList<MenuItem> MenuItems => [new("阿尔法菜单", "/alpha", ReadPermission)];

    public IReadOnlyList<CliVerb> Verbs =>
    [
        new("alpha-hello", "向某人问好（测试用命令）", HelloAsync)
        {
            Arguments = [new CliArgument("name", "问候对象")],
            Options = [new CliOption("greeting", "问候语"), new CliOption("shout", "大写输出", IsFlag: true)],
        },
    ];

    public void ConfigureServices(ModuleServiceContext context)
    {
        context.Services.AddSingleton<AlphaClock>();
        context.AddSlotComponent<AlphaCard>(UiSlots.DashboardCards, "阿尔法卡片", permission: ReadPermission);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/alpha/ping", (AlphaClock clock) => TypedResults.Ok(new { module = "alpha", reply = "pong", clock.StartedAt }))
            .RequireAuthorization(ReadPermission);

    static async Task<int> HelloAsync(CliInvocation invocation)
    {
        // The verb runs with the host's services: the shared database is reachable.
        var provider = invocation.Services.GetRequiredService<ICrmDatabase>().Provider;
        var text = $"{invocation.Get("greeting") ?? "你好"}, {invocation.Get("name")}! (database: {provider})";
        await invocation.Out.WriteLineAsync(invocation.Has("shout") ? text.ToUpperInvariant() : text);
        return 0;
    }
}

/// <summary>A service the module registers, so the endpoint proves <see cref="AlphaModule.ConfigureServices"/> ran.</summary>
public sealed class AlphaClock
{
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
}
