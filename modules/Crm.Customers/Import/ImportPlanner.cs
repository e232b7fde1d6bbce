using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>Turns the user's options into an <see cref="ImportPlan"/> for a file, refusing what cannot work before a
/// row is read: a mapping with unknown fields or two columns on one field, no name column, no column for the match
/// key, a choice mapping to a code the dictionary does not have, a default owner outside the user's scope.</summary>
internal sealed class ImportPlanner(
    CustomersDbContext db,
    CustomerAccess access,
    IDataDictionary dictionary,
    IUserDirectory users,
    TagRules tagRules,
    PersonalData personal,
    ImportEntries entries)
{
    public async Task<Outcome<ImportPlan>> PlanAsync(ImportKind kind, ImportOptions options, IReadOnlyList<string> headers, CancellationToken ct)
    {
        var columns = options.Columns ?? ImportFields.Suggest(kind, headers);
        if (!Enum.IsDefined(options.Mode)) return Invalid("mode", "导入方式只能是 Create、Update 或 Upsert");
        if (!Enum.IsDefined(options.MatchKey)) return Invalid("matchKey", "匹配方式只能是 CreditCode、Code 或 Name");
        if (ImportColumns.Problem(kind, headers, columns) is { } problem) return Invalid("columns", problem);
        var mapped = columns.Select((field, column) => (column, field)).Where(c => c.field is not null).Select(c => (c.column, c.field!)).ToList();
        if (mapped.Count == 0) return Invalid("columns", ImportService.NothingRecognised(kind, headers));

        var fields = mapped.Select(m => m.Item2).ToHashSet();
        if (kind == ImportKind.Customers)
        {
            if (!fields.Contains(ImportFields.Name) && options.Mode == ImportMode.Create) return Invalid("columns", "请把一列映射到「客户名称」（必填）");
            var matchField = options.MatchKey switch { ImportMatchKey.Code => ImportFields.Code, ImportMatchKey.Name => ImportFields.Name, _ => ImportFields.CreditCode };
            if (options.Mode != ImportMode.Create && !fields.Contains(matchField))
                return Invalid("columns", $"按「{ImportFields.Find(kind, matchField)!.Label}」匹配已有客户时，请把一列映射到「{ImportFields.Find(kind, matchField)!.Label}」");
        }
        else
        {
            if (!fields.Contains(ImportFields.ContactName)) return Invalid("columns", "请把一列映射到「联系人」（必填）");
            if (!fields.Overlaps([ImportFields.CustomerCode, ImportFields.CustomerCreditCode, ImportFields.CustomerName]))
                return Invalid("columns", "请把一列映射到「客户编码」、「统一社会信用代码」或「客户名称」，以确定联系人属于哪个客户");
        }

        var scope = await access.ScopeAsync(ct);
        var lookups = await ImportLookups.LoadAsync(db, dictionary, users, ct);
        var importer = access.User.UserId ?? Guid.Empty;
        var owner = lookups.UsersById.GetValueOrDefault(options.DefaultOwnerId ?? importer);
        if (options.DefaultOwnerId is not null && CustomerAccess.CheckOwner(owner, scope) is { } ownerProblem) return Invalid("defaultOwnerId", ownerProblem);

        var choices = new Dictionary<(string, string), ImportValueChoice>();
        var errors = new FieldErrors();
        foreach (var choice in options.ValueChoices ?? [])
        {
            var value = ImportValues.Clean(choice.Value);
            if (ImportDictionaryField.Find(choice.Field) is not { } field) errors.Add("valueChoices", $"字段「{choice.Field}」没有数据字典");
            else if (choice.Action == ImportValueAction.Map && (choice.Code is null || await dictionary.FindAsync(field.TypeCode, choice.Code, ct) is not { Enabled: true }))
                errors.Add("valueChoices", $"{field.Label}「{value}」要映射到的选项「{choice.Code}」不在数据字典中或已停用");
            else if (choice.Action == ImportValueAction.Create && entries.CannotCreate(field) is { } reason)
                errors.Add("valueChoices", $"{field.Label}「{value}」不能新建为字典选项：{reason}");
            else if (!Enum.IsDefined(choice.Action)) errors.Add("valueChoices", "对不认识的值只能选择 Map（映射）、Create（新建）或 Reject（不导入）");
            else choices[(choice.Field, value)] = choice with { Value = value };
        }
        if (errors.Any) return Outcome<ImportPlan>.Invalid(errors);

        // Codes the checks compare against: the defaults a new customer gets, and the targets of the choices.
        foreach (var status in new[] { CustomerStatus.Potential, CustomerStatus.Intent, CustomerStatus.Deal, CustomerStatus.Lost })
            await lookups.PrepareCodeAsync(DictionaryTypes.CustomerStatus, status, ct);
        foreach (var tier in new[] { ValueTier.High, ValueTier.Mid, ValueTier.Normal })
            await lookups.PrepareCodeAsync(DictionaryTypes.ValueTier, tier, ct);
        foreach (var choice in choices.Values.Where(c => c.Action == ImportValueAction.Map))
            await lookups.PrepareCodeAsync(ImportDictionaryField.Find(choice.Field)!.TypeCode, choice.Code!, ct);

        return new ImportPlan
        {
            Kind = kind, Options = options, Headers = headers, Mapped = mapped, Scope = scope, ImporterId = importer, DefaultOwner = owner,
            Lookups = lookups, MaxCustomTags = tagRules.MaxCustomTags, Choices = choices,
        };
    }

    /// <summary>The per-row checks of a plan.</summary>
    public ImportChecks Checks(ImportPlan plan) => new(plan, personal, tagRules.Check);

    static Outcome<ImportPlan> Invalid(string field, string message) => Outcome<ImportPlan>.Invalid(field, message);
}
