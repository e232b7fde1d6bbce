using System.Data.Common;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>客户合并: duplicates of one customer become one. The survivor takes, field by field, the value chosen from
/// any of the records; contacts, follow-ups, needs, attachments and tags of the merged records move to it; the merged
/// records go to the recycle bin pointing at the survivor (<see cref="Customer.MergedIntoId"/>), and other modules
/// learn the old id → new id from <see cref="CustomerMerged"/>. All in one transaction, like the handover: either
/// everything moves or nothing does.</summary>
internal sealed class MergeService(
    CustomersDbContext db,
    CustomerAccess access,
    DictionaryLabels labels,
    PersonalData personal,
    TagRules tagRules,
    CustomerViews views,
    IUserDirectory users,
    IAuditLog audit,
    ICrmEventBus events)
{
    const string What = "客户";
    /// <summary>How many records one merge (and one comparison) takes at most: a larger group is merged in parts.</summary>
    public const int MaxRecords = 20;

    /// <summary>The records side by side: each field's value per record (masked, with labels), the value a merge
    /// would keep when nobody chooses, the tags and what would move.</summary>
    public async Task<Outcome<MergeComparison>> CompareAsync(IReadOnlyList<long> ids, long? survivorId, CancellationToken ct)
    {
        ids = ids.Distinct().ToList();
        if (ids.Count < 2) return Outcome<MergeComparison>.Invalid("ids", "请至少选择 2 个客户进行比较");
        if (ids.Count > MaxRecords) return Outcome<MergeComparison>.Invalid("ids", $"一次最多比较 {MaxRecords} 个客户");
        var records = await LoadAsync(ids, ct);
        if (records is null || records.Any(c => c.DeletedAt is not null)) return Outcome<MergeComparison>.Missing(What);
        var survivor = records.FirstOrDefault(c => c.Id == survivorId) ?? records[0];
        return await ComparisonAsync(survivor, records, ct);
    }

    public async Task<Outcome<CustomerDetail>> MergeAsync(MergeInput input, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var errors = new FieldErrors();
        var mergedIds = (input.MergedIds ?? []).Distinct().ToList();
        if (input.SurvivorId is null) errors.Add("survivorId", "请选择保留的客户");
        if (mergedIds.Count == 0) errors.Add("mergedIds", "请至少选择一个被合并的客户");
        else if (input.SurvivorId is { } s && mergedIds.Contains(s)) errors.Add("mergedIds", "保留的客户不能同时是被合并的客户");
        else if (mergedIds.Count + 1 > MaxRecords) errors.Add("mergedIds", $"一次最多合并 {MaxRecords} 个客户");
        errors.Required("reason", "合并原因", input.Reason).MaxLength("reason", "合并原因", input.Reason, 500);
        if (errors.Has("survivorId") || errors.Has("mergedIds")) return Outcome<CustomerDetail>.Invalid(errors);

        var records = await LoadAsync([input.SurvivorId!.Value, .. mergedIds], ct);
        if (records is null) return Outcome<CustomerDetail>.Missing(What);
        var survivor = records[0];
        var merged = records.Skip(1).ToList();
        foreach (var deleted in records.Where(c => c.DeletedAt is not null))
            errors.Add(deleted == survivor ? "survivorId" : "mergedIds", $"客户 {deleted.Code} 已在回收站，不能合并");
        if (errors.Has("survivorId") || errors.Has("mergedIds")) return Outcome<CustomerDetail>.Invalid(errors);
        if (input.Versions is { } versions && records.Any(c => versions.TryGetValue(c.Id, out var v) && v != c.Version))
            return Outcome<CustomerDetail>.Stale(await ComparisonAsync(survivor, records, ct));

        var sources = ChooseSources(input.FieldSources, survivor, records, errors);
        var owner = sources.Single(f => f.Field.Key == "ownerId").Source;
        if (owner != survivor && owner.OwnerId != survivor.OwnerId
            && await access.CheckOwnerAsync(await access.FindUserAsync(owner.OwnerId, ct), ct) is { } ownerProblem)
            errors.Add("fieldSources.ownerId", ownerProblem);
        var tags = await ChooseTagsAsync(input.TagIds, records, errors, ct);
        if (errors.Any) return Outcome<CustomerDetail>.Invalid(errors);

        var reason = input.Reason!.Trim();
        var now = DateTime.UtcNow;
        Moved? moved;
        try
        {
            moved = await MoveAsync(survivor, merged, sources, tags, now, ct);
        }
        catch (DbException e) when (e.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            // Someone saved a customer with the chosen name or code between our checks and our write.
            return Outcome<CustomerDetail>.Invalid(e.Message.Contains("NameKey", StringComparison.Ordinal)
                ? new FieldErrors().Add("fieldSources.name", "客户名称已被其他客户使用")
                : new FieldErrors().Add("fieldSources.creditCode", "统一社会信用代码或身份证号已被其他客户使用"));
        }
        if (moved is null) return await StaleAsync(records, ct);

        db.ChangeTracker.Clear();
        var after = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == survivor.Id, ct);
        // After the commit: the audit log is written on the host's own connection (see HandoverService).
        var changes = Changes(survivor, after, tags);
        foreach (var record in merged)
            await audit.WriteAsync(new AuditRecord("merge", nameof(Customer), record.Id.ToString(),
                [new AuditFieldChange(nameof(Customer.DeletedAt), null, Format(now)),
                 new AuditFieldChange(nameof(Customer.MergedIntoId), null, survivor.Id.ToString())],
                reason, $"合并到客户 {survivor.Code}（{after.Name}）：{moved.Counts[record.Id].Describe()}"), ct);
        await audit.WriteAsync(new AuditRecord("merge", nameof(Customer), survivor.Id.ToString(), changes, reason,
            SurvivorSummary(merged, moved, sources.Where(s => s.Source != survivor && !s.Field.Same(s.Source, survivor)).ToList())), ct);

        foreach (var record in merged)
            await events.PublishAsync(new CustomerMerged(record.Id, survivor.Id), ct);
        var changed = changes.Select(c => c.Field).ToList();
        if (moved.Contacts.Moved.Count > 0) changed.Add("Contacts");
        await events.PublishAsync(new CustomerUpdated(survivor.Id, changed), ct);
        if (after.StatusCode != survivor.StatusCode)
            await events.PublishAsync(new CustomerStatusChanged(survivor.Id, survivor.StatusCode, after.StatusCode, reason), ct);
        if (after.OwnerId != survivor.OwnerId)
            await events.PublishAsync(new CustomerOwnerChanged(survivor.Id, survivor.OwnerId, after.OwnerId, reason), ct);
        return await views.DetailAsync(after, ct);
    }

    /// <summary>The merge itself, in one transaction; null (nothing kept) when a record changed since it was read.</summary>
    async Task<Moved?> MoveAsync(Customer survivor, List<Customer> merged, List<(MergeField Field, Customer Source)> sources, TagChange tags,
        DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The merged records leave first: name, credit code and ID number are unique among live customers only, so the
        // survivor can then take a merged record's.
        foreach (var record in merged)
        {
            var left = await db.Customers.Where(c => c.Id == record.Id && c.Version == record.Version && c.DeletedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.DeletedAt, now)
                    .SetProperty(c => c.MergedIntoId, survivor.Id)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1), ct);
            if (left == 0) return null;
        }
        var contacts = await MoveContactsAsync(survivor, merged, now, ct);
        var counts = new Dictionary<long, MovedCounts>();
        foreach (var record in merged)
            counts[record.Id] = new MovedCounts(
                contacts.Moved.Count(c => c.CustomerId == record.Id),
                contacts.Identical.Count(c => c.CustomerId == record.Id),
                await db.FollowUps.Where(x => x.CustomerId == record.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.CustomerId, survivor.Id), ct),
                await db.Needs.Where(x => x.CustomerId == record.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.CustomerId, survivor.Id), ct),
                await db.Attachments.Where(x => x.CustomerId == record.Id).ExecuteUpdateAsync(set => set.SetProperty(x => x.CustomerId, survivor.Id), ct));
        await ReplaceTagsAsync(survivor, merged.Select(c => c.Id).ToList(), tags.After, ct);

        var lastFollowUp = merged.Append(survivor).Max(c => c.LastFollowUpAt);
        var taken = sources.Where(s => s.Source != survivor).ToList();
        var updated = await db.Customers.Where(c => c.Id == survivor.Id && c.Version == survivor.Version && c.DeletedAt == null)
            .ExecuteUpdateAsync(set =>
            {
                foreach (var (field, source) in taken)
                    foreach (var property in field.Properties)
                        property.Copy(set, source);
                set.SetProperty(c => c.LastFollowUpAt, lastFollowUp)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1);
            }, ct);
        if (updated == 0) return null;
        await transaction.CommitAsync(ct);
        return new Moved(counts, contacts);
    }

    /// <summary>The records in scope, in the order of <paramref name="ids"/>, deleted ones included (the caller decides);
    /// null when any is missing or outside the user's scope.</summary>
    async Task<List<Customer>?> LoadAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var found = await db.Customers.AsNoTracking().WithinScope(await access.ScopeAsync(ct)).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        return found.Count == ids.Count ? ids.Select(id => found.Single(c => c.Id == id)).ToList() : null;
    }

    /// <summary>Which record each field comes from: the choice given, else the default rule.</summary>
    static List<(MergeField Field, Customer Source)> ChooseSources(IReadOnlyDictionary<string, long>? chosen, Customer survivor,
        List<Customer> records, FieldErrors errors)
    {
        var given = new Dictionary<MergeField, Customer>();
        foreach (var (key, sourceId) in chosen ?? new Dictionary<string, long>())
        {
            if (MergeFields.Find(key) is not { } field) errors.Add($"fieldSources.{key}", $"没有可合并的字段「{key}」");
            else if (records.FirstOrDefault(c => c.Id == sourceId) is not { } source)
                errors.Add($"fieldSources.{field.Key}", $"{field.Label}：只能取参与合并的客户的值（客户 #{sourceId} 不在其中）");
            else given[field] = source;
        }
        return MergeFields.All.Select(f => (f, given.GetValueOrDefault(f) ?? MergeFields.DefaultSource(f, survivor, records.Skip(1)))).ToList();
    }

    /// <summary>The survivor's tags after the merge: all tags of all records, or the ones chosen — within the limit of
    /// custom tags either way.</summary>
    async Task<TagChange> ChooseTagsAsync(IReadOnlyList<int>? chosen, List<Customer> records, FieldErrors errors, CancellationToken ct)
    {
        var ids = records.Select(c => c.Id).ToList();
        var links = await db.CustomerTags.AsNoTracking().Where(t => ids.Contains(t.CustomerId)).ToListAsync(ct);
        var union = links.Select(t => t.TagId).Distinct().ToList();
        var before = links.Where(t => t.CustomerId == records[0].Id).Select(t => t.TagId).ToList();
        var after = chosen?.Distinct().ToList() ?? union;
        if (after.Except(union).Any())
            errors.Add("tagIds", "只能保留参与合并的客户已有的标签");
        else if (await tagRules.CheckAsync(after, ct) is { } problem)
            errors.Add("tagIds", chosen is null ? $"合并后的标签超过上限：{problem}，请选择要保留的标签" : problem);
        var names = await db.Tags.AsNoTracking().Where(t => union.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return new TagChange(before, after, names);
    }

    /// <summary>Moves the merged records' contacts to the survivor. The survivor's primary contact stays primary and
    /// moved ones become ordinary contacts (a survivor without contacts takes the first merged record's primary);
    /// a contact the survivor already has — same name and same mobile — stays behind with the merged record.</summary>
    async Task<ContactMove> MoveContactsAsync(Customer survivor, List<Customer> merged, DateTime now, CancellationToken ct)
    {
        var mergedIds = merged.Select(c => c.Id).ToList();
        var all = await db.Contacts.AsNoTracking().Where(x => x.CustomerId == survivor.Id || mergedIds.Contains(x.CustomerId))
            .Select(x => new ContactKey(x.Id, x.CustomerId, x.Name, x.MobileHash, x.IsPrimary)).ToListAsync(ct);
        var kept = all.Where(x => x.CustomerId == survivor.Id).ToList();
        var seen = kept.Where(x => x.MobileHash is not null).Select(x => x.Identity).ToHashSet();
        var hasPrimary = kept.Any(x => x.IsPrimary);
        List<ContactKey> moving = [], identical = [];
        foreach (var contact in all.Where(x => x.CustomerId != survivor.Id)
                     .OrderBy(x => mergedIds.IndexOf(x.CustomerId)).ThenByDescending(x => x.IsPrimary).ThenBy(x => x.Id))
            (contact.MobileHash is null || seen.Add(contact.Identity) ? moving : identical).Add(contact);
        var primary = hasPrimary ? null : (moving.FirstOrDefault(x => x.IsPrimary) ?? moving.FirstOrDefault())?.Id;
        var movingIds = moving.Select(x => x.Id).ToList();
        // One primary per customer is a unique index: clear the flags before the contacts arrive.
        await db.Contacts.Where(x => movingIds.Contains(x.Id) && x.IsPrimary && x.Id != primary)
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.IsPrimary, false).SetProperty(x => x.Version, x => x.Version + 1), ct);
        await db.Contacts.Where(x => movingIds.Contains(x.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(x => x.CustomerId, survivor.Id).SetProperty(x => x.UpdatedAt, now), ct);
        if (primary is { } promoted)
            await db.Contacts.Where(x => x.Id == promoted && !x.IsPrimary)
                .ExecuteUpdateAsync(set => set.SetProperty(x => x.IsPrimary, true).SetProperty(x => x.Version, x => x.Version + 1), ct);
        return new ContactMove(moving, identical, primary);
    }

    async Task ReplaceTagsAsync(Customer survivor, List<long> mergedIds, IReadOnlyList<int> after, CancellationToken ct)
    {
        await db.CustomerTags.Where(t => t.CustomerId == survivor.Id || mergedIds.Contains(t.CustomerId)).ExecuteDeleteAsync(ct);
        db.CustomerTags.AddRange(after.Select(tagId => new CustomerTag { CustomerId = survivor.Id, TagId = tagId }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The survivor's changes as the audit log records them: each property old → new, and the tags by name.</summary>
    static List<AuditFieldChange> Changes(Customer before, Customer after, TagChange tags)
    {
        var changes = new List<AuditFieldChange>();
        foreach (var property in MergeFields.All.SelectMany(f => f.Properties).Where(p => !p.NotAudited))
            if (!MergeProperty.ValueEquals(property.Get(before), property.Get(after)))
                changes.Add(new AuditFieldChange(property.Name, property.Format(before), property.Format(after)));
        if (before.LastFollowUpAt != after.LastFollowUpAt)
            changes.Add(new AuditFieldChange(nameof(Customer.LastFollowUpAt), Format(before.LastFollowUpAt), Format(after.LastFollowUpAt)));
        if (!tags.Before.ToHashSet().SetEquals(tags.After))
            changes.Add(new AuditFieldChange("Tags", tags.Names(tags.Before), tags.Names(tags.After)));
        return changes;
    }

    static string SurvivorSummary(List<Customer> merged, Moved moved, List<(MergeField Field, Customer Source)> taken)
    {
        var total = moved.Counts.Values.Aggregate((a, b) => a + b);
        var summary = $"合并客户 {string.Join("、", merged.Select(c => $"{c.Code}（{c.Name}）"))}到本客户：{total.Describe()}";
        if (moved.Contacts.Primary is not null) summary += "；被合并客户的主要联系人成为本客户的主要联系人";
        if (taken.Count > 0) summary += "；取值：" + string.Join("，", taken.Select(t => $"{t.Field.Label} ← {t.Source.Code}"));
        return summary;
    }

    static string? Format(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Someone changed or deleted one of the records while we merged: nothing is kept, the 409 shows them now.</summary>
    async Task<Outcome<CustomerDetail>> StaleAsync(List<Customer> records, CancellationToken ct)
    {
        var current = await LoadAsync(records.Select(c => c.Id).ToList(), ct);
        return current is null || current.Any(c => c.DeletedAt is not null)
            ? Outcome<CustomerDetail>.Conflicting("参与合并的客户已被其他人删除或合并，请刷新后重试")
            : Outcome<CustomerDetail>.Stale(await ComparisonAsync(current[0], current, ct));
    }

    async Task<MergeComparison> ComparisonAsync(Customer survivor, List<Customer> records, CancellationToken ct)
    {
        var ids = records.Select(c => c.Id).ToList();
        var texts = new MergeFieldText(labels, personal, (await users.ListAsync(ct)).ToDictionary(u => u.Id));
        var counts = await CountsAsync(db, ids, ct);
        var others = records.Where(c => c != survivor).ToList();
        var fields = new List<MergeFieldView>();
        foreach (var field in MergeFields.All)
        {
            var values = new List<MergeValue>();
            foreach (var record in records)
                values.Add(new MergeValue(record.Id, field.IsEmpty(record) ? null : await field.TextAsync(record, texts)));
            fields.Add(new MergeFieldView(field.Key, field.Label, values, MergeFields.DefaultSource(field, survivor, others).Id,
                records.Skip(1).Any(r => !field.Same(r, records[0]))));
        }
        var tags = await views.TagsAsync(ids, ct);
        var tagViews = ids.SelectMany(id => tags[id]).DistinctBy(t => t.Id)
            .Select(t => new MergeTagView(t.Id, t.Name, t.DimensionName, t.IsCustom, ids.Where(id => tags[id].Any(x => x.Id == t.Id)).ToList()))
            .ToList();
        return new MergeComparison(
            survivor.Id,
            records.Select(c => new MergeRecord(c.Id, c.Code, c.Name, c.Version, c.CreatedAt, c.LastFollowUpAt, counts.GetValueOrDefault(c.Id) ?? RecordCounts.None)).ToList(),
            fields, tagViews, tagRules.MaxCustomTags);
    }

    /// <summary>How many contacts, follow-ups, needs and attachments each customer has: one grouped query per kind.</summary>
    internal static async Task<Dictionary<long, RecordCounts>> CountsAsync(CustomersDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var contacts = await db.Contacts.Where(x => ids.Contains(x.CustomerId)).GroupBy(x => x.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var followUps = await db.FollowUps.Where(x => ids.Contains(x.CustomerId)).GroupBy(x => x.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var needs = await db.Needs.Where(x => ids.Contains(x.CustomerId)).GroupBy(x => x.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var attachments = await db.Attachments.Where(x => ids.Contains(x.CustomerId)).GroupBy(x => x.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return ids.ToDictionary(id => id, id => new RecordCounts(
            contacts.GetValueOrDefault(id), followUps.GetValueOrDefault(id), needs.GetValueOrDefault(id), attachments.GetValueOrDefault(id)));
    }

    sealed record ContactKey(long Id, long CustomerId, string Name, byte[]? MobileHash, bool IsPrimary)
    {
        public string Identity => Name.Trim() + "|" + (MobileHash is null ? "" : Convert.ToHexString(MobileHash));
    }

    sealed record ContactMove(List<ContactKey> Moved, List<ContactKey> Identical, long? Primary);

    sealed record Moved(Dictionary<long, MovedCounts> Counts, ContactMove Contacts);

    sealed record TagChange(IReadOnlyList<int> Before, IReadOnlyList<int> After, Dictionary<int, string> AllNames)
    {
        public string Names(IEnumerable<int> ids) => string.Join("、", ids.Select(id => AllNames.GetValueOrDefault(id, id.ToString())).Order(StringComparer.Ordinal));
    }

    sealed record MovedCounts(int Contacts, int IdenticalContacts, int FollowUps, int Needs, int Attachments)
    {
        public static MovedCounts operator +(MovedCounts a, MovedCounts b) => new(a.Contacts + b.Contacts, a.IdenticalContacts + b.IdenticalContacts,
            a.FollowUps + b.FollowUps, a.Needs + b.Needs, a.Attachments + b.Attachments);

        public string Describe() => $"联系人 {Contacts} 个" + (IdenticalContacts > 0 ? $"（另有 {IdenticalContacts} 个相同的联系人未重复移入）" : "")
            + $"、跟进记录 {FollowUps} 条、需求 {Needs} 条、附件 {Attachments} 个";
    }
}

/// <summary>A merge: the customer that stays, the ones merged into it, which record each field's value comes from
/// (field key → customer id; a field left out keeps the survivor's value, or the first non-empty one), the tags to
/// keep when all of them together exceed the limit, the versions the choice was based on (409 when one changed), and
/// why.</summary>
public sealed record MergeInput(
    long? SurvivorId,
    IReadOnlyList<long>? MergedIds,
    IReadOnlyDictionary<string, long>? FieldSources,
    string? Reason,
    IReadOnlyList<int>? TagIds = null,
    IReadOnlyDictionary<long, int>? Versions = null);

/// <summary>Records compared for a merge: which one would survive, the records, each field's values, and the tags.</summary>
public sealed record MergeComparison(
    long SurvivorId,
    IReadOnlyList<MergeRecord> Records,
    IReadOnlyList<MergeFieldView> Fields,
    IReadOnlyList<MergeTagView> Tags,
    int MaxCustomTags);

/// <summary>One record of a comparison, with the version a merge must be based on and what would move.</summary>
public sealed record MergeRecord(long Id, string Code, string Name, int Version, DateTime CreatedAt, DateTime? LastFollowUpAt, RecordCounts Counts);

/// <summary>How many contacts, follow-ups, needs and attachments a customer has.</summary>
public sealed record RecordCounts(int Contacts, int FollowUps, int Needs, int Attachments)
{
    public static readonly RecordCounts None = new(0, 0, 0, 0);
}

/// <summary>One field across the records: the value of each (null when empty; personal data masked), whose value a merge
/// keeps unless told otherwise, and whether the records differ here at all.</summary>
public sealed record MergeFieldView(string Field, string Label, IReadOnlyList<MergeValue> Values, long DefaultSourceId, bool Differs);

public sealed record MergeValue(long CustomerId, string? Text);

/// <summary>A tag of any of the records, with the records that carry it.</summary>
public sealed record MergeTagView(int Id, string Name, string DimensionName, bool IsCustom, IReadOnlyList<long> CustomerIds);
