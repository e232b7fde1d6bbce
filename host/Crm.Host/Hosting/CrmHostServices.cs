using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Data;
using Crm.Abstractions.Events;
using Crm.Abstractions.Modules;
using Crm.Abstractions.Security;
using Crm.Abstractions.Ui;
using Crm.Host.Api;
using Crm.Host.Auditing;
using Crm.Host.Data;
using Crm.Host.Email;
using Crm.Host.Identity;
using Crm.Host.Modules;
using Crm.Host.Scheduling;
using Crm.Host.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Crm.Host.Hosting;

/// <summary>Registers everything the host provides, loads the modules and lets each register its services.</summary>
public static class CrmHostServices
{
    public static WebApplicationBuilder AddCrmHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // Run from build output (dotnet run, tests, the bin folder) the host's and MudBlazor's static files are found
        // through the static web assets manifest in any environment, not only Development; published, it is a no-op.
        builder.WebHost.UseStaticWebAssets();

        var catalog = ModulesOptions.From(configuration).LoadCatalog();
        var failures = catalog.Failures.ToList();
        if (failures.Count > 0)
            throw new ModuleLoadException("模块加载失败，主机拒绝启动: " + string.Join("; ", failures.Select(f => f.Reason)));
        services.AddSingleton(catalog);
        services.AddSingleton(new PermissionCatalog([.. HostPermissions.All, .. catalog.Modules.SelectMany(m => m.Permissions)]));

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations();
        services.AddSingleton<DatabaseConnection>();
        services.AddScoped<ICrmDatabase, CrmDatabase>();
        services.AddScoped<AuditSaveChangesInterceptor>();
        services.AddScoped<IAuditReason, AuditReason>();
        services.AddDbContext<HostDbContext>((sp, options) => sp.GetRequiredService<ICrmDatabase>().Configure(options, HostDbContext.ModuleId));
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditQuery>();
        services.AddScoped<IAuditHistory>(sp => sp.GetRequiredService<AuditQuery>());

        // Cookie and token keys live beside the database so that sign-ins survive a restart.
        var dataFolder = DatabaseOptions.From(configuration).ResolveDataFolder(builder.Environment.ContentRootPath);
        services.AddDataProtection().SetApplicationName("CrmHost").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        services.AddMemoryCache();
        services.AddSingleton<UserStampCache>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IActAsUser, ActAsUser>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<CircuitHandler, CircuitUserHandler>();
        services.AddScoped<ICrmEventBus, CrmEventBus>();
        services.AddScoped<IUiSlotRegistry, UiSlotRegistry>();
        services.AddCrmIdentity();
        services.AddScoped<AdminBootstrapper>();
        services.AddScoped<LoginService>();
        services.AddScoped<OrganizationService>();

        services.AddSingleton<Crm.Abstractions.Files.ITableFiles, Files.TableFiles>();
        services.AddCrmTemplates(configuration);
        services.AddCrmEmail(configuration);
        services.AddCrmScheduling();

        // Chinese text goes out as UTF-8, not as &#x...; entities (three times the bytes, unreadable in page source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        // Enums travel as their names ("Department", "Pending"), which API clients can read and write.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();
        // Malformed JSON and wrong parameter types reach the exception handler, which names the problem.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CrmHost API";
            document.Info.Description = "客户信息管理系统 API。使用 POST /api/auth/token 获取令牌，并以 Authorization: Bearer <令牌> 调用；错误以 RFC 7807 problem details 返回。";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        foreach (var module in catalog.Modules)
        {
            try
            {
                module.ConfigureServices(new ModuleServiceContext(module.Id, services, configuration, builder.Environment));
            }
            catch (Exception ex)
            {
                throw new ModuleLoadException($"模块 {module.Id} 注册服务时出错: {ex.GetBaseException().Message}", ex);
            }
        }
        return builder;
    }

    static void AddCrmIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<CrmUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<CrmRole>()
            .AddEntityFrameworkStores<HostDbContext>()
            .AddUserManager<CrmUserManager>()
            .AddSignInManager<CrmSignInManager>()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthSchemes.CookieOrBearer;
                options.DefaultChallengeScheme = AuthSchemes.CookieOrBearer;
            })
            .AddPolicyScheme(AuthSchemes.CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    AuthSchemes.IsBearerRequest(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "crm.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiProblems.RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiProblems.RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        // A disabled user or a changed password ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
    }
}

/// <summary>Name of the scheme that picks the bearer token when one is sent, the cookie otherwise.</summary>
public static class AuthSchemes
{
    public const string CookieOrBearer = "crm";

    public static bool IsBearerRequest(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
