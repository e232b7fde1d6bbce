using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Domain;

/// <summary>The rule on a customer's tags, in one place for the pages, the API, merging and the import: the tags
/// exist, and at most <see cref="CustomerSettings.MaxCustomTags"/> of them are custom (system dimensions don't count).</summary>
internal sealed class TagRules(CustomersDbContext db, IOptions<CustomerSettings> settings)
{
    public int MaxCustomTags => settings.Value.MaxCustomTags;

    /// <summary>The problem with this set of tags for one customer, or null.</summary>
    public async Task<string?> CheckAsync(IReadOnlyCollection<int> tagIds, CancellationToken ct)
    {
        var ids = tagIds.Distinct().ToList();
        if (ids.Count == 0) return null;
        var tags = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Dimension!.IsSystem }).ToListAsync(ct);
        if (tags.Count != ids.Count)
            return $"标签不存在：{string.Join("、", ids.Except(tags.Select(t => t.Id)))}";
        return Check(tags.Count(t => !t.IsSystem));
    }

    public string? Check(int customTagCount) =>
        customTagCount > MaxCustomTags ? $"每个客户最多 {MaxCustomTags} 个自定义标签（现在选了 {customTagCount} 个）" : null;
}
