namespace Crm.Customers.Import;

/// <summary>导入批次: one uploaded file from upload to finish. Progress (rows done, the last committed row, counts) is
/// updated in the same transaction as the rows it counts, so after a crash it says exactly what is in the database.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }
    public ImportKind Kind { get; set; }
    /// <summary>The name the user gave the file (display and the error file's name only; never part of a path).</summary>
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
    public ImportStatus Status { get; set; }
    public ImportMode Mode { get; set; }
    /// <summary>The options of the run (<see cref="ImportOptions"/> as JSON), kept for resuming.</summary>
    public string? OptionsJson { get; set; }
    public string? Encoding { get; set; }
    public string? Sheet { get; set; }
    public int TotalRows { get; set; }
    public int RowsDone { get; set; }
    /// <summary>The file row number (header = 1) of the last row whose outcome is committed; a resumed run starts after it.</summary>
    public int LastRow { get; set; }
    public double RowsPerSecond { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    /// <summary>Valid rows not imported because they were flagged and the user chose to skip those.</summary>
    public int Skipped { get; set; }
    public int Flagged { get; set; }
    public int PossibleDuplicates { get; set; }
    public bool HasErrorFile { get; set; }
    public string? Message { get; set; }
    public Guid ImportedBy { get; set; }
    public string? ImportedByName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
}

/// <summary>What a batch did to one customer, for undo: created it, updated it (with the fields' values before and the
/// version the import left), or added a contact to it.</summary>
public sealed class ImportChange
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    /// <summary>The file row (header = 1).</summary>
    public int Row { get; set; }
    public long CustomerId { get; set; }
    public ImportChangeKind Kind { get; set; }
    /// <summary>Updated: the changed fields' values before the import (JSON object, property → stored value).</summary>
    public string? BeforeJson { get; set; }
    /// <summary>The customer's version right after the import; a different version at undo means someone edited it.</summary>
    public int VersionAfter { get; set; }
    /// <summary>ContactAdded: the contact the row created.</summary>
    public long? ContactId { get; set; }
}

public enum ImportChangeKind
{
    Created = 1,
    Updated = 2,
    ContactAdded = 3,
}

/// <summary>A saved column mapping (导入模板); the columns are <see cref="ImportTemplateColumn"/>s as JSON.</summary>
public sealed class ImportMapping
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public ImportKind Kind { get; set; }
    public string ColumnsJson { get; set; } = "[]";
    public Guid? UpdatedBy { get; set; }
    public string? UpdatedByName { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A row of a batch that was not imported, with every reason: written in the transaction that decides it, so
/// the error file (made from these and the uploaded file) is right after a crash and a resume too.</summary>
public sealed class ImportFailure
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public int Row { get; set; }
    /// <summary>The reasons as shown in the error file's 错误原因 column.</summary>
    public string Reasons { get; set; } = "";
}
