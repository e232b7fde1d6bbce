using System.Reflection;
using System.Text.Json;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Files;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>Everything fixed for one analysis or run: the file's kind and mapping, the options, who imports (their data
/// scope decides which customers they may update and to whom they may give customers) and the loaded lookups.</summary>
internal sealed class ImportPlan
{
    public required ImportKind Kind { get; init; }
    public required ImportOptions Options { get; init; }
    public required IReadOnlyList<string> Headers { get; init; }
    /// <summary>(column index, field key) of the mapped columns.</summary>
    public required IReadOnlyList<(int Column, string Field)> Mapped { get; init; }
    public required DataScope Scope { get; init; }
    public required Guid ImporterId { get; init; }
    public required UserInfo? DefaultOwner { get; init; }
    public required ImportLookups Lookups { get; init; }
    public required int MaxCustomTags { get; init; }
    /// <summary>The user's choices for unknown dictionary values, by (field, value).</summary>
    public required IReadOnlyDictionary<(string Field, string Value), ImportValueChoice> Choices { get; init; }
    /// <summary>Codes of entries created for "create" choices (filled by the run before the rows are checked).</summary>
    public Dictionary<(string Field, string Value), string> Created { get; } = [];

    public bool IsMapped(string field) => Mapped.Any(m => m.Field == field);

    public string MatchLabel => Options.MatchKey switch
    {
        ImportMatchKey.Code => "客户编码",
        ImportMatchKey.Name => "客户名称",
        _ => "统一社会信用代码",
    };
}

/// <summary>The checks of one row that need no database: the mapped cells parsed and cleaned, the archive's rules
/// (<see cref="CustomerRules"/>, <see cref="ContactRules"/>), dictionary codes, owner and tags against the loaded
/// lookups, and unusual values. Thread-safe: rows of a chunk are checked in parallel.</summary>
internal sealed class ImportChecks(ImportPlan plan, PersonalData personal, Func<int, string?> tagLimit)
{
    static readonly DateOnly EarliestUsualFounding = new(1950, 1, 1);
    const decimal UnusualAmount = 10_000_000_000m;
    const string ImportReason = "批量导入";

    ImportKind Kind => plan.Kind;

    public ImportPlan Plan => plan;

    string? TagLimit(int customTags) => tagLimit(customTags);

    /// <summary>Reads the mapped cells and works out the row's keys (hashes of the ID number and mobile included).</summary>
    public void Parse(ImportRow row)
    {
        foreach (var (column, field) in plan.Mapped) row.Values[field] = ImportValues.Clean(row.Source.Cell(column));
        foreach (var problem in row.Source.Problems)
        {
            var field = problem.Column >= 0 ? plan.Mapped.FirstOrDefault(m => m.Column == problem.Column).Field ?? "" : "";
            var where = problem.Column >= 0 && field.Length == 0 && problem.Column < plan.Headers.Count ? $"列「{plan.Headers[problem.Column]}」：" : "";
            row.Error(Kind, field, where + problem.Message);
        }
        if (Kind == ImportKind.Customers)
        {
            if (row.Value(ImportFields.Name) is { } name)
            {
                var display = CustomerNameKey.Display(ImportValues.Name(name));
                row.Values[ImportFields.Name] = display;
                row.NameKey = CustomerNameKey.Normalize(display);
                row.NameCore = CustomerNameCore.Of(display);
            }
            row.CreditCode = Domain.CreditCode.Normalize(row.Value(ImportFields.CreditCode));
            row.Code = row.Value(ImportFields.Code)?.ToUpperInvariant();
            if (row.Value(ImportFields.IdNumber) is { } id && ResidentId.Normalize(id) is { } number && ResidentId.IsValid(number))
                row.IdNumberHash = personal.Hash(number);
        }
        else
        {
            if (row.Value(ImportFields.CustomerName) is { } name) row.NameKey = CustomerNameKey.Normalize(name);
            row.CreditCode = Domain.CreditCode.Normalize(row.Value(ImportFields.CustomerCreditCode));
            row.Code = row.Value(ImportFields.CustomerCode)?.ToUpperInvariant();
        }
        if (PhoneNumbers.NormalizeMobile(row.Value(ImportFields.ContactMobile)) is { } mobile) row.MobileHash = personal.Hash(mobile);
    }

