using Crm.Abstractions.Results;

namespace Crm.Dictionaries.Domain;

/// <summary>Outcome of a dictionary operation that the API maps to a status and the UI shows as a message: a value,
/// field errors (400), not found (404) or a conflict (409). The module's own counterpart of the host's ServiceResult,
/// which a module cannot reference.</summary>
public sealed record Outcome<T>
{
    public T? Value { get; init; }
    public IDictionary<string, string[]>? Errors { get; init; }
    public string? Conflict { get; init; }
    public string? NotFound { get; init; }

    public bool Succeeded => Errors is null && Conflict is null && NotFound is null;

    /// <summary>All problems as one line of Chinese text for the UI.</summary>
    public string ErrorText => NotFound ?? Conflict ?? string.Join("；", Errors?.SelectMany(e => e.Value) ?? []);

    public static implicit operator Outcome<T>(T value) => new() { Value = value };

    public static Outcome<T> Invalid(FieldErrors errors) => new() { Errors = errors.ToDictionary() };
    public static Outcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
    public static Outcome<T> Missing(string what) => new() { NotFound = $"{what}不存在" };
    public static Outcome<T> Conflicting(string message) => new() { Conflict = message };

    /// <summary>The same problem for another value type.</summary>
    public Outcome<TOther> As<TOther>() => new() { Errors = Errors, Conflict = Conflict, NotFound = NotFound };
}
