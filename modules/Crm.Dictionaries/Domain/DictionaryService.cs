using Crm.Abstractions.Results;
using System.Text.RegularExpressions;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Dictionaries.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Dictionaries.Domain;

/// <summary>Maintenance of dictionary types and entries: the rules the API and the admin pages share. Every change is
/// saved at once or not at all, and drops the <see cref="DictionaryCache"/> snapshot once saved.</summary>
internal sealed partial class DictionaryService(
    DictionariesDbContext db, DictionaryCache cache, IAuditLog audit, IEnumerable<IDictionaryUsageProvider> usageProviders)
{
    const string EntryAuditType = nameof(DictionaryEntry);
    // Shared with DictionaryTransfer, which checks a whole file against the same rules before writing anything.
    internal const int CodeMaxLength = 64, NameMaxLength = 100, DescriptionMaxLength = 500;

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex CodePattern();

    // A scoped service lives as long as a Blazor circuit: every operation starts from what the database holds now.
    void Fresh() => db.ChangeTracker.Clear();

    // ---- Types (字典类型) ----

    public async Task<IReadOnlyList<DictionaryTypeView>> ListTypesAsync(CancellationToken ct)
    {
        Fresh();
        var counts = await db.Entries.GroupBy(e => e.TypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var types = await db.Types.AsNoTracking().ToListAsync(ct);
        return types.OrderByDescending(t => t.IsSystem).ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => TypeView(t, counts.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<Outcome<DictionaryTypeView>> GetTypeAsync(string typeCode, CancellationToken ct)
    {
        Fresh();
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return MissingType<DictionaryTypeView>(typeCode);
        return TypeView(type, await db.Entries.CountAsync(e => e.TypeId == type.Id, ct));
    }

    public async Task<Outcome<DictionaryTypeView>> CreateTypeAsync(DictionaryTypeInput input, CancellationToken ct)
    {
        Fresh();
        var errors = new FieldErrors();
        var code = Trim(input.Code);
        ValidateCode(errors, code);
        if (!errors.Has("code") && await db.Types.AnyAsync(t => t.Code == code, ct)) errors.Add("code", "编码已存在");
        ValidateTypeText(errors, input);
        if (errors.Any) return Outcome<DictionaryTypeView>.Invalid(errors);

        var type = new DictionaryType
        {
            Code = code, Name = input.Name!.Trim(), Description = Optional(input.Description), Hierarchical = input.Hierarchical ?? false,
        };
        db.Types.Add(type);
        return await SaveAsync(() => TypeView(type, 0), $"字典类型“{type.Name}”", ct);
    }

    public async Task<Outcome<DictionaryTypeView>> UpdateTypeAsync(string typeCode, DictionaryTypeInput input, CancellationToken ct)
    {
        Fresh();
        var type = await db.Types.SingleOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null) return MissingType<DictionaryTypeView>(typeCode);
        if (IsStale(type.Version, input.Version)) return Stale<DictionaryTypeView>($"字典类型“{type.Name}”");

        var errors = new FieldErrors();
        var code = Trim(input.Code);
        if (code.Length > 0 && code != type.Code)
        {
            if (type.IsSystem) errors.Add("code", "系统字典类型的编码不能修改");
            else
            {
                ValidateCode(errors, code);
                if (!errors.Has("code") && await db.Types.AnyAsync(t => t.Code == code, ct)) errors.Add("code", "编码已存在");
                if (!errors.Has("code") && await FirstEntryInUseAsync(type, ct) is { } used)
                    errors.Add("code", $"字典项“{used.Name}”正在使用（{UsageText(used.Usages)}），编码不能修改");
            }
        }
        ValidateTypeText(errors, input);
        if (input.Hierarchical is { } hierarchical && hierarchical != type.Hierarchical)
        {
            if (type.IsSystem) errors.Add("hierarchical", "系统字典类型不能修改层级结构");
            else if (!hierarchical && await db.Entries.AnyAsync(e => e.TypeId == type.Id && e.ParentId != null, ct))
                errors.Add("hierarchical", "已有带上级的字典项，不能改为平铺结构");
        }
        if (errors.Any) return Outcome<DictionaryTypeView>.Invalid(errors);

        if (code.Length > 0) type.Code = code;
        type.Name = input.Name!.Trim();
        type.Description = Optional(input.Description);
        type.Hierarchical = input.Hierarchical ?? type.Hierarchical;
        type.Version = Guid.NewGuid();
        var count = await db.Entries.CountAsync(e => e.TypeId == type.Id, ct);
        return await SaveAsync(() => TypeView(type, count), $"字典类型“{type.Name}”", ct);
    }

    /// <summary>Deletes a custom type with all its entries, unless one of them is in use.</summary>
    public async Task<Outcome<bool>> DeleteTypeAsync(string typeCode, CancellationToken ct)
    {
        Fresh();
        var type = await db.Types.SingleOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null) return MissingType<bool>(typeCode);
        if (type.IsSystem) return Outcome<bool>.Conflicting("系统字典类型不能删除");
        if (await FirstEntryInUseAsync(type, ct) is { } used)
            return Outcome<bool>.Conflicting($"字典项“{used.Name}”正在使用，不能删除该字典类型（{UsageText(used.Usages)}）。");

        var entries = await db.Entries.Where(e => e.TypeId == type.Id).ToListAsync(ct);
        db.Entries.RemoveRange(entries);
        db.Types.Remove(type);
        return await SaveAsync(() => true, $"字典类型“{type.Name}”", ct);
    }

    // ---- Entries (字典项) ----

    /// <summary>The entries below <paramref name="parentCode"/> (the whole type when null), depth first in display order.</summary>
    public async Task<Outcome<IReadOnlyList<DictionaryEntryView>>> ListEntriesAsync(string typeCode, string? parentCode, bool includeDisabled, CancellationToken ct)
    {
        Fresh();
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return MissingType<IReadOnlyList<DictionaryEntryView>>(typeCode);
        var tree = await TreeAsync(type, ct);
        Guid? parentId = null;
        if (!string.IsNullOrEmpty(parentCode))
        {
            if (tree.Find(parentCode) is not { } parent) return MissingEntry<IReadOnlyList<DictionaryEntryView>>(parentCode);
            parentId = parent.Id;
        }
        return tree.Descendants(parentId, includeDisabled)
            .Select(x => new DictionaryEntryView(x.Entry.Id, x.Entry.Code, x.Entry.Name, tree.CodeOf(x.Entry.ParentId), x.Depth, x.Entry.Order,
                x.Entry.Enabled, x.Entry.IsSystem, x.Entry.SiteModified, tree.Children(x.Entry.Id).Count(), x.Entry.Version))
            .ToList();
    }

    public async Task<Outcome<DictionaryEntryDetail>> GetEntryAsync(string typeCode, string entryCode, CancellationToken ct)
    {
        Fresh();
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return MissingType<DictionaryEntryDetail>(typeCode);
        return await DetailAsync(type, entryCode, ct);
    }

    public async Task<Outcome<DictionaryEntryDetail>> CreateEntryAsync(string typeCode, DictionaryEntryInput input, CancellationToken ct)
    {
        Fresh();
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return MissingType<DictionaryEntryDetail>(typeCode);
        var tree = await TreeAsync(type, ct);

        var errors = new FieldErrors();
        var code = Trim(input.Code);
        ValidateCode(errors, code);
        if (!errors.Has("code") && tree.Find(code) is not null) errors.Add("code", "编码已存在");
        var parent = ResolveParent(type, tree, input, errors);
        ValidateName(errors, tree, input.Name, parent?.Id, self: null);
        if (errors.Any) return Outcome<DictionaryEntryDetail>.Invalid(errors);

        var entry = new DictionaryEntry
        {
            TypeId = type.Id, Code = code, Name = input.Name!.Trim(), ParentId = parent?.Id,
            Order = input.Order ?? NextOrder(tree, parent?.Id),
        };
        db.Entries.Add(entry);
        return await SaveDetailAsync(type, entry, ct);
    }

    public async Task<Outcome<DictionaryEntryDetail>> UpdateEntryAsync(string typeCode, string entryCode, DictionaryEntryInput input, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<DictionaryEntryDetail>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        if (IsStale(entry!.Version, input.Version)) return Stale<DictionaryEntryDetail>($"字典项“{entry.Name}”");
        var tree = await TreeAsync(type!, ct);

        var errors = new FieldErrors();
        var code = Trim(input.Code);
        if (code.Length == 0) errors.Add("code", "编码不能为空");
        else if (code != entry.Code)
        {
            if (entry.IsSystem) errors.Add("code", "系统预置字典项的编码不能修改");
            else
            {
                ValidateCode(errors, code);
                if (!errors.Has("code") && tree.Find(code) is not null) errors.Add("code", "编码已存在");
                if (!errors.Has("code") && await UsageAsync(type!.Code, entry.Code, ct) is { Count: > 0 } usages)
                    errors.Add("code", $"该字典项正在使用（{UsageText(usages)}），编码不能修改");
            }
        }
        var parent = ResolveParent(type!, tree, input, errors);
        if (parent is not null && tree.IsSelfOrBelow(parent, tree.Find(entry.Id)!))
            errors.Add("parentCode", "不能把字典项移到它自己或它的下级之下");
        ValidateName(errors, tree, input.Name, parent?.Id, entry.Id);
        if (errors.Any) return Outcome<DictionaryEntryDetail>.Invalid(errors);

        var name = input.Name!.Trim();
        var order = input.Order ?? (parent?.Id == entry.ParentId ? entry.Order : NextOrder(tree, parent?.Id));
        if (code != entry.Code || name != entry.Name || parent?.Id != entry.ParentId || order != entry.Order)
        {
            entry.Code = code;
            entry.Name = name;
            entry.ParentId = parent?.Id;
            entry.Order = order;
            Touch(entry);
        }
        return await SaveDetailAsync(type!, entry, ct);
    }

    /// <summary>Enabling or disabling is always allowed: a disabled entry stays readable on old records.</summary>
    public async Task<Outcome<DictionaryEntryDetail>> SetEnabledAsync(string typeCode, string entryCode, bool enabled, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<DictionaryEntryDetail>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        if (entry!.Enabled != enabled)
        {
            entry.Enabled = enabled;
            Touch(entry);
        }
        return await SaveDetailAsync(type!, entry, ct);
    }

    public async Task<Outcome<bool>> DeleteEntryAsync(string typeCode, string entryCode, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<bool>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        var children = await db.Entries.CountAsync(e => e.ParentId == entry!.Id, ct);
        if (children > 0) return Outcome<bool>.Conflicting($"该字典项有 {children} 个下级，不能删除。请先删除或移走下级，或者停用它。");
        var usages = await UsageAsync(type!.Code, entry!.Code, ct);
        if (usages.Count > 0) return Outcome<bool>.Conflicting($"该字典项正在使用，不能删除（{UsageText(usages)}）。可以停用它。");

        db.Entries.Remove(entry);
        return await SaveAsync(() => true, $"字典项“{entry.Name}”", ct);
    }

    /// <summary>How many records of each module use the entry.</summary>
    public async Task<Outcome<DictionaryUsageView>> GetUsageAsync(string typeCode, string entryCode, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<DictionaryUsageView>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        var usages = await UsageAsync(type!.Code, entry!.Code, ct);
        return new DictionaryUsageView(type.Code, entry.Code, usages.Sum(u => u.Count), usages);
    }

    // ---- Order (排序) ----

    /// <summary>Moves an entry one place up or down among its siblings; at either end nothing changes.</summary>
    public async Task<Outcome<DictionaryEntryDetail>> MoveAsync(string typeCode, string entryCode, string? direction, CancellationToken ct)
    {
        Fresh();
        var step = direction?.Trim().ToLowerInvariant() switch { "up" => -1, "down" => 1, _ => 0 };
        if (step == 0) return Outcome<DictionaryEntryDetail>.Invalid("direction", "移动方向只能是 up（上移）或 down（下移）");
        var (type, entry, problem) = await FindEntryAsync<DictionaryEntryDetail>(typeCode, entryCode, ct);
        if (problem is not null) return problem;

        var siblings = await SiblingsAsync(entry!, ct);
        var index = siblings.IndexOf(entry!);
        var target = index + step;
        if (target < 0 || target >= siblings.Count) return await DetailAsync(type!, entry!.Code, ct);
        (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
        Renumber(siblings);
        var outcome = await SaveDetailAsync(type!, entry!, ct);
        if (outcome.Succeeded)
            await audit.WriteAsync(new AuditRecord("reorder", EntryAuditType, entry!.Id.ToString(),
                Summary: $"{type!.Name}：“{entry.Name}”{(step < 0 ? "上移" : "下移")}"), ct);
        return outcome;
    }

    /// <summary>Sets the order of all children of one parent at once.</summary>
    public async Task<Outcome<IReadOnlyList<DictionaryEntryView>>> ReorderAsync(string typeCode, DictionaryOrderInput input, CancellationToken ct)
    {
        Fresh();
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return MissingType<IReadOnlyList<DictionaryEntryView>>(typeCode);
        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(input.ParentCode))
        {
            var parentCode = input.ParentCode.Trim();
            var parent = await db.Entries.AsNoTracking().SingleOrDefaultAsync(e => e.TypeId == type.Id && e.Code == parentCode, ct);
            if (parent is null) return Outcome<IReadOnlyList<DictionaryEntryView>>.Invalid("parentCode", "上级不存在或不属于该字典类型");
            parentId = parent.Id;
        }
        var siblings = await db.Entries.Where(e => e.TypeId == type.Id && e.ParentId == parentId).ToListAsync(ct);
        var codes = input.Codes ?? [];
        var byCode = siblings.ToDictionary(e => e.Code, StringComparer.Ordinal);
        if (codes.Count != siblings.Count || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count || codes.Any(c => !byCode.ContainsKey(c)))
            return Outcome<IReadOnlyList<DictionaryEntryView>>.Invalid("codes", "排序列表必须恰好包含该上级下的全部字典项，每项一次");

        Renumber(codes.Select(c => byCode[c]).ToList());
        var saved = await SaveAsync(() => true, $"字典类型“{type.Name}”的排序", ct);
        if (!saved.Succeeded) return saved.As<IReadOnlyList<DictionaryEntryView>>();
        await audit.WriteAsync(new AuditRecord("reorder", nameof(DictionaryType), type.Id.ToString(),
            Summary: $"{type.Name}：重新排序{(input.ParentCode is null ? "" : $"“{input.ParentCode}”的下级")}（{string.Join("、", codes)}）"), ct);
        var listed = await ListEntriesAsync(type.Code, input.ParentCode?.Trim(), includeDisabled: true, ct);
        return listed.Succeeded ? listed.Value!.Where(e => e.Depth == 0).ToList() : listed;
    }

    // ---- Aliases (别名) ----

    /// <summary>Adds another label for the entry; it must not be a name or alias of any other entry of the type.</summary>
    public async Task<Outcome<DictionaryEntryDetail>> AddAliasAsync(string typeCode, string entryCode, string? label, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<DictionaryEntryDetail>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        var normalized = LabelNormalizer.Normalize(label);
        var errors = new FieldErrors();
        ValidateAliasText(errors, label);
        if (!errors.Any)
        {
            var tree = await TreeAsync(type!, ct);
            var aliases = await AliasesOfTypeAsync(type!, ct);
            if (aliases.Any(a => a.EntryId == entry!.Id && a.NormalizedLabel == normalized)) errors.Add("label", "该字典项已有此别名");
            else if (LabelNormalizer.Normalize(entry!.Name) == normalized) errors.Add("label", "别名与字典项名称相同");
            else if ((tree.All.FirstOrDefault(e => e.Id != entry.Id && LabelNormalizer.Normalize(e.Name) == normalized)
                      ?? aliases.Where(a => a.EntryId != entry.Id && a.NormalizedLabel == normalized).Select(a => tree.Find(a.EntryId)).FirstOrDefault()) is { } other)
                errors.Add("label", $"与字典项“{other.Name}”（{other.Code}）的名称或别名相同");
        }
        if (errors.Any) return Outcome<DictionaryEntryDetail>.Invalid(errors);

        db.Aliases.Add(new DictionaryAlias { EntryId = entry!.Id, Label = label!.Trim(), NormalizedLabel = normalized });
        Touch(entry);
        var outcome = await SaveDetailAsync(type!, entry, ct);
        if (outcome.Succeeded)
            await audit.WriteAsync(new AuditRecord("alias-add", EntryAuditType, entry.Id.ToString(),
                [new AuditFieldChange("Alias", null, label.Trim())], Summary: $"{type!.Name}：“{entry.Name}”添加别名“{label.Trim()}”"), ct);
        return outcome;
    }

    public async Task<Outcome<DictionaryEntryDetail>> RemoveAliasAsync(string typeCode, string entryCode, string label, CancellationToken ct)
    {
        Fresh();
        var (type, entry, problem) = await FindEntryAsync<DictionaryEntryDetail>(typeCode, entryCode, ct);
        if (problem is not null) return problem;
        var normalized = LabelNormalizer.Normalize(label);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.EntryId == entry!.Id && a.NormalizedLabel == normalized, ct);
        if (alias is null) return Outcome<DictionaryEntryDetail>.Missing($"别名“{label}”");

        db.Aliases.Remove(alias);
        Touch(entry!);
        var outcome = await SaveDetailAsync(type!, entry!, ct);
        if (outcome.Succeeded)
            await audit.WriteAsync(new AuditRecord("alias-remove", EntryAuditType, entry!.Id.ToString(),
                [new AuditFieldChange("Alias", alias.Label, null)], Summary: $"{type!.Name}：“{entry.Name}”删除别名“{alias.Label}”"), ct);
        return outcome;
    }

    /// <summary>The aliases of every entry of the type, by entry code, each list in label order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAliasesAsync(string typeCode, CancellationToken ct)
    {
        Fresh();
        var rows = await (from a in db.Aliases.AsNoTracking()
                          join e in db.Entries.AsNoTracking() on a.EntryId equals e.Id
                          join t in db.Types.AsNoTracking() on e.TypeId equals t.Id
                          where t.Code == typeCode
                          select new { e.Code, a.Label }).ToListAsync(ct);
        return rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Label).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    // ---- Helpers ----

    Task<DictionaryType?> FindTypeAsync(string typeCode, CancellationToken ct) =>
        db.Types.AsNoTracking().SingleOrDefaultAsync(t => t.Code == typeCode, ct);

    async Task<(DictionaryType? Type, DictionaryEntry? Entry, Outcome<T>? Problem)> FindEntryAsync<T>(string typeCode, string entryCode, CancellationToken ct)
    {
        var type = await FindTypeAsync(typeCode, ct);
        if (type is null) return (null, null, MissingType<T>(typeCode));
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.TypeId == type.Id && e.Code == entryCode, ct);
        return entry is null ? (type, null, MissingEntry<T>(entryCode)) : (type, entry, null);
    }

    async Task<EntryTree> TreeAsync(DictionaryType type, CancellationToken ct) =>
        new(await db.Entries.AsNoTracking().Where(e => e.TypeId == type.Id).ToListAsync(ct));

    Task<List<DictionaryAlias>> AliasesOfTypeAsync(DictionaryType type, CancellationToken ct) =>
        db.Aliases.AsNoTracking().Where(a => db.Entries.Any(e => e.Id == a.EntryId && e.TypeId == type.Id)).ToListAsync(ct);

    async Task<List<DictionaryEntry>> SiblingsAsync(DictionaryEntry entry, CancellationToken ct)
    {
        var siblings = await db.Entries.Where(e => e.TypeId == entry.TypeId && e.ParentId == entry.ParentId).ToListAsync(ct);
        return siblings.OrderBy(e => e.Order).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Orders 1..n in list order; only entries whose place changes are touched.</summary>
    static void Renumber(List<DictionaryEntry> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Order == i + 1) continue;
            ordered[i].Order = i + 1;
            Touch(ordered[i]);
        }
    }

    /// <summary>A new version for every change; a seeded entry changed here is the site's own from now on.</summary>
    static void Touch(DictionaryEntry entry)
    {
        entry.Version = Guid.NewGuid();
        if (entry.IsSystem) entry.SiteModified = true;
    }

    DictionaryEntry? ResolveParent(DictionaryType type, EntryTree tree, DictionaryEntryInput input, FieldErrors errors)
    {
        var parentCode = Trim(input.ParentCode);
        if (parentCode.Length == 0 && input.ParentId is null) return null;
        var field = parentCode.Length == 0 ? "parentId" : "parentCode";
        if (!type.Hierarchical)
        {
            errors.Add(field, "该字典类型为平铺结构，字典项不能有上级");
            return null;
        }
        var parent = parentCode.Length > 0 ? tree.Find(parentCode) : tree.Find(input.ParentId!.Value);
        if (parent is null || (input.ParentId is { } id && parent.Id != id))
        {
            errors.Add(field, "上级不存在或不属于该字典类型");
            return null;
        }
        return parent;
    }

    static void ValidateName(FieldErrors errors, EntryTree tree, string? name, Guid? parentId, Guid? self)
    {
        ValidateNameText(errors, name);
        if (errors.Has("name")) return;
        var normalized = LabelNormalizer.Normalize(name);
        if (tree.Children(parentId).Any(s => s.Id != self && LabelNormalizer.Normalize(s.Name) == normalized))
            errors.Add("name", parentId is null ? "顶级字典项中已有同名项" : "同一上级下已有同名字典项");
    }

    internal static void ValidateNameText(FieldErrors errors, string? name) =>
        errors.Required("name", "名称", name).MaxLength("name", "名称", name, NameMaxLength);

    /// <summary>An alias's own text (not its clashes with other entries): not empty, not too long.</summary>
    internal static void ValidateAliasText(FieldErrors errors, string? label)
    {
        if (LabelNormalizer.Normalize(label).Length == 0) errors.Add("label", "别名不能为空");
        errors.MaxLength("label", "别名", label, NameMaxLength);
    }

    internal static void ValidateCode(FieldErrors errors, string code)
    {
        if (code.Length == 0) errors.Add("code", "编码不能为空");
        else if (code.Length > CodeMaxLength) errors.Add("code", $"编码不能超过 {CodeMaxLength} 个字符");
        else if (!CodePattern().IsMatch(code)) errors.Add("code", "编码只能包含字母、数字、下划线、点和短横线");
    }

    static void ValidateTypeText(FieldErrors errors, DictionaryTypeInput input) =>
        errors.Required("name", "名称", input.Name).MaxLength("name", "名称", input.Name, NameMaxLength)
            .MaxLength("description", "说明", input.Description, DescriptionMaxLength);

    static int NextOrder(EntryTree tree, Guid? parentId) => tree.Children(parentId).Select(e => e.Order).DefaultIfEmpty(0).Max() + 1;

    async Task<IReadOnlyList<DictionaryUsage>> UsageAsync(string typeCode, string code, CancellationToken ct)
    {
        var usages = new List<DictionaryUsage>();
        foreach (var provider in usageProviders)
            usages.AddRange((await provider.CountUsageAsync(typeCode, code, ct)).Where(u => u.Count > 0));
        return usages;
    }

    async Task<(string Name, IReadOnlyList<DictionaryUsage> Usages)?> FirstEntryInUseAsync(DictionaryType type, CancellationToken ct)
    {
        if (!usageProviders.Any()) return null;
        foreach (var entry in await db.Entries.AsNoTracking().Where(e => e.TypeId == type.Id).Select(e => new { e.Code, e.Name }).ToListAsync(ct))
            if (await UsageAsync(type.Code, entry.Code, ct) is { Count: > 0 } usages)
                return (entry.Name, usages);
        return null;
    }

    /// <summary>"客户档案 · 行业：12 条；商机 · 行业：3 条".</summary>
    static string UsageText(IEnumerable<DictionaryUsage> usages) => string.Join("；", usages.Select(u => $"{u.Where}：{u.Count} 条"));

    async Task<Outcome<DictionaryEntryDetail>> SaveDetailAsync(DictionaryType type, DictionaryEntry entry, CancellationToken ct)
    {
        var saved = await SaveAsync(() => true, $"字典项“{entry.Name}”", ct);
        return saved.Succeeded ? await DetailAsync(type, entry.Code, ct) : saved.As<DictionaryEntryDetail>();
    }

    async Task<Outcome<DictionaryEntryDetail>> DetailAsync(DictionaryType type, string entryCode, CancellationToken ct)
    {
        Fresh();
        var tree = await TreeAsync(type, ct);
        if (tree.Find(entryCode) is not { } entry) return MissingEntry<DictionaryEntryDetail>(entryCode);
        var aliases = await db.Aliases.AsNoTracking().Where(a => a.EntryId == entry.Id).OrderBy(a => a.Label).Select(a => a.Label).ToListAsync(ct);
        return new DictionaryEntryDetail(entry.Id, type.Code, entry.Code, entry.Name, tree.CodeOf(entry.ParentId),
            string.Join(DataDictionary.PathSeparator, tree.Path(entry).Select(e => e.Name)), entry.Order, entry.Enabled, entry.IsSystem,
            entry.SiteModified, aliases, entry.Version);
    }

    /// <summary>Saves in one transaction; a concurrent change (stale version, or a duplicate saved meanwhile) saves nothing.</summary>
    async Task<Outcome<T>> SaveAsync<T>(Func<T> result, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            Fresh();
            return Stale<T>(what);
        }
        cache.Invalidate();
        return result();
    }

    static bool IsStale(Guid current, Guid? given) => given is { } version && version != current;

    static Outcome<T> Stale<T>(string what) => Outcome<T>.Conflicting($"{what}已被他人修改，请刷新后重试");

    static Outcome<T> MissingType<T>(string code) => Outcome<T>.Missing($"字典类型“{code}”");

    static Outcome<T> MissingEntry<T>(string code) => Outcome<T>.Missing($"字典项“{code}”");

    static DictionaryTypeView TypeView(DictionaryType t, int count) =>
        new(t.Id, t.Code, t.Name, t.Description, t.Hierarchical, t.IsSystem, count, t.Version);

    static string Trim(string? value) => value?.Trim() ?? "";

    static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