    /// <summary>The dictionary labels of the row that the lookups must resolve before <see cref="Check"/>.</summary>
    public IEnumerable<(string Type, string Label)> Labels(ImportRow row)
    {
        foreach (var field in ImportDictionaryField.All)
            if (row.Value(field.Field) is { } value && !plan.Choices.ContainsKey((field.Field, value))) yield return (field.TypeCode, value);
        if (row.Value(ImportFields.Kind) is { } kind) yield return (DictionaryTypes.CustomerKind, kind);
        if (row.Value(ImportFields.Satisfaction) is { } satisfaction) yield return (DictionaryTypes.Satisfaction, satisfaction);
    }

    /// <summary>Checks a customers row: builds the new customer, or the target's copy with the row's changes, and the
    /// primary contact, collecting every problem.</summary>
    public void CheckCustomer(ImportRow row, Customer? target, IReadOnlyList<Contact> targetContacts, IReadOnlyList<int> targetTags)
    {
        var isNew = target is null;
        var input = isNew ? new CustomerInput() : InputOf(target!);
        var values = new CustomerValues(this, row);
        input = values.Apply(input, isNew);

        var customer = isNew ? new Customer() : Copy(target!);
        var errors = new FieldErrors();
        CustomerRules.Apply(customer, input, isNew, personal, errors);

        // The status and the owner are set by the caller of the rules, as CustomerService does.
        customer.StatusCode = input.StatusCode ?? (isNew ? CustomerStatus.Potential : target!.StatusCode);
        var owner = values.Owner(target, errors);
        if (owner is not null)
        {
            customer.OwnerId = owner.Id;
            customer.DepartmentId = owner.DepartmentId;
            if (target is null || target.OwnerId != owner.Id)
                if (CustomerAccess.CheckOwner(owner, plan.Scope) is { } problem) errors.Add(ImportFields.Owner, problem);
        }

        var codes = CustomerRules.DictionaryCodes(customer);
        var previous = target is null ? null : CustomerRules.DictionaryCodes(target);
        for (var i = 0; i < codes.Length; i++)
            if (codes[i] is { } code && code != previous?[i] && plan.Lookups.Entry(CustomerRules.DictionaryChecks[i].TypeCode, code) is not { Enabled: true })
                errors.Add(CustomerRules.DictionaryChecks[i].Field, CustomerRules.InvalidCode(CustomerRules.DictionaryChecks[i].Label, code));
        if (customer.ValueTierCode != target?.ValueTierCode && plan.Lookups.Entry(DictionaryTypes.ValueTier, customer.ValueTierCode) is { Enabled: false })
            errors.Add(ImportFields.ValueTier, CustomerRules.InvalidCode("价值等级", customer.ValueTierCode));

        if (values.ContactInput() is { } contactInput && (isNew || !targetContacts.Any(c => c.Name == contactInput.Name?.Trim())))
        {
            var contact = new Contact();
            ContactRules.Apply(contact, contactInput with { IsPrimary = isNew || !targetContacts.Any(c => c.IsPrimary) }, personal, errors, ImportFields.ContactPrefix);
            CheckCode(errors, ImportFields.ContactDecisionRole, "决策链角色", DictionaryTypes.DecisionRole, contact.DecisionRoleCode);
            row.Contact = contact;
        }

        if (values.Tags(errors) is { } tags && (isNew || !tags.ToHashSet().SetEquals(targetTags))) row.TagIds = tags;

        foreach (var (field, messages) in errors.ToDictionary())
            foreach (var message in messages) row.Error(Kind, field == "ownerId" ? ImportFields.Owner : field, message);
        Anomalies(row, customer);
        row.Customer = customer;
        row.NameChanged = isNew || customer.NameKey != target!.NameKey;
        if (!isNew) row.BeforeJson = Changes(target!, customer, row.TagIds is null ? null : targetTags);
    }

    /// <summary>Checks a contacts row's fields (its customer is already found and in scope); whether it becomes the
    /// primary contact is decided in file order (<see cref="ImportRow.WantsPrimary"/>).</summary>
    public void CheckContact(ImportRow row)
    {
        var values = new CustomerValues(this, row);
        var errors = new FieldErrors();
        var input = values.ContactInput() ?? new ContactInput();
        if (row.Value(ImportFields.ContactIsPrimary) is { } text)
        {
            if (TableValues.TryParseBool(text, out var primary)) row.WantsPrimary = primary;
            else errors.Add(ImportFields.ContactIsPrimary, "主要联系人应填“是”或“否”");
        }
        var contact = new Contact { CustomerId = row.Target!.Id };
        ContactRules.Apply(contact, input, personal, errors, ImportFields.ContactPrefix);
        CheckCode(errors, ImportFields.ContactDecisionRole, "决策链角色", DictionaryTypes.DecisionRole, contact.DecisionRoleCode);
        foreach (var (field, messages) in errors.ToDictionary())
            foreach (var message in messages) row.Error(Kind, field, message);
        row.Contact = contact;
    }

