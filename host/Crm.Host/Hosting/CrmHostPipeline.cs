using Crm.Host.Api;
using Crm.Host.Components;
using Crm.Host.Data;
using Crm.Host.Email;
using Crm.Host.Scheduling;
using Crm.Host.Identity;
using Crm.Host.Modules;
using Crm.Host.Templates;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace Crm.Host.Hosting;

/// <summary>The request pipeline and endpoints of the host and the modules, and the work done once at startup.</summary>
public static class CrmHostPipeline
{
    public static WebApplication UseCrmHost(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();

        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, ExceptionHandlingPath = null, ExceptionHandler = WriteErrorAsync });
        // A page address no route knows (a mistyped URL, a menu entry whose page is not installed) shows 页面不存在
        // in the layout, not the browser's bare error page. Only for page GETs: the API answers problem details
        // (below), and a failed form post or a missing file keeps its own status. (Inside UseWhen the re-executed
        // request is not routed again, hence the switch instead.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                statusCodePages.Enabled = false;
            return next(context);
        });
        app.UseWhen(c => ApiProblems.IsApi(c.Request), api => api.UseStatusCodePages(context =>
            context.HttpContext.Response.HasStarted || context.HttpContext.Response.ContentLength > 0 || context.HttpContext.Response.ContentType is not null
                ? Task.CompletedTask
                : ApiProblems.WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode)));

        foreach (var entry in catalog.Entries.Where(e => e.State == ModuleState.Loaded))
        {
            // MapStaticAssets only knows the host's own assets; a plugin's wwwroot is served from its folder.
            var webRoot = Path.Combine(entry.Folder, "wwwroot");
            if (Directory.Exists(webRoot))
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot), RequestPath = $"/_content/{Path.GetFileName(entry.Folder)}" });
        }

        app.UseAuthentication();
        app.UseMiddleware<BearerStampValidationMiddleware>();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar").AllowAnonymous();
        app.MapHostEndpoints();
        app.MapOutboxEndpoints();
        app.MapScheduleEndpoints();
        app.MapAccountEndpoints();
        foreach (var module in catalog.Modules)
            module.MapEndpoints(app);

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies([.. ComponentAssemblies(catalog)]);
        return app;
    }

    static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !ApiProblems.IsApi(request) && !Path.HasExtension(request.Path.Value);

    internal static IEnumerable<System.Reflection.Assembly> ComponentAssemblies(ModuleCatalog catalog) =>
        catalog.Modules.Select(m => m.ComponentAssembly).OfType<System.Reflection.Assembly>().Distinct();

    /// <summary>Migrates the database, creates the first administrator and reports broken template overrides.</summary>
    public static async Task InitializeCrmAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Crm.Host");
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        foreach (var entry in catalog.Entries)
            logger.LogInformation("Module {Id} ({Name}) {Version}: {State}{Reason}", entry.Id, entry.Name, entry.Version, entry.State, entry.Reason is null ? "" : " - " + entry.Reason);

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var password = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().CreateFirstAdministratorAsync(cancellationToken);
        if (password is not null)
        {
            // Printed once, on the run that created the account; it is stored only as a hash.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" 首次运行：已创建管理员账号 {AdminBootstrapper.DefaultAdminName}");
            Console.WriteLine($" 一次性密码：{password}");
            Console.WriteLine(" 首次登录后必须修改密码。此密码不会再次显示。");
            Console.WriteLine(" (First run: administrator 'admin' created with the one-time password above.)");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        foreach (var error in app.Services.GetRequiredService<ScribanTemplateRenderer>().CheckOverrides())
            logger.LogError("Template override is broken and will fail when used: {Error}", error.Message);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Console.WriteLine($"CrmHost 已启动: {address}  (API 文档: {address}/scalar)");
        });
    }

    static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    static Task WriteErrorAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = exception is null ? 500 : StatusFor(exception);
        var detail = exception switch
        {
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => $"请求体不是有效的 JSON: {json.Message}",
            BadHttpRequestException bad => bad.Message,
            _ when ProviderSql.IsReadOnly(exception!) => "数据库文件只读，无法保存。请检查数据目录的权限。",
            _ => "服务器内部错误，请稍后重试或联系管理员",
        };
        return ApiProblems.WriteAsync(context, status, detail);
    }
}
