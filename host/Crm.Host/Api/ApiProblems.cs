using Crm.Abstractions.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Crm.Host.Api;

/// <summary>The host's own problem details (RFC 7807): status pages for the API instead of redirects, and Identity errors.
/// 400/404/409 of an operation come from <see cref="OutcomeHttp"/>, the same for host and modules.</summary>
public static class ApiProblems
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>400 naming <paramref name="field"/> with Identity's messages; the other problems are in <see cref="OutcomeHttp"/>.</summary>
    public static ValidationProblem Validation(IdentityResult result, string field) =>
        OutcomeHttp.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });

    /// <summary>For the API, 401/403 instead of the cookie handler's redirect to the login page.</summary>
    internal static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!IsApi(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return WriteAsync(context.HttpContext, status);
    }

    internal static Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        var (title, text) = status switch
        {
            StatusCodes.Status401Unauthorized => ("未登录", "请先登录，或登录已过期"),
            StatusCodes.Status403Forbidden => ("无权限", "当前用户没有执行此操作的权限"),
            StatusCodes.Status404NotFound => ("未找到", "请求的资源不存在"),
            StatusCodes.Status405MethodNotAllowed => ("方法不允许", "此地址不支持该请求方法"),
            StatusCodes.Status415UnsupportedMediaType => ("不支持的内容类型", "请求体必须是 JSON（Content-Type: application/json）"),
            _ => ("请求错误", "请求无法处理"),
        };
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail ?? text },
        }).AsTask();
    }
}