    void CheckCode(FieldErrors errors, string field, string label, string type, string? code)
    {
        if (code is not null && plan.Lookups.Entry(type, code) is not { Enabled: true }) errors.Add(field, CustomerRules.InvalidCode(label, code));
    }

    /// <summary>Valid but unusual: imported with a 待修正 note (or skipped, as the user chooses).</summary>
    void Anomalies(ImportRow row, Customer customer)
    {
        if (row.Has(ImportFields.FoundedOn) && customer.FoundedOn < EarliestUsualFounding)
            row.Remark(Kind, ImportFields.FoundedOn, $"成立日期 {customer.FoundedOn:yyyy-MM-dd} 早于 1950 年，请核实");
        if (row.Has(ImportFields.AnnualAmount) && customer.AnnualAmount > UnusualAmount)
            row.Remark(Kind, ImportFields.AnnualAmount, $"年交易额 {customer.AnnualAmount:N0} 元超过 100 亿元，请核实单位");
        if (row.Has(ImportFields.ContractAmount) && customer.ContractAmount > UnusualAmount)
            row.Remark(Kind, ImportFields.ContractAmount, $"合同金额 {customer.ContractAmount:N0} 元超过 100 亿元，请核实单位");
        if (customer.ServiceExpiryDate < customer.ContractDate)
            row.Remark(Kind, ImportFields.ServiceExpiryDate, "服务到期日早于签约日期，请核实");
    }

    /// <summary>The fields of a stored customer as a form holds them: an update starts from these and overlays the
    /// row's mapped cells. The ID number is not read back (null keeps it).</summary>
    static CustomerInput InputOf(Customer c) => new()
    {
        Name = c.Name, Kind = c.Kind, CreditCode = c.CreditCode, IndustryCode = c.IndustryCode, RegionCode = c.RegionCode, SizeCode = c.SizeCode,
        FoundedOn = c.FoundedOn, Address = c.Address, SourceCode = c.SourceCode, StatusCode = c.StatusCode, AnnualAmount = c.AnnualAmount,
        ValueTierCode = c.ValueTierManual ? c.ValueTierCode : null, OwnerId = c.OwnerId, Remarks = c.Remarks, Competitors = c.Competitors,
        RelatedProjects = c.RelatedProjects, ContractDate = c.ContractDate, ContractAmount = c.ContractAmount, FirstPaymentDate = c.FirstPaymentDate,
        ServiceExpiryDate = c.ServiceExpiryDate, Satisfaction = c.Satisfaction, Abnormal = c.Abnormal, AbnormalProgress = c.AbnormalProgress,
        Reason = ImportReason,
    };

    /// <summary>The columns an update writes (see <see cref="CustomerBatchWriter"/>), compared to find what changed.</summary>
    public static readonly PropertyInfo[] UpdatedProperties =
        [.. CustomerBatchWriter.UpdatedColumns.Where(c => c is not ("UpdatedAt" or "ReviewNote")).Select(c => typeof(Customer).GetProperty(c)!)];

    static Customer Copy(Customer c)
    {
        var copy = new Customer
        {
            Id = c.Id, Code = c.Code, CreatedAt = c.CreatedAt, CreatedBy = c.CreatedBy, UpdatedAt = c.UpdatedAt, Version = c.Version, ReviewNote = c.ReviewNote,
            LastFollowUpAt = c.LastFollowUpAt, ImportBatchId = c.ImportBatchId, MergedIntoId = c.MergedIntoId, DeletedAt = c.DeletedAt,
        };
        foreach (var property in UpdatedProperties) property.SetValue(copy, property.GetValue(c));
        return copy;
    }

