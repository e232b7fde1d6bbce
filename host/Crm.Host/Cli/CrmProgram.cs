using System.CommandLine;
using Crm.Abstractions.Cli;
using Crm.Host.Data;
using Crm.Host.Hosting;
using Crm.Host.Identity;
using Crm.Host.Modules;

namespace Crm.Host.Cli;

/// <summary>With no verb the executable runs the web host; with a verb (<c>migrate</c>, <c>create-admin</c>,
/// <c>modules</c>, or one a module adds) it does that and exits with a status code.</summary>
public static class CrmProgram
{
    static readonly string[] HelpTokens = ["--help", "-h", "-?", "help"];

    public static async Task<int> RunAsync(string[] args)
    {
        // Options without a verb ("--urls=...", settings passed by WebApplicationFactory) belong to the web host.
        if (args.Length > 0 && (!args[0].StartsWith('-') || HelpTokens.Contains(args[0])))
            return await RunCliAsync(args);
        return await RunWebAsync(args);
    }

    static async Task<int> RunWebAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        WebApplication app;
        try
        {
            builder.AddCrmHost();
            app = builder.Build();
            app.UseCrmHost();
            await app.InitializeCrmAsync();
        }
        catch (Exception ex) when (Explain(ex) is { } reason)
        {
            await Console.Error.WriteLineAsync(reason);
            return 1;
        }
        await app.RunAsync();
        return 0;
    }

    static async Task<int> RunCliAsync(string[] args)
    {
        var root = new RootCommand("CrmHost 客户信息管理系统。不带命令运行时启动 Web 主机。");

        var migrate = new Command("migrate", "应用所有模块的待执行数据库迁移");
        migrate.SetAction((_, ct) => WithServicesAsync(async services =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            Console.WriteLine(applied.Count == 0 ? "数据库已是最新。" : $"已应用 {applied.Count} 个迁移:\n  " + string.Join("\n  ", applied));
            return 0;
        }));
        root.Subcommands.Add(migrate);

        var user = new Option<string>("--user") { Description = "管理员用户名", Required = true };
        var password = new Option<string>("--password") { Description = "密码（至少 8 位，含大写字母、小写字母和数字）", Required = true };
        var createAdmin = new Command("create-admin", "创建管理员，或重置已有管理员的密码并解锁、启用") { user, password };
        createAdmin.SetAction((parse, ct) => WithServicesAsync(async services =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var name = parse.GetValue(user)!;
            var result = await services.GetRequiredService<AdminBootstrapper>().CreateOrResetAsync(name, parse.GetValue(password)!, mustChangePassword: false, ct);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync("无法创建管理员: " + string.Join("；", result.Errors.Select(e => e.Description)));
                return 1;
            }
            Console.WriteLine($"管理员 {name} 已就绪。");
            return 0;
        }));
        root.Subcommands.Add(createAdmin);

        var modules = new Command("modules", "列出将要加载的模块，以及不能加载的原因");
        modules.SetAction(_ =>
        {
            var options = ModulesOptions.From(BuildConfiguration());
            var catalog = options.LoadCatalog();
            Console.WriteLine($"插件目录: {options.ResolvePath()}");
            if (catalog.Entries.Count == 0) Console.WriteLine("（没有找到模块）");
            foreach (var e in catalog.Entries)
                Console.WriteLine($"{e.Id,-20} {e.Version,-10} {StateText(e.State),-6} {e.Name}{(e.Reason is null ? "" : "  — " + e.Reason)}");
            return catalog.Failures.Any() ? 1 : 0;
        });
        root.Subcommands.Add(modules);

        AddModuleVerbs(root);
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Verbs that modules contribute; a module that can't load contributes none (and <c>modules</c> says why).</summary>
    static void AddModuleVerbs(RootCommand root)
    {
        var catalog = ModulesOptions.From(BuildConfiguration()).LoadCatalog();
        foreach (var verb in catalog.Modules.SelectMany(m => m.Verbs))
        {
            var command = new Command(verb.Name, verb.Description);
            var arguments = verb.Arguments.Select(a => (a.Name, Argument: new Argument<string>(a.Name) { Description = a.Description })).ToList();
            var verbOptions = verb.Options.Select(o => (o.Name, Option: o.IsFlag
                ? (Option)new Option<bool>("--" + o.Name) { Description = o.Description }
                : new Option<string>("--" + o.Name) { Description = o.Description, Required = o.Required })).ToList();
            arguments.ForEach(a => command.Arguments.Add(a.Argument));
            verbOptions.ForEach(o => command.Options.Add(o.Option));
            command.SetAction((parse, ct) => WithServicesAsync(async services =>
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, argument) in arguments) values[name] = parse.GetValue((Argument<string>)argument);
                foreach (var (name, option) in verbOptions)
                    values[name] = option is Option<bool> flag ? (parse.GetValue(flag) ? "true" : null) : parse.GetValue((Option<string>)option);
                // Run the verb of the modules the services were built from: each catalog load gives a module its own
                // load context, and the verb must resolve the module's types (its DbContext) from those services.
                var loaded = services.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.Verbs).First(v => v.Name == verb.Name);
                return await loaded.RunAsync(new CliInvocation(values, services, Console.Out, Console.Error, ct));
            }));
            root.Subcommands.Add(command);
        }
    }

    /// <summary>Builds the host's services without starting the web server, runs <paramref name="action"/> in a scope.</summary>
    static async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddCrmHost();
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        }
        catch (Exception ex) when (Explain(ex) is { } reason)
        {
            await Console.Error.WriteLineAsync(reason);
            return 1;
        }
    }

    static IConfiguration BuildConfiguration() => WebApplication.CreateBuilder().Configuration;

    /// <summary>A one-line reason for failures an operator can fix; null for bugs, which keep their stack trace.</summary>
    internal static string? Explain(Exception ex) => ex switch
    {
        ModuleLoadException => ex.Message,
        Microsoft.Extensions.Options.OptionsValidationException options => "配置错误: " + string.Join("；", options.Failures),
        _ when ProviderSql.IsReadOnly(ex) => $"数据库无法写入（文件或目录只读，或无法打开）: {ex.GetBaseException().Message}",
        InvalidOperationException when ex.Message.StartsWith("配置 ", StringComparison.Ordinal) => ex.Message,
        _ => null,
    };

    static string StateText(ModuleState state) => state switch
    {
        ModuleState.Loaded => "加载",
        ModuleState.Disabled => "禁用",
        _ => "失败",
    };
}
