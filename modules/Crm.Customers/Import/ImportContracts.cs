using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>What a file holds: customers (with their primary contact on the same row) or further contacts of
/// existing customers. Import customers first, contacts second.</summary>
public enum ImportKind
{
    Customers,
    Contacts,
}

/// <summary>导入方式: create new customers only, update existing ones only, or both.</summary>
public enum ImportMode
{
    Create,
    Update,
    Upsert,
}

/// <summary>How a row finds the customer it updates (or, in a contacts file, the customer it adds to).</summary>
public enum ImportMatchKey
{
    CreditCode,
    Code,
    Name,
}

/// <summary>A batch from upload to finish; <see cref="Interrupted"/> when the host stopped while it ran (resume or undo).</summary>
public enum ImportStatus
{
    Uploaded,
    Running,
    Completed,
    Failed,
    Interrupted,
    Undone,
}

/// <summary>What to do with a dictionary value the dictionary does not know: use an existing entry, add it as a new
/// entry, or fail the rows that carry it.</summary>
public enum ImportValueAction
{
    Map,
    Create,
    Reject,
}

/// <summary>What happened (or, in a dry run, would happen) to one row.</summary>
public enum ImportRowOutcome
{
    New,
    Updated,
    Unchanged,
    Failed,
    /// <summary>Valid but flagged (possible duplicate, unusual value) and skipped because the user chose so.</summary>
    Skipped,
}

public sealed record ImportUserRef(Guid Id, string? Name);

