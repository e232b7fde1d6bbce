using System.Text.Json;
using Crm.Customers.Import;

namespace Crm.Customers.Pages.Import;

/// <summary>The import being prepared on the import page: the uploaded file, the column mapping and the settings the
/// user chose, turned into the <see cref="ImportOptions"/> that the dry run and the run take. "开始导入" needs a dry
/// run of exactly the current options, so the draft remembers which options the last analysis was made with. Public only
/// because the steps (public, as every component) take it as a parameter.</summary>
public sealed class ImportDraft
{
    public ImportKind Kind { get; set; } = ImportKind.Customers;
    /// <summary>null: detected by the reader.</summary>
    public string? Encoding { get; set; }
    public string? Sheet { get; set; }

    public ImportUpload? Upload { get; private set; }
    /// <summary>Per column of the file: the field key it goes to, or null (不导入).</summary>
    public List<string?> Columns { get; private set; } = [];

    public ImportMode Mode { get; set; } = ImportMode.Create;
    public ImportMatchKey MatchKey { get; set; } = ImportMatchKey.CreditCode;
    public bool ClearEmpty { get; set; }
    public bool AllOrNothing { get; set; }
    public bool FlagAnomalies { get; set; } = true;
    public Guid? DefaultOwnerId { get; set; }

    /// <summary>The user's decision per unknown dictionary value (field, value as in the file).</summary>
    public Dictionary<(string Field, string Value), ImportValueChoice> Choices { get; } = [];

    public ImportAnalysis? Analysis { get; private set; }
    string? analyzedWith;

    /// <summary>The unknown dictionary values to decide on: the last dry run's, and those decided on earlier, which a
    /// dry run no longer lists (they are known once decided) but whose decision the user may still change.</summary>
    public IReadOnlyList<ImportUnknownValue> UnknownValues { get; private set; } = [];

    public IReadOnlyList<ImportField> Fields => Upload?.Fields ?? [];

    /// <summary>A new file was read: its suggested mapping replaces the old one, and the old analysis and the
    /// choices about its values no longer apply.</summary>
    public void Uploaded(ImportUpload upload)
    {
        Upload = upload;
        Kind = upload.Batch.Kind;
        Sheet = upload.Sheet;
        Columns = [.. upload.Columns];
        while (Columns.Count < upload.Headers.Count) Columns.Add(null);
        Choices.Clear();
        UnknownValues = [];
        Analysis = null;
        analyzedWith = null;
    }

    /// <summary>The file could not be read (again): nothing may go on with what was read before.</summary>
    public void Discard()
    {
        Upload = null;
        Columns = [];
        Choices.Clear();
        UnknownValues = [];
        Analysis = null;
        analyzedWith = null;
    }

    public void Map(IReadOnlyList<string?> columns)
    {
        for (var i = 0; i < Columns.Count; i++) Columns[i] = i < columns.Count ? columns[i] : null;
    }

    public ImportField? FieldOf(string? key) => key is null ? null : Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>Required fields no column is mapped to (a warning: the dry run fails every row without them).</summary>
    public IReadOnlyList<ImportField> MissingRequired => Fields.Where(f => f.Required && !Columns.Contains(f.Key)).ToList();

    /// <summary>Whether this column shares its field with another column (an error: only one column may feed a field).</summary>
    public bool SharesField(int column) =>
        Columns[column] is { } key && Columns.Where((c, i) => i != column && c == key).Any();

    /// <summary>The engine's objection to the mapping (two columns on one field, an unknown field), or null.</summary>
    public string? MappingProblem => Upload is null ? null : ImportColumns.Problem(Kind, Upload.Headers, Columns);

    public bool HasMappedColumn => Columns.Any(c => c is not null);

    /// <summary>The options for the engine; settings that do not apply (a contacts file has no mode, match key or
    /// owner) are left at their defaults so that changing them does not ask for another dry run.</summary>
    public ImportOptions Options() => new()
    {
        Columns = [.. Columns],
        Mode = Kind == ImportKind.Customers ? Mode : ImportMode.Create,
        MatchKey = Kind == ImportKind.Customers && Mode != ImportMode.Create ? MatchKey : ImportMatchKey.CreditCode,
        ClearEmpty = Kind == ImportKind.Customers && Mode != ImportMode.Create && ClearEmpty,
        AllOrNothing = AllOrNothing,
        FlagAnomalies = FlagAnomalies,
        ValueChoices = Choices.Values.OrderBy(c => c.Field, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal).ToList(),
        DefaultOwnerId = Kind == ImportKind.Customers ? DefaultOwnerId : null,
        Encoding = Encoding,
        Sheet = Sheet,
    };

    public void Analyzed(ImportOptions options, ImportAnalysis analysis)
    {
        Analysis = analysis;
        analyzedWith = Signature(options);
        var listed = analysis.UnknownValues.Select(u => (u.Field, u.Value)).ToHashSet();
        var decided = UnknownValues.Where(u => !listed.Contains((u.Field, u.Value)) && Choices.ContainsKey((u.Field, u.Value)));
        UnknownValues = [.. analysis.UnknownValues.Concat(decided).OrderBy(u => u.Field, StringComparer.Ordinal).ThenBy(u => u.Value, StringComparer.Ordinal)];
    }

    /// <summary>The last dry run was made with the options as they are now.</summary>
    public bool AnalysisIsCurrent => Analysis is not null && analyzedWith == Signature(Options());

    static string Signature(ImportOptions options) => JsonSerializer.Serialize(options, ImportJson.Options);
}
