using Crm.Abstractions.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Host.Api;

/// <summary>Outcome of a domain operation that the API maps to a status and the UI shows as a message:
/// a value, field errors (400), not found / out of scope (404), or a conflict (409).</summary>
public sealed record ServiceResult<T>
{
    public T? Value { get; init; }
    public IDictionary<string, string[]>? Errors { get; init; }
    public string? Conflict { get; init; }
    public string? NotFound { get; init; }

    public bool Succeeded => Errors is null && Conflict is null && NotFound is null;

    /// <summary>All problems as one line of Chinese text for the UI.</summary>
    public string ErrorText => NotFound is not null ? $"{NotFound}不存在或无权访问"
        : Conflict ?? string.Join("；", Errors?.SelectMany(e => e.Value) ?? []);

    public static implicit operator ServiceResult<T>(T value) => new() { Value = value };

    public static ServiceResult<T> Invalid(string field, string message) => new() { Errors = new Dictionary<string, string[]> { [field] = [message] } };
    public static ServiceResult<T> Invalid(IDictionary<string, string[]> errors) => new() { Errors = errors };
    public static ServiceResult<T> Missing(string what) => new() { NotFound = what };
    public static ServiceResult<T> Conflicting(string message) => new() { Conflict = message };

    public Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp() =>
        Errors is not null ? ApiProblems.Validation(Errors)
        : NotFound is not null ? ApiProblems.NotFound(NotFound)
        : Conflict is not null ? ApiProblems.Conflict(Conflict)
        : TypedResults.Ok(Value!);
}
