using Crm.Abstractions.Auditing;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

public sealed record TagDimensionView(int Id, string Code, string Name, bool IsSystem, int Order);

public sealed record TagAdminView(int Id, string Name, int DimensionId, string DimensionName, bool IsCustom, IReadOnlyList<string> Synonyms, int Usage, double Share);

public sealed record TagInput(string? Name, int DimensionId);

public sealed record TagDimensionInput(string? Code, string? Name);

public sealed record TagNameInput(string? Name);

public sealed record TagMergeInput(int IntoTagId);

/// <summary>The quarterly tag review (季度复盘): tags carried by fewer than <see cref="Threshold"/> of the customers.</summary>
public sealed record TagReview(int CustomerCount, double Threshold, IReadOnlyList<TagAdminView> Rarely);

/// <summary>Tag dimensions and tags (标签体系): names unique together with their synonyms, so "制造业" and "工业" can't
/// both be tags; merging re-tags the customers of one tag with another and keeps its name as a synonym.</summary>
internal sealed class TagService(CustomersDbContext db, IAuditLog audit)
{
    public const double ReviewThreshold = 0.05;

    // The tags page uses this service for a whole Blazor circuit: every change starts from the database, not from
    // tags an earlier operation tracked.
    void Fresh() => db.ChangeTracker.Clear();

    public async Task<IReadOnlyList<TagDimensionView>> DimensionsAsync(CancellationToken ct) =>
        await db.TagDimensions.AsNoTracking().OrderBy(d => d.Order).ThenBy(d => d.Id)
            .Select(d => new TagDimensionView(d.Id, d.Code, d.Name, d.IsSystem, d.Order)).ToListAsync(ct);

    /// <summary>Every tag with its synonyms, its usage count and its share of the (not deleted) customers.</summary>
    /// <remarks>Counting usage reads every tag link (millions at scale): pickers pass <paramref name="withUsage"/> false
    /// and get zero counts.</remarks>
    public async Task<IReadOnlyList<TagAdminView>> ListAsync(CancellationToken ct, bool withUsage = true) =>
        await ListAsync(withUsage ? await CustomerCountAsync(ct) : 0, withUsage, ct);

    public async Task<TagReview> ReviewAsync(CancellationToken ct)
    {
        var total = await CustomerCountAsync(ct);
        var all = await ListAsync(total, withUsage: true, ct);
        return new TagReview(total, ReviewThreshold, all.Where(t => t.Share < ReviewThreshold).OrderBy(t => t.Usage).ToList());
    }

    Task<int> CustomerCountAsync(CancellationToken ct) => db.Customers.CountAsync(c => c.DeletedAt == null, ct);

    async Task<IReadOnlyList<TagAdminView>> ListAsync(int total, bool withUsage, CancellationToken ct)
    {
        var usage = withUsage
            ? await db.CustomerTags.GroupBy(t => t.TagId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct)
            : [];
        var tags = await db.Tags.AsNoTracking().Include(t => t.Dimension).Include(t => t.Synonyms)
            .OrderBy(t => t.Dimension!.Order).ThenBy(t => t.Name).ToListAsync(ct);
        return tags.Select(t =>
        {
            var count = usage.GetValueOrDefault(t.Id);
            return new TagAdminView(t.Id, t.Name, t.DimensionId, t.Dimension!.Name, !t.Dimension.IsSystem,
                t.Synonyms.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(), count, total == 0 ? 0 : (double)count / total);
        }).ToList();
    }

    public async Task<Outcome<TagDimensionView>> CreateDimensionAsync(TagDimensionInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("code", "维度编码", input.Code).Required("name", "维度名称", input.Name)
            .MaxLength("code", "维度编码", input.Code, 50).MaxLength("name", "维度名称", input.Name, 50);
        if (errors.Any) return Outcome<TagDimensionView>.Invalid(errors);
        var code = input.Code!.Trim().ToLowerInvariant();
        if (await db.TagDimensions.AnyAsync(d => d.Code == code, ct)) return Outcome<TagDimensionView>.Invalid("code", $"维度编码「{code}」已存在");
        var dimension = new TagDimension { Code = code, Name = input.Name!.Trim(), Order = await db.TagDimensions.MaxAsync(d => d.Order, ct) + 1 };
        db.TagDimensions.Add(dimension);
        await db.SaveChangesAsync(ct);
        return new TagDimensionView(dimension.Id, dimension.Code, dimension.Name, dimension.IsSystem, dimension.Order);
    }

    public async Task<Outcome<TagAdminView>> CreateAsync(TagInput input, CancellationToken ct)
    {
        Fresh();
        if (await CheckNameAsync(input.Name, null, ct) is { } invalid) return invalid.As<TagAdminView>();
        if (!await db.TagDimensions.AnyAsync(d => d.Id == input.DimensionId, ct)) return Outcome<TagAdminView>.Invalid("dimensionId", "标签维度不存在");
        var tag = new Tag { Name = input.Name!.Trim(), NameKey = CustomerNameKey.Normalize(input.Name), DimensionId = input.DimensionId };
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(tag.Id, ct);
    }

    public async Task<Outcome<TagAdminView>> RenameAsync(int id, TagNameInput input, CancellationToken ct)
    {
        Fresh();
        if (await db.Tags.FindAsync([id], ct) is not { } tag) return Outcome<TagAdminView>.Missing("标签");
        if (await CheckNameAsync(input.Name, id, ct) is { } invalid) return invalid.As<TagAdminView>();
        tag.Name = input.Name!.Trim();
        tag.NameKey = CustomerNameKey.Normalize(input.Name);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(id, ct);
    }

