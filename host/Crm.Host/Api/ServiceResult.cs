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

/// <summary>Collects field errors for one request.</summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{label}不能为空");
        return this;
    }

    public FieldErrors MaxLength(string field, string label, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) Add(field, $"{label}不能超过 {max} 个字符");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
