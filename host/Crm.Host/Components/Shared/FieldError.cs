namespace Crm.Host.Components.Shared;

/// <summary>Field errors of a failed save, for <c>Error</c>/<c>ErrorText</c> of the form's inputs.</summary>
public sealed class FormErrors
{
    IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    public string? Summary { get; private set; }

    public void Clear()
    {
        errors = new Dictionary<string, string[]>();
        Summary = null;
    }

    /// <summary>Takes the errors of a result; returns true when it succeeded.</summary>
    public bool From<T>(Api.ServiceResult<T> result)
    {
        Clear();
        if (result.Succeeded) return true;
        if (result.Errors is not null) errors = result.Errors;
        // Field errors show under their fields; the summary only points at them, or carries what belongs to no field.
        Summary = result.Errors is not null ? "保存失败，请修正标红的字段" : result.ErrorText;
        return false;
    }

    public bool Has(string field) => errors.ContainsKey(field);

    public string? For(string field) => errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;
}
