using System.Security.Claims;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Host.Auditing;
using Crm.Host.Identity;
using Crm.Host.Modules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Host.Api;

public sealed record TokenRequest(string? UserName, string? Password);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
public sealed record MeView(Guid Id, string UserName, string DisplayName, Guid? DepartmentId, bool IsAdministrator, bool MustChangePassword, IReadOnlyList<string> Permissions);
public sealed record ModuleView(string Id, string Name, string Version, string State, string? Reason);

/// <summary>The host's API: authentication, the module list, and administration of departments, users, roles and the audit log.</summary>
internal static class HostEndpoints
{
    public static IEndpointRouteBuilder MapHostEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("认证");
        auth.MapPost("/token", IssueTokenAsync).AllowAnonymous().DisableAntiforgery();
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization().DisableAntiforgery();

        var system = app.MapGroup("/api/system").WithTags("系统");
        system.MapGet("/modules", (ModuleCatalog catalog) => TypedResults.Ok(Modules(catalog))).RequireAuthorization(HostPermissions.Modules);
        system.MapGet("/permissions", (PermissionCatalog catalog) => TypedResults.Ok(catalog.All)).RequireAuthorization(HostPermissions.Roles);

        var departments = app.MapGroup("/api/system/departments").WithTags("部门").RequireAuthorization(HostPermissions.Departments).DisableAntiforgery();
        departments.MapGet("/", async (OrganizationService org, CancellationToken ct) => TypedResults.Ok(await org.ListDepartmentsAsync(ct)));
        departments.MapPost("/", async (DepartmentInput input, OrganizationService org, CancellationToken ct) => (await org.CreateDepartmentAsync(input, ct)).ToHttp());
        departments.MapPut("/{id:guid}", async (Guid id, DepartmentInput input, OrganizationService org, CancellationToken ct) => (await org.UpdateDepartmentAsync(id, input, ct)).ToHttp());
        departments.MapDelete("/{id:guid}", async (Guid id, OrganizationService org, CancellationToken ct) => (await org.DeleteDepartmentAsync(id, ct)).ToHttp());

        var users = app.MapGroup("/api/system/users").WithTags("用户").RequireAuthorization(HostPermissions.Users).DisableAntiforgery();
        users.MapGet("/", async (OrganizationService org, CancellationToken ct) => TypedResults.Ok(await org.ListUsersAsync(ct)));
        users.MapGet("/{id:guid}", async (Guid id, OrganizationService org, CancellationToken ct) => (await org.GetUserAsync(id, ct)).ToHttp());
        users.MapPost("/", async (UserInput input, OrganizationService org, CancellationToken ct) => (await org.CreateUserAsync(input, ct)).ToHttp());
        users.MapPut("/{id:guid}", async (Guid id, UserInput input, OrganizationService org, CancellationToken ct) => (await org.UpdateUserAsync(id, input, ct)).ToHttp());
        users.MapPost("/{id:guid}/reset-password", async (Guid id, OrganizationService org, CancellationToken ct) => (await org.ResetPasswordAsync(id, ct)).ToHttp());

        var roles = app.MapGroup("/api/system/roles").WithTags("角色").RequireAuthorization(HostPermissions.Roles).DisableAntiforgery();
        roles.MapGet("/", async (OrganizationService org, CancellationToken ct) => TypedResults.Ok(await org.ListRolesAsync(ct)));
        roles.MapPost("/", async (RoleInput input, OrganizationService org, CancellationToken ct) => (await org.CreateRoleAsync(input, ct)).ToHttp());
        roles.MapPut("/{id:guid}", async (Guid id, RoleInput input, OrganizationService org, CancellationToken ct) => (await org.UpdateRoleAsync(id, input, ct)).ToHttp());
        roles.MapDelete("/{id:guid}", async (Guid id, OrganizationService org, CancellationToken ct) => (await org.DeleteRoleAsync(id, ct)).ToHttp());

        app.MapGet("/api/system/audit", async ([AsParameters] AuditFilter filter, AuditQuery query, CancellationToken ct) => TypedResults.Ok(await query.QueryAsync(filter, ct)))
            .WithTags("操作日志").RequireAuthorization(HostPermissions.Audit);
        return app;
    }

    internal static IReadOnlyList<ModuleView> Modules(ModuleCatalog catalog) =>
        catalog.Entries.Select(e => new ModuleView(e.Id, e.Name, e.Version, e.State.ToString().ToLowerInvariant(), e.Reason)).ToList();

    static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(TokenRequest request, LoginService login, CancellationToken ct)
    {
        // On success the bearer handler has written {tokenType, accessToken, expiresIn, refreshToken}.
        var outcome = await login.SignInAsync(request.UserName, request.Password, false, IdentityConstants.BearerScheme, ct);
        return outcome.Succeeded
            ? TypedResults.Empty
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "登录失败", detail: outcome.Error);
    }

    static Ok<MeView> Me(ClaimsPrincipal principal, ICurrentUser user, PermissionCatalog catalog) =>
        TypedResults.Ok(new MeView(user.UserId!.Value, user.UserName!, user.DisplayName ?? "", user.DepartmentId, user.IsAdministrator,
            principal.HasClaim(CrmClaims.MustChangePassword, "true"),
            catalog.All.Where(p => user.HasPermission(p.Name)).Select(p => p.Name).ToList()));

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<CrmUser> users, LoginService login, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return OutcomeHttp.NotFound("用户不存在或无权访问");
        var result = await login.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword, ct);
        if (!result.Succeeded)
            return ApiProblems.Validation(result, result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "currentPassword" : "newPassword");
        return TypedResults.NoContent();
    }
}