/// <summary>One import batch as the history and the progress display show it.</summary>
public sealed record ImportBatchView
{
    public required long Id { get; init; }
    public required ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required long Size { get; init; }
    public required ImportStatus Status { get; init; }
    public required ImportMode Mode { get; init; }
    public int TotalRows { get; init; }
    public int RowsDone { get; init; }
    public double RowsPerSecond { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Failed { get; init; }
    /// <summary>Flagged rows not imported because the user chose to skip them (they are in the error file too).</summary>
    public int Skipped { get; init; }
    public int Flagged { get; init; }
    public int PossibleDuplicates { get; init; }
    public bool HasErrorFile { get; init; }
    /// <summary>Why the batch failed or stopped, or what the run concluded (Chinese).</summary>
    public string? Message { get; init; }
    public required ImportUserRef ImportedBy { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public DateTime? UndoneAt { get; init; }
    public bool CanUndo { get; init; }
    public bool CanResume { get; init; }
}

/// <summary>A field a column can be mapped to: its key (as in the API), label, form group, whether a row needs it,
/// the dictionary its values come from, and the header names recognised for it.</summary>
public sealed record ImportField(string Key, string Label, string Group, bool Required, string? DictionaryType, IReadOnlyList<string> Synonyms);

/// <summary>The answer to an upload: what the file looks like and how its columns map on first sight.</summary>
public sealed record ImportUpload
{
    public required ImportBatchView Batch { get; init; }
    public required IReadOnlyList<string> Headers { get; init; }
    /// <summary>The first five data rows' cells, as in the file.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> SampleRows { get; init; }
    /// <summary>Per column index: the field key it maps to, or null (not imported).</summary>
    public required IReadOnlyList<string?> Columns { get; init; }
    public required IReadOnlyList<ImportField> Fields { get; init; }
    /// <summary>Saved mapping templates of this kind (<c>/api/customers/import-mappings</c>).</summary>
    public required IReadOnlyList<string> Templates { get; init; }
    public string? Encoding { get; init; }
    public string? Delimiter { get; init; }
    public string? Sheet { get; init; }
    public IReadOnlyList<string> Sheets { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The user's decision on one unknown dictionary value.</summary>
public sealed record ImportValueChoice(string Field, string Value, ImportValueAction Action, string? Code = null);

/// <summary>How to import: the mapping (field key or null per column index), mode and match key, and the choices made
/// after a dry run. The same options go to analyze (dry run) and run.</summary>
public sealed record ImportOptions
{
    public IReadOnlyList<string?>? Columns { get; init; }
    public ImportMode Mode { get; init; } = ImportMode.Create;
    public ImportMatchKey MatchKey { get; init; } = ImportMatchKey.CreditCode;
    /// <summary>Updates clear fields whose mapped cell is empty (otherwise empty cells leave the stored value).</summary>
    public bool ClearEmpty { get; init; }
    /// <summary>Write nothing when any row fails; otherwise valid rows are imported and the rest reported.</summary>
    public bool AllOrNothing { get; init; }
    /// <summary>True: anomalous but valid rows are imported and marked 待修正; false: they are skipped.</summary>
    public bool FlagAnomalies { get; init; } = true;
    public IReadOnlyList<ImportValueChoice>? ValueChoices { get; init; }
    /// <summary>Owner of rows whose owner cell is empty; null means the importer.</summary>
    public Guid? DefaultOwnerId { get; init; }
    public string? Encoding { get; init; }
    public string? Sheet { get; init; }
}

/// <summary>A problem or remark on one field of a row (<see cref="Field"/> "" for the row as a whole).</summary>
public sealed record ImportIssue(string Field, string Label, string Message);

/// <summary>One row of the report: its number in the file, outcome, every reason it fails, remarks (possible
/// duplicate, unusual value) and its cells as in the file.</summary>
public sealed record ImportRowReport(
    int Row,
    ImportRowOutcome Outcome,
    IReadOnlyList<ImportIssue> Errors,
    IReadOnlyList<ImportIssue> Remarks,
    IReadOnlyList<string> Cells,
    long? CustomerId = null,
    string? CustomerCode = null);

/// <summary>A value of a dictionary column the dictionary does not know, listed once with how many rows carry it.</summary>
public sealed record ImportUnknownValue(string Field, string Label, string Value, int Rows, IReadOnlyList<CodeName> Suggestions, ImportValueAction? Chosen);

/// <summary>The dry run: what a run with these options would do. Nothing is written.</summary>
public sealed record ImportAnalysis
{
    public required int TotalRows { get; init; }
    public required int New { get; init; }
    public required int Updated { get; init; }
    public required int Unchanged { get; init; }
    public required int Failed { get; init; }
    /// <summary>Valid rows that look like an existing customer or another row (same name core, similar name, shared
    /// mobile): imported and flagged, or skipped.</summary>
    public required int PossibleDuplicates { get; init; }
    /// <summary>Valid rows imported with a 待修正 note (possible duplicates included), or skipped when not flagging.</summary>
    public required int Flagged { get; init; }
    public required int Skipped { get; init; }
    public required IReadOnlyList<ImportUnknownValue> UnknownValues { get; init; }
    /// <summary>Whether "create" is available for unknown dictionary values.</summary>
    public required bool CanCreateDictionaryEntries { get; init; }
    /// <summary>The first failed rows (at most 100), each with every reason.</summary>
    public required IReadOnlyList<ImportRowReport> Errors { get; init; }
    public required IReadOnlyList<ImportRowReport> PossibleDuplicateRows { get; init; }
    /// <summary>Valid rows with an unusual value (founded before 1950, an amount over 10 billion …), at most 200.</summary>
    public required IReadOnlyList<ImportRowReport> FlaggedRows { get; init; }
    /// <summary>Spot check (抽检): about every 7th good row, at most 200.</summary>
    public required IReadOnlyList<ImportRowReport> Sample { get; init; }
    /// <summary>Things to know before running (Chinese), e.g. that all-or-nothing would refuse.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record ImportUndoRefusal(int Row, long CustomerId, string Code, string Reason);

/// <summary>What undoing a batch did: customers it created removed, customers it updated restored, and the ones left
/// alone because someone changed them since.</summary>
public sealed record ImportUndoResult(int Removed, int Restored, IReadOnlyList<ImportUndoRefusal> Refused);

/// <summary>One column of a saved mapping: the header text (and which occurrence of it, for duplicate headers) and
/// the field it maps to.</summary>
public sealed record ImportTemplateColumn(string Header, int Occurrence, string Field);

/// <summary>A named mapping template (导入模板), shared by all importers.</summary>
public sealed record ImportMappingTemplate(string Name, ImportKind Kind, IReadOnlyList<ImportTemplateColumn> Columns, DateTime UpdatedAt, ImportUserRef? UpdatedBy);

/// <summary>Saves a template from an uploaded file's headers and a column mapping.</summary>
public sealed record ImportMappingInput(ImportKind Kind, IReadOnlyList<string>? Headers, IReadOnlyList<string?>? Columns);
