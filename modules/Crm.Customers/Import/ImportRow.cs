using Crm.Abstractions.Contracts;
using Crm.Abstractions.Files;
using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>One data row on its way through the import: the cells as in the file, the cleaned values of the mapped
/// columns, the keys it is checked by, every problem and remark found, and what is to be written.</summary>
internal sealed class ImportRow(TableRow source)
{
    public TableRow Source { get; } = source;
    public int Number => Source.Number;

    /// <summary>Cleaned text per mapped field ("" when the cell is empty).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public List<ImportIssue> Errors { get; } = [];
    public List<ImportIssue> Remarks { get; } = [];
    public bool PossibleDuplicate { get; set; }
    public ImportRowOutcome Outcome { get; set; }

    // Keys for the duplicate and match checks (null when the row has none).
    public string? NameKey { get; set; }
    public string? NameCore { get; set; }
    public string? CreditCode { get; set; }
    public string? Code { get; set; }
    public byte[]? IdNumberHash { get; set; }
    public byte[]? MobileHash { get; set; }

    /// <summary>The existing customer the row updates (customers) or adds a contact to (contacts).</summary>
    public ExistingCustomer? Target { get; set; }
    /// <summary>What to write: the new customer, or the target with the row's changes.</summary>
    public Customer? Customer { get; set; }
    public Contact? Contact { get; set; }
    /// <summary>The tags to set (null: leave the tags as they are).</summary>
    public int[]? TagIds { get; set; }
    /// <summary>Contacts file: the row's 主要联系人 cell said yes.</summary>
    public bool WantsPrimary { get; set; }
    /// <summary>A new customer, or an update that renames one: its name is checked for possible duplicates.</summary>
    public bool NameChanged { get; set; }
    /// <summary>An update: the changed columns' values before, as JSON (for undo).</summary>
    public string? BeforeJson { get; set; }

    public string? Value(string field) => Values.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    public bool Has(string field) => Values.ContainsKey(field);

    public void Error(ImportKind kind, string field, string message) => Errors.Add(Issue(kind, field, message));

    public void Remark(ImportKind kind, string field, string message) => Remarks.Add(Issue(kind, field, message));

    static ImportIssue Issue(ImportKind kind, string field, string message) =>
        new(field, field.Length == 0 ? "" : ImportFields.Find(kind, field)?.Label ?? field, message);

    public ImportRowReport Report(bool withCells = true) =>
        new(Number, Outcome, Errors, Remarks, withCells ? Source.Cells : [], Customer?.Id is > 0 ? Customer.Id : Target?.Id, Customer?.Code ?? Target?.Code);

    /// <summary>The reasons as one cell of the error file.</summary>
    public string Reasons() => string.Join("；", Errors.Select(e => e.Label.Length == 0 ? e.Message : $"{e.Label}：{e.Message}"));
}

/// <summary>A customer already in the database as the checks need it (any owner: uniqueness holds across scopes).</summary>
internal sealed record ExistingCustomer(long Id, string Code, string Name, Guid OwnerId, Guid? DepartmentId, int Version);

/// <summary>The dictionary-coded columns of a customers file: field, dictionary type and how unknown values may be handled.</summary>
internal sealed record ImportDictionaryField(string Field, string TypeCode, string Label, bool CanCreate)
{
    public static readonly IReadOnlyList<ImportDictionaryField> All =
    [
        new(ImportFields.Industry, DictionaryTypes.Industry, "行业", false),
        new(ImportFields.Region, DictionaryTypes.Region, "地区", false),
        new(ImportFields.Size, DictionaryTypes.CompanySize, "企业规模", true),
        new(ImportFields.Source, DictionaryTypes.CustomerSource, "客户来源", true),
        new(ImportFields.Status, DictionaryTypes.CustomerStatus, "客户状态", true),
        new(ImportFields.ValueTier, DictionaryTypes.ValueTier, "价值等级", false),
        new(ImportFields.ContactDecisionRole, DictionaryTypes.DecisionRole, "决策链角色", true),
    ];

    public static ImportDictionaryField? Find(string field) => All.FirstOrDefault(f => f.Field == field);
}
