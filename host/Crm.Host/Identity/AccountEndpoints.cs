using Crm.Abstractions.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Crm.Host.Identity;

/// <summary>Sign-out for the UI (a form post with antiforgery).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<CrmUser> signIn, IAuditLog audit, CancellationToken ct) =>
        {
            await audit.WriteAsync(new AuditRecord("logout", nameof(CrmUser), null, Summary: "退出登录"), ct);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        return app;
    }
}
