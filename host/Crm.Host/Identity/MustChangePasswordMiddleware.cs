using Crm.Host.Api;

namespace Crm.Host.Identity;

/// <summary>Until the initial password is changed, pages redirect to the change-password page and the API answers 403.</summary>
internal sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(CrmClaims.MustChangePassword, "true") || Allowed(context.Request.Path))
            return next(context);
        if (ApiProblems.IsApi(context.Request))
            return ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "请先修改初始密码（POST /api/auth/change-password）");
        context.Response.Redirect("/account/change-password");
        return Task.CompletedTask;
    }

    static bool Allowed(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/api/auth") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/health") || Path.HasExtension(path.Value);
}
