using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Abstractions.Results;

/// <summary>Maps an <see cref="Outcome{T}"/> to RFC 7807 problem details with the Chinese titles every endpoint of
/// the host and the modules uses: 400 naming each field, 403, 404, 409 (with <c>current</c> for a stale edit).</summary>
public static class OutcomeHttp
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome) =>
        Problem(outcome) is { } problem ? Fail<Ok<T>>(problem) : TypedResults.Ok(outcome.Value!);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Outcome<T> outcome, Func<T, string> location) =>
        Problem(outcome) is { } problem ? Fail<Created<T>>(problem) : TypedResults.Created(location(outcome.Value!), outcome.Value!);

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome) =>
        Problem(outcome) is { } problem ? Fail<NoContent>(problem) : TypedResults.NoContent();

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "请求数据验证失败");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权限", detail: detail);

    public static ProblemHttpResult Conflict(string detail, object? current = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "冲突", detail: detail,
            extensions: current is null ? null : new Dictionary<string, object?> { ["current"] = current });

    static IResult? Problem<T>(Outcome<T> outcome) =>
        outcome.Errors is { } errors ? Validation(errors)
        : outcome.NotFound is { } missing ? NotFound(missing)
        : outcome.Forbidden is { } refused ? Forbidden(refused)
        : outcome.Conflict is { } conflict ? Conflict(conflict, outcome.Current)
        : null;

    static Results<TOk, ValidationProblem, ProblemHttpResult> Fail<TOk>(IResult problem) where TOk : IResult => problem switch
    {
        ValidationProblem validation => validation,
        ProblemHttpResult other => other,
        _ => throw new InvalidOperationException("Unexpected problem result"),
    };
}
