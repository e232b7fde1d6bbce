namespace Crm.Abstractions.Results;

/// <summary>Outcome of a domain operation, shared by the host and every module: a value, field errors (400),
/// refused for this user although the record is visible (403), not found or outside the user's scope (404), or a
/// conflict (409, optionally with the record's current values when an edit was based on a stale version). The API maps it with <see cref="OutcomeHttp"/>; pages show it
/// with <see cref="FormErrors"/>.</summary>
public sealed record Outcome<T>
{
    public T? Value { get; init; }
    public IDictionary<string, string[]>? Errors { get; init; }
    public string? Conflict { get; init; }
    public string? NotFound { get; init; }
    public string? Forbidden { get; init; }

    /// <summary>The record as it is now, returned with a 409 so the client can show what changed.</summary>
    public object? Current { get; init; }

    public bool Succeeded => Errors is null && Conflict is null && NotFound is null && Forbidden is null;

    /// <summary>All problems as one line of Chinese text for the UI.</summary>
    public string ErrorText => NotFound ?? Forbidden ?? Conflict ?? string.Join("；", Errors?.SelectMany(e => e.Value) ?? []);

    public static implicit operator Outcome<T>(T value) => new() { Value = value };

    public static Outcome<T> Invalid(FieldErrors errors) => new() { Errors = errors.ToDictionary() };
    public static Outcome<T> Invalid(IDictionary<string, string[]> errors) => new() { Errors = errors };
    public static Outcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    /// <summary>404 with the same text whether the record does not exist or is outside the user's scope, so that
    /// a guessed id reveals nothing.</summary>
    public static Outcome<T> Missing(string what) => new() { NotFound = $"{what}不存在或无权访问" };
    /// <summary>403: the user sees the record but may not do this to it (e.g. change someone else's follow-up).</summary>
    public static Outcome<T> Refused(string message) => new() { Forbidden = message };
    public static Outcome<T> Conflicting(string message, object? current = null) => new() { Conflict = message, Current = current };

    /// <summary>409 for an edit based on an old version: someone else saved in between.</summary>
    public static Outcome<T> Stale(object current) =>
        Conflicting("数据已被其他人修改，请查看最新内容后重新保存", current);

    /// <summary>The same problem for another value type.</summary>
    public Outcome<TOther> As<TOther>() => new() { Errors = Errors, Conflict = Conflict, NotFound = NotFound, Forbidden = Forbidden, Current = Current };
}
