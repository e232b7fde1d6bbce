namespace Crm.Abstractions.Results;

/// <summary>The field errors of one form, taken from an <see cref="Outcome{T}"/>, for the <c>Error</c>/<c>ErrorText</c>
/// of its inputs; used by the host's pages and every module's.</summary>
public sealed class FormErrors
{
    IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    /// <summary>A line above the form: points at the red fields, or carries a problem that belongs to no field.</summary>
    public string? Summary { get; private set; }

    public void Clear()
    {
        errors = new Dictionary<string, string[]>();
        Summary = null;
    }

    /// <summary>Takes the problems of an outcome; returns true when it succeeded.</summary>
    public bool From<T>(Outcome<T> outcome)
    {
        Clear();
        if (outcome.Succeeded) return true;
        if (outcome.Errors is not null) errors = outcome.Errors;
        Summary = outcome.Errors is not null ? "保存失败，请修正标红的字段" : outcome.ErrorText;
        return false;
    }

    public bool Has(string field) => errors.ContainsKey(field);

    public string? For(string field) => errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;
}