    public async Task<Outcome<TagAdminView>> AddSynonymAsync(int id, TagNameInput input, CancellationToken ct)
    {
        Fresh();
        if (!await db.Tags.AnyAsync(t => t.Id == id, ct)) return Outcome<TagAdminView>.Missing("标签");
        if (await CheckNameAsync(input.Name, null, ct) is { } invalid) return invalid.As<TagAdminView>();
        db.TagSynonyms.Add(new TagSynonym { TagId = id, Name = input.Name!.Trim(), NameKey = CustomerNameKey.Normalize(input.Name) });
        await db.SaveChangesAsync(ct);
        return await ViewAsync(id, ct);
    }

    public async Task<Outcome<TagAdminView>> RemoveSynonymAsync(int id, string name, CancellationToken ct)
    {
        Fresh();
        var key = CustomerNameKey.Normalize(name);
        if (await db.TagSynonyms.FirstOrDefaultAsync(s => s.TagId == id && s.NameKey == key, ct) is not { } synonym) return Outcome<TagAdminView>.Missing("同义词");
        db.TagSynonyms.Remove(synonym);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>Merges a tag into another: its customers get the other tag (once), its name and synonyms become
    /// synonyms of the other, and it is deleted — all in one transaction, then audited once with the number re-tagged.
    /// The custom-tag limit cannot be exceeded by a merge: a customer keeps the same number of tags or fewer.</summary>
    public async Task<Outcome<TagAdminView>> MergeAsync(int id, TagMergeInput input, CancellationToken ct)
    {
        Fresh();
        if (await db.Tags.Include(t => t.Synonyms).FirstOrDefaultAsync(t => t.Id == id, ct) is not { } source) return Outcome<TagAdminView>.Missing("标签");
        if (input.IntoTagId == id) return Outcome<TagAdminView>.Invalid("intoTagId", "不能把标签合并到它自己");
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == input.IntoTagId, ct) is not { } target) return Outcome<TagAdminView>.Invalid("intoTagId", "目标标签不存在");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO cust_customer_tags (\"CustomerId\", \"TagId\") SELECT \"CustomerId\", {target.Id} FROM cust_customer_tags WHERE \"TagId\" = {source.Id} AND \"CustomerId\" NOT IN (SELECT \"CustomerId\" FROM cust_customer_tags WHERE \"TagId\" = {target.Id})", ct);
        var affected = await db.CustomerTags.CountAsync(t => t.TagId == source.Id, ct);
        await db.CustomerTags.Where(t => t.TagId == source.Id).ExecuteDeleteAsync(ct);
        var names = source.Synonyms.Select(s => s.Name).Prepend(source.Name).ToList();
        db.TagSynonyms.RemoveRange(source.Synonyms);
        db.Tags.Remove(source);
        await db.SaveChangesAsync(ct);
        foreach (var name in names)
            db.TagSynonyms.Add(new TagSynonym { TagId = target.Id, Name = name, NameKey = CustomerNameKey.Normalize(name) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // After the commit: the audit log writes on a connection of its own, which would wait for our write lock.
        await audit.WriteAsync(new AuditRecord("merge", nameof(Tag), target.Id.ToString(),
            Summary: $"标签「{source.Name}」合并到「{target.Name}」：{affected} 个客户，其中 {moved} 个新加上「{target.Name}」"), ct);
        return await ViewAsync(target.Id, ct);
    }

    public async Task<Outcome<bool>> DeleteAsync(int id, CancellationToken ct)
    {
        Fresh();
        if (await db.Tags.FindAsync([id], ct) is not { } tag) return Outcome<bool>.Missing("标签");
        var usage = await db.CustomerTags.CountAsync(t => t.TagId == id, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CustomerTags.Where(t => t.TagId == id).ExecuteDeleteAsync(ct);
        db.Tags.Remove(tag);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // After the commit, as in MergeAsync.
        if (usage > 0)
            await audit.WriteAsync(new AuditRecord("untag", nameof(Tag), id.ToString(), Summary: $"删除标签「{tag.Name}」，从 {usage} 个客户上移除"), ct);
        return true;
    }

    /// <summary>A tag or synonym by name, e.g. for the import ("工业" finds 制造业).</summary>
    public async Task<Tag?> FindByNameAsync(string name, CancellationToken ct)
    {
        var key = CustomerNameKey.Normalize(name);
        return await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.NameKey == key || t.Synonyms.Any(s => s.NameKey == key), ct);
    }

    async Task<Outcome<bool>?> CheckNameAsync(string? name, int? renaming, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", "标签名称", name).MaxLength("name", "标签名称", name, 30);
        if (errors.Any) return Outcome<bool>.Invalid(errors);
        var key = CustomerNameKey.Normalize(name!);
        if (await db.Tags.Where(t => t.NameKey == key && t.Id != renaming).Select(t => t.Name).FirstOrDefaultAsync(ct) is { } existing)
            return Outcome<bool>.Invalid("name", $"标签「{existing}」已存在");
        if (await db.TagSynonyms.Where(s => s.NameKey == key && s.TagId != renaming).Select(s => new { s.Name, Tag = db.Tags.Where(t => t.Id == s.TagId).Select(t => t.Name).First() })
                .FirstOrDefaultAsync(ct) is { } synonym)
            return Outcome<bool>.Invalid("name", $"「{synonym.Name}」是标签「{synonym.Tag}」的同义词，请直接使用「{synonym.Tag}」");
        return null;
    }

    async Task<TagAdminView> ViewAsync(int id, CancellationToken ct) => (await ListAsync(ct)).Single(t => t.Id == id);
}
