using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Import;

/// <summary>New dictionary entries for the values the user chose to create, through <see cref="IDictionaryEditor"/>
/// when the dictionaries module provides it and the user may maintain dictionaries.</summary>
internal sealed class ImportEntries(IServiceProvider services)
{
    readonly IDictionaryEditor? editor = services.GetService<IDictionaryEditor>();

    public bool CanCreate => editor is { CanAddEntries: true };

    /// <summary>Why an entry of this field cannot be created, or null when it can.</summary>
    public string? CannotCreate(ImportDictionaryField field) =>
        !field.CanCreate ? $"「{field.Label}」的选项是国家标准或系统规则，只能映射到已有选项"
        : editor is null ? "数据字典模块未提供新建选项的功能"
        : !editor.CanAddEntries ? "需要数据字典维护权限"
        : null;

    /// <summary>Creates an entry per "create" choice (or finds the one a previous attempt created) and records its code in the plan.</summary>
    public async Task<Outcome<bool>> CreateAsync(ImportPlan plan, CancellationToken ct)
    {
        foreach (var choice in plan.Choices.Values.Where(c => c.Action == ImportValueAction.Create))
        {
            var field = ImportDictionaryField.Find(choice.Field)!;
            await plan.Lookups.PrepareAsync([(field.TypeCode, choice.Value)], ct);
            var code = plan.Lookups.Resolve(field.TypeCode, choice.Value);
            if (code is null)
            {
                var created = await editor!.AddEntryAsync(field.TypeCode, choice.Value, ct);
                if (!created.Succeeded) return Outcome<bool>.Invalid("valueChoices", $"新建{field.Label}「{choice.Value}」失败：{created.ErrorText}");
                code = created.Value!.Code;
            }
            plan.Created[(choice.Field, choice.Value)] = code;
            await plan.Lookups.PrepareCodeAsync(field.TypeCode, code, ct);
        }
        return true;
    }
}
