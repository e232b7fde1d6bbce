using System.Globalization;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>Needs (需求) of a customer the user may see: what they want, the budget in 万元, when, and how urgent.</summary>
internal sealed class NeedService(CustomersDbContext db, CustomerAccess access, DictionaryLabels labels)
{
    const string WhatCustomer = "客户";
    const string What = "需求";

    public async Task<Outcome<IReadOnlyList<NeedView>>> ListAsync(long customerId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<NeedView>>.Missing(WhatCustomer);
        var needs = await db.Needs.AsNoTracking().Where(n => n.CustomerId == customerId)
            .OrderBy(n => n.Priority).ThenByDescending(n => n.Id).ToListAsync(ct);
        var list = new List<NeedView>(needs.Count);
        foreach (var need in needs) list.Add(await ViewAsync(need, ct));
        return list;
    }

    public async Task<Outcome<NeedView>> CreateAsync(long customerId, NeedInput input, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return Outcome<NeedView>.Missing(WhatCustomer);
        var need = new Need { CustomerId = customerId };
        var errors = new FieldErrors();
        await ApplyAsync(need, input, previousType: null, errors, ct);
        if (errors.Any) return Outcome<NeedView>.Invalid(errors);
        need.CreatedAt = need.UpdatedAt = customer.UpdatedAt = DateTime.UtcNow;
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(need, ct);
    }

    public async Task<Outcome<NeedView>> UpdateAsync(long customerId, long needId, NeedInput input, CancellationToken ct)
    {
        if (await FindAsync(customerId, needId, ct) is not var (customer, need)) return Outcome<NeedView>.Missing(What);
        if (input.Version is { } version && version != need.Version) return Outcome<NeedView>.Stale(await ViewAsync(need, ct));
        var errors = new FieldErrors();
        await ApplyAsync(need, input, need.TypeCode, errors, ct);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<NeedView>.Invalid(errors);
        }
        if (!db.Entry(need).Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))) return await ViewAsync(need, ct);
        need.UpdatedAt = customer.UpdatedAt = DateTime.UtcNow;
        need.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(customerId, needId, ct) is var (_, current) ? Outcome<NeedView>.Stale(await ViewAsync(current, ct)) : Outcome<NeedView>.Missing(What);
        }
        return await ViewAsync(need, ct);
    }

    /// <summary>Deletes the need; its attachments stay with the customer (the key is set to null).</summary>
    public async Task<Outcome<bool>> DeleteAsync(long customerId, long needId, CancellationToken ct)
    {
        if (await FindAsync(customerId, needId, ct) is not var (customer, need)) return Outcome<bool>.Missing(What);
        db.Needs.Remove(need);
        customer.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task ApplyAsync(Need need, NeedInput input, string? previousType, FieldErrors errors, CancellationToken ct)
    {
        errors.Required("description", "需求描述", input.Description).MaxLength("description", "需求描述", input.Description, 2000)
            .MaxLength("painPoints", "痛点", input.PainPoints, 2000);
        need.Description = input.Description?.Trim() ?? "";
        need.PainPoints = InputText.Blank(input.PainPoints);
        need.TypeCode = InputText.Blank(input.TypeCode);
        await labels.CheckAsync(errors, "typeCode", "需求类型", DictionaryTypes.NeedType, need.TypeCode, previousType, ct);

        if (input.BudgetMin is < 0) errors.Add("budgetMin", "预算下限不能为负数");
        if (input.BudgetMax is < 0) errors.Add("budgetMax", "预算上限不能为负数");
        if (input.BudgetMin is { } min && input.BudgetMax is { } max && min > max) errors.Add("budgetMax", "预算上限不能低于预算下限");
        need.BudgetMin = input.BudgetMin;
        need.BudgetMax = input.BudgetMax;

        need.ExpectedMonth = null;
        if (!string.IsNullOrWhiteSpace(input.ExpectedMonth))
        {
            if (DateOnly.TryParseExact(input.ExpectedMonth.Trim(), NeedView.MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
                need.ExpectedMonth = month;
            else
                errors.Add("expectedMonth", "期望交付月份的格式应为 yyyy-MM，例如 2026-03");
        }

        var priority = input.Priority ?? NeedPriority.Mid;
        if (!Enum.IsDefined(priority)) errors.Add("priority", "优先级只能是 High、Mid 或 Low");
        need.Priority = priority;
    }

    async Task<(Customer, Need)?> FindAsync(long customerId, long needId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return null;
        return await db.Needs.FirstOrDefaultAsync(n => n.Id == needId && n.CustomerId == customerId, ct) is { } need ? (customer, need) : null;
    }

    async Task<NeedView> ViewAsync(Need n, CancellationToken ct) => new(
        n.Id, n.CustomerId, await labels.OfAsync(DictionaryTypes.NeedType, n.TypeCode, ct), n.Description, n.BudgetMin, n.BudgetMax,
        n.ExpectedMonth?.ToString(NeedView.MonthFormat, CultureInfo.InvariantCulture), n.PainPoints, n.Priority, n.CreatedAt, n.UpdatedAt, n.Version);
}

/// <summary>A need as entered. The budget is in 万元; the month is "yyyy-MM".</summary>
public sealed record NeedInput
{
    public string? TypeCode { get; init; }
    public string? Description { get; init; }
    public decimal? BudgetMin { get; init; }
    public decimal? BudgetMax { get; init; }
    public string? ExpectedMonth { get; init; }
    public string? PainPoints { get; init; }
    /// <summary>Null: Mid.</summary>
    public NeedPriority? Priority { get; init; }
    public int? Version { get; init; }
}

public sealed record NeedView(
    long Id,
    long CustomerId,
    CodeName? Type,
    string Description,
    decimal? BudgetMin,
    decimal? BudgetMax,
    string? ExpectedMonth,
    string? PainPoints,
    NeedPriority Priority,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public const string MonthFormat = "yyyy-MM";
}