    /// <summary>The before-values of the changed columns (and tags) as JSON, or null when nothing changed.</summary>
    static string? Changes(Customer before, Customer after, IReadOnlyList<int>? tagsBefore)
    {
        var changed = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in UpdatedProperties)
        {
            var old = property.GetValue(before);
            if (!StructuralEquals(old, property.GetValue(after))) changed[property.Name] = old;
        }
        if (tagsBefore is not null) changed[ImportChangeColumns.Tags] = tagsBefore;
        return changed.Count == 0 ? null : JsonSerializer.Serialize(changed, ImportJson.Options);
    }

    static bool StructuralEquals(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    /// <summary>Parses the row's cells into the form's types; problems go to the row's errors.</summary>
    sealed class CustomerValues(ImportChecks checks, ImportRow row)
    {
        ImportPlan Plan => checks.Plan;

        public CustomerInput Apply(CustomerInput input, bool isNew)
        {
            var clear = Plan.Options.ClearEmpty && !isNew;
            // An empty mapped cell leaves the stored value, unless the user asked to clear.
            bool Take(string field, out string? value)
            {
                value = row.Value(field);
                return row.Has(field) && (value is not null || clear);
            }
            if (Take(ImportFields.Name, out var name)) input = input with { Name = name };
            if (Take(ImportFields.Kind, out var kind) && kind is not null) input = input with { Kind = Kind(kind) ?? input.Kind };
            else if (isNew && row.Value(ImportFields.IdNumber) is not null && row.Value(ImportFields.CreditCode) is null) input = input with { Kind = CustomerKind.Individual };
            if (Take(ImportFields.CreditCode, out var credit)) input = input with { CreditCode = credit };
            if (Take(ImportFields.IdNumber, out var id)) input = input with { IdNumber = id ?? "" };
            if (Take(ImportFields.Industry, out var industry)) input = input with { IndustryCode = Code(ImportFields.Industry, industry) };
            if (Take(ImportFields.Region, out var region)) input = input with { RegionCode = Code(ImportFields.Region, region) };
            if (Take(ImportFields.Size, out var size)) input = input with { SizeCode = Code(ImportFields.Size, size) };
            if (Take(ImportFields.Source, out var source)) input = input with { SourceCode = Code(ImportFields.Source, source) };
            if (Take(ImportFields.Status, out var status)) input = input with { StatusCode = Code(ImportFields.Status, status) };
            if (Take(ImportFields.ValueTier, out var tier)) input = input with { ValueTierCode = Code(ImportFields.ValueTier, tier) };
            if (Take(ImportFields.FoundedOn, out var founded)) input = input with { FoundedOn = Date(ImportFields.FoundedOn, founded) };
            if (Take(ImportFields.ContractDate, out var contractDate)) input = input with { ContractDate = Date(ImportFields.ContractDate, contractDate) };
            if (Take(ImportFields.FirstPaymentDate, out var paid)) input = input with { FirstPaymentDate = Date(ImportFields.FirstPaymentDate, paid) };
            if (Take(ImportFields.ServiceExpiryDate, out var expiry)) input = input with { ServiceExpiryDate = Date(ImportFields.ServiceExpiryDate, expiry) };
            if (Take(ImportFields.AnnualAmount, out var annual)) input = input with { AnnualAmount = Amount(ImportFields.AnnualAmount, annual) };
            if (Take(ImportFields.ContractAmount, out var contract)) input = input with { ContractAmount = Amount(ImportFields.ContractAmount, contract) };
            if (Take(ImportFields.Satisfaction, out var satisfaction)) input = input with { Satisfaction = Satisfaction(satisfaction) };
            if (Take(ImportFields.Address, out var address)) input = input with { Address = address };
            if (Take(ImportFields.Remarks, out var remarks)) input = input with { Remarks = remarks };
            if (Take(ImportFields.Competitors, out var competitors)) input = input with { Competitors = competitors };
            if (Take(ImportFields.RelatedProjects, out var projects)) input = input with { RelatedProjects = projects };
            return input with { Reason = ImportReason };
        }

        CustomerKind? Kind(string text)
        {
            var code = Plan.Lookups.Resolve(DictionaryTypes.CustomerKind, text);
            if (code == "001") return CustomerKind.Enterprise;
            if (code == "002") return CustomerKind.Individual;
            row.Error(Plan.Kind, ImportFields.Kind, $"客户类型「{text}」无效，应为企业或个人");
            return null;
        }

        /// <summary>A dictionary cell's code: the user's choice for an unknown value, or the label resolved; an
        /// unknown value without a choice fails the row (and is listed once in the analysis).</summary>
        string? Code(string field, string? text)
        {
            if (text is null) return null;
            var dictionary = ImportDictionaryField.Find(field)!;
            if (Plan.Choices.TryGetValue((field, text), out var choice))
                switch (choice.Action)
                {
                    case ImportValueAction.Map:
                        return choice.Code;
                    case ImportValueAction.Create:
                        // In a dry run the entry does not exist yet: the row counts as valid.
                        return Plan.Created.GetValueOrDefault((field, text));
                    default:
                        row.Error(Plan.Kind, field, $"{dictionary.Label}「{text}」不在数据字典中，已选择不导入这些行");
                        return null;
                }
            if (Plan.Lookups.Resolve(dictionary.TypeCode, text) is { } code) return code;
            row.Error(Plan.Kind, field, $"{dictionary.Label}「{text}」不在数据字典中");
            return null;
        }

        DateOnly? Date(string field, string? text)
        {
            if (text is null) return null;
            if (TableValues.TryParseDate(text, out var date)) return date;
            row.Error(Plan.Kind, field, $"「{text}」不是有效的日期（如 2024-03-05、2024/3/5、2024年3月5日）");
            return null;
        }

        decimal? Amount(string field, string? text)
        {
            if (text is null) return null;
            if (TableValues.TryParseDecimal(text, out var amount)) return amount;
            row.Error(Plan.Kind, field, $"「{text}」不是有效的金额（如 1,234.5、¥1234、12万）");
            return null;
        }

        int? Satisfaction(string? text)
        {
            if (text is null) return null;
            if (ImportValues.TryParseInteger(text, out var score)) return score;
            if (Plan.Lookups.Resolve(DictionaryTypes.Satisfaction, text) is { } code && int.TryParse(code, out score)) return score;
            row.Error(Plan.Kind, ImportFields.Satisfaction, $"满意度「{text}」无效，应为 1 到 5 分");
            return null;
        }

        /// <summary>The owner named in the row (display name or user name), or the default owner of the options (a new
        /// customer; an update keeps its owner when the cell is empty).</summary>
        public UserInfo? Owner(Customer? target, FieldErrors errors)
        {
            if (row.Value(ImportFields.Owner) is not { } name)
            {
                if (target is not null) return null;
                if (Plan.DefaultOwner is null) errors.Add("ownerId", "负责人不存在");
                return Plan.DefaultOwner;
            }
            var users = Plan.Lookups.Users(name);
            if (users.Count == 1) return users[0];
            errors.Add("ownerId", users.Count == 0
                ? $"负责人「{name}」不存在（请填写用户的姓名或用户名）"
                : $"负责人「{name}」对应多个用户（{string.Join("、", users.Select(u => u.UserName))}），请填写用户名");
            return null;
        }

        /// <summary>The primary contact's fields, when any contact column has a value.</summary>
        public ContactInput? ContactInput()
        {
            string[] fields = [ImportFields.ContactName, ImportFields.ContactPosition, ImportFields.ContactMobile, ImportFields.ContactOfficePhone,
                ImportFields.ContactEmail, ImportFields.ContactOtherId, ImportFields.ContactDecisionRole];
            if (fields.All(f => row.Value(f) is null)) return null;
            return new ContactInput
            {
                Name = row.Value(ImportFields.ContactName),
                Position = row.Value(ImportFields.ContactPosition),
                Mobile = row.Value(ImportFields.ContactMobile) ?? "",
                OfficePhone = row.Value(ImportFields.ContactOfficePhone) ?? "",
                Email = row.Value(ImportFields.ContactEmail) ?? "",
                OtherId = row.Value(ImportFields.ContactOtherId),
                DecisionRoleCode = Code(ImportFields.ContactDecisionRole, row.Value(ImportFields.ContactDecisionRole)),
            };
        }

        /// <summary>The tags named in the cell (names or synonyms), within the limit of custom tags; null when the
        /// cell is empty (and not clearing).</summary>
        public int[]? Tags(FieldErrors errors)
        {
            if (!row.Has(ImportFields.Tags)) return null;
            if (row.Value(ImportFields.Tags) is not { } text) return Plan.Options.ClearEmpty ? [] : null;
            var tags = new List<ImportTag>();
            var unknown = new List<string>();
            foreach (var name in ImportValues.TagNames(text))
            {
                if (Plan.Lookups.Tag(name) is { } tag) { if (!tags.Contains(tag)) tags.Add(tag); }
                else unknown.Add(name);
            }
            if (unknown.Count > 0) errors.Add(ImportFields.Tags, $"标签不存在：{string.Join("、", unknown)}");
            if (checks.TagLimit(tags.Count(t => !t.IsSystem)) is { } limit) errors.Add(ImportFields.Tags, limit);
            return [.. tags.Select(t => t.Id)];
        }
    }
}

/// <summary>Keys of the before-values JSON beside the customer's own columns.</summary>
internal static class ImportChangeColumns
{
    public const string Tags = "$tags";
}
