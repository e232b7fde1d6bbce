using System.Globalization;
using System.Security.Cryptography;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Domain;

/// <summary>The customer list: the user's scope, the filters, one of the sort orders, and keyset pages. The cursor
/// is opaque and signed; it only says where the previous page ended, so the scope and filters of each request
/// apply to every page and a cursor cannot widen them. A changed cursor is refused (400).</summary>
internal sealed class CustomerQuery(
    CustomersDbContext db,
    CustomerAccess access,
    CustomerViews views,
    DictionaryLabels labels,
    PersonalData personal,
    IDataProtectionProvider protection,
    IMemoryCache cache,
    IOptions<CustomerSettings> settings)
{
    public const int MaxPageSize = 200;

    readonly IDataProtector cursors = protection.CreateProtector("Crm.Customers.ListCursor.v1");

    public async Task<Outcome<CustomerPage>> ListAsync(CustomerFilter filter, CustomerSort sort, string? cursor, int take, CancellationToken ct)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        Position? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = ReadCursor(cursor);
            if (after is null || after.Sort != sort) return Outcome<CustomerPage>.Invalid("cursor", "分页游标无效或已被修改，请从第一页重新开始");
        }
        if (Refusal(filter) is { } refusal) return Outcome<CustomerPage>.Invalid("deleted", refusal);

        var walk = sort is CustomerSort.UpdatedDesc or CustomerSort.UpdatedAsc && await IsCommonCombinationAsync(filter.TagsAll, ct);
        var query = await FilterAsync(filter, ct, walk);
        query = Seek(query, sort, after);
        var rows = await Order(query, sort).Take(take + 1).AsNoTracking().ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var next = rows.Count > take ? WriteCursor(sort, page[^1]) : null;
        return new CustomerPage(await views.ListItemsAsync(page, ct), next);
    }

    /// <summary>Why the user may not list with this filter (the recycle bin needs the delete permission); null when
    /// they may.</summary>
    public string? Refusal(CustomerFilter filter) =>
        filter.Deleted && !access.User.HasPermission(CustomerPermissions.Delete) ? "没有查看回收站的权限" : null;

    /// <summary>How many customers the filter matches (for the dashboard and the churn-risk badge; not for paging).</summary>
    public async Task<int> CountAsync(CustomerFilter filter, CancellationToken ct) => await (await FilterAsync(filter, ct)).CountAsync(ct);

    /// <summary>How many customers the filter matches by status and by value tier, in one grouped query.</summary>
    public async Task<CustomerCounts> CountByStatusAndTierAsync(CustomerFilter filter, CancellationToken ct)
    {
        var groups = await (await FilterAsync(filter, ct))
            .GroupBy(c => new { c.StatusCode, c.ValueTierCode })
            .Select(g => new { g.Key.StatusCode, g.Key.ValueTierCode, Count = g.Count() })
            .ToListAsync(ct);
        return new CustomerCounts(
            groups.Sum(g => g.Count),
            groups.GroupBy(g => g.StatusCode).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.GroupBy(g => g.ValueTierCode).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)));
    }

    /// <param name="walkSortIndex">Shape the filters so that SQLite walks the (updated, id, …) index in list order and
    /// stops at a page, instead of collecting every match first: right when matches are common.</param>
    public async Task<IQueryable<Customer>> FilterAsync(CustomerFilter filter, CancellationToken ct, bool walkSortIndex = false)
    {
        var query = await access.VisibleAsync(filter.Deleted, ct);
        if (filter.Status is { Count: > 0 } status) query = query.Where(c => status.Contains(c.StatusCode));
        if (filter.Tier is { Count: > 0 } tier) query = query.Where(c => tier.Contains(c.ValueTierCode));
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.Owner is { } owner) query = query.Where(c => c.OwnerId == owner);
        if (filter.Department is { } department) query = query.Where(c => c.DepartmentId == department);
        // Subtrees are a few hundred codes at most: EF sends them as one parameter each (an IN list SQLite can use an
        // index for), and the query shape stays the same from call to call, so its compiled form is reused.
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var codes = await labels.SubtreeAsync(DictionaryTypes.Industry, filter.Industry.Trim(), ct);
            query = walkSortIndex
                ? query.Where(c => codes.Contains(c.IndustryCode + ""))
                : query.Where(c => codes.Contains(c.IndustryCode!));
        }
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var codes = await labels.SubtreeAsync(DictionaryTypes.Region, filter.Region.Trim(), ct);
            query = walkSortIndex
                ? query.Where(c => codes.Contains(c.RegionCode + ""))
                : query.Where(c => codes.Contains(c.RegionCode!));
        }
        // Tag combinations as sets of customer ids read from the (tag, customer) index: an INTERSECT for "all of",
        // one index range per tag for "any of". Checking tags row by row along the sort order instead reads
        // hundreds of thousands of rows when the combination is rare.
        if (walkSortIndex)
            foreach (var tagId in filter.TagsAll?.Distinct() ?? [])
                query = query.Where(c => db.CustomerTags.Any(t => t.CustomerId == c.Id && t.TagId == tagId));
        else if (filter.TagsAll?.Distinct().ToList() is { Count: > 0 } all)
        {
            var withAll = db.CustomerTags.Where(t => t.TagId == all[0]).Select(t => t.CustomerId);
            foreach (var tagId in all.Skip(1))
                withAll = withAll.Intersect(db.CustomerTags.Where(t => t.TagId == tagId).Select(t => t.CustomerId));
            query = query.Where(c => withAll.Contains(c.Id));
        }
        if (filter.TagsAny is { Count: > 0 } any)
            query = query.Where(c => db.CustomerTags.Where(t => any.Contains(t.TagId)).Select(t => t.CustomerId).Contains(c.Id));
        if (filter.CreatedFrom is { } createdFrom) query = query.Where(c => c.CreatedAt >= createdFrom);
        if (filter.CreatedTo is { } createdTo) query = query.Where(c => c.CreatedAt < createdTo);
        if (filter.UpdatedFrom is { } updatedFrom) query = query.Where(c => c.UpdatedAt >= updatedFrom);
        if (filter.UpdatedTo is { } updatedTo) query = query.Where(c => c.UpdatedAt < updatedTo);
        if (filter.ChurnRisk)
        {
            var cutoff = views.ChurnCutoff;
            query = query.Where(c => c.LastFollowUpAt < cutoff || c.LastFollowUpAt == null && c.CreatedAt < cutoff);
        }
        if (filter.Flagged) query = query.Where(c => c.ReviewNote != null);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            var key = CustomerNameKey.Normalize(text);
            query = Search(query, text, key, filter.Deleted, await IsBroadAsync(key, ct));
        }
        return query;
    }

    /// <summary>One search box for name, code, credit code, contact name and complete mobile number. Protected
    /// fields are matched only as a whole value through their keyed hash: a partial number finds nothing, so that
    /// guessing digit by digit reveals nothing.</summary>
    IQueryable<Customer> Search(IQueryable<Customer> query, string text, string key, bool deleted, bool broad)
    {
        if (PhoneNumbers.NormalizeMobile(text) is { } mobile)
        {
            var hash = personal.Hash(mobile);
            return query.Where(c => db.Contacts.Any(x => x.CustomerId == c.Id && x.MobileHash == hash));
        }
        var compact = text.Replace(" ", "").ToUpperInvariant();
        if (compact.Length == 18 && CreditCode.Normalize(compact) is { } creditCode && CreditCode.IsValid(creditCode))
            return query.Where(c => c.CreditCode == creditCode);
        if (compact.Length >= 2 && compact[0] == 'C' && compact.Skip(1).All(char.IsAsciiDigit))
            return query.Where(c => c.Code == compact);

        // Name matches and contact-name matches as one set of ids (a UNION): an OR of the two conditions would make
        // SQLite walk the whole sort index instead of using either index.
        var contactName = text;
        var byContact = db.Contacts.Where(x => x.Name == contactName).Select(x => x.CustomerId);
        IQueryable<long> byName;
        if (key.Length >= 3)
            byName = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM cust_customer_fts WHERE cust_customer_fts MATCH {CustomerSearchSql.Phrase(key)}");
        else
        {
            // One or two characters: a prefix of the name (an index range), never a scan for a substring.
            var upper = key + '\uffff';
            // Stated with the deletion filter of the list, so that the (partial) name index serves it.
            byName = db.Customers.Where(c => c.NameKey.CompareTo(key) >= 0 && c.NameKey.CompareTo(upper) < 0)
                .Where(c => deleted ? c.DeletedAt != null : c.DeletedAt == null).Select(c => c.Id);
        }
        var ids = byName.Union(byContact);
        // A term matching a few customers is answered by fetching them and sorting; one matching thousands ("有限公司")
        // by walking the sort order and stopping at a page: "Id + 0" keeps SQLite from choosing the id lookups then.
        return broad ? query.Where(c => ids.Contains(c.Id + 0)) : query.Where(c => ids.Contains(c.Id));
    }

    /// <summary>Whether a combination of tags is common enough (an estimated <see cref="CustomerSettings.CommonTagCombination"/>
    /// customers or more, counting each tag's links up to a cap and assuming independence) that a page is found soonest by walking
    /// the list order and checking each customer's tags. A rare one is answered from the INTERSECT of the tag links,
    /// which costs the same whatever the combination; walking for it would read most of the table.</summary>
    async Task<bool> IsCommonCombinationAsync(IReadOnlyList<int>? tags, CancellationToken ct)
    {
        if (tags is not { Count: > 0 }) return false;
        var total = await db.Customers.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        if (total == 0) return false;
        var expected = (double)total;
        foreach (var tagId in tags.Distinct())
            expected *= await TagLinksAsync(tagId, ct) / (double)total;
        return expected >= settings.Value.CommonTagCombination;
    }

    // Only an estimate is needed, so a count (a few ms per popular tag) is kept for a while.
    async Task<int> TagLinksAsync(int tagId, CancellationToken ct) =>
        await cache.GetOrCreateAsync($"customers.tag-links.{tagId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await db.Database.SqlQuery<int>(
                $"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM cust_customer_tags WHERE \"TagId\" = {tagId} LIMIT 200000)").SingleAsync(ct);
        });

    /// <summary>Whether more than <see cref="BroadSearch"/> names contain the text (an index probe, a few ms).</summary>
    async Task<bool> IsBroadAsync(string key, CancellationToken ct) =>
        key.Length >= 3 && await db.Database.SqlQuery<int>(
            $"SELECT count(*) AS \"Value\" FROM (SELECT rowid FROM cust_customer_fts WHERE cust_customer_fts MATCH {CustomerSearchSql.Phrase(key)} LIMIT {BroadSearch + 1})")
            .SingleAsync(ct) > BroadSearch;

    const int BroadSearch = 2000;

    static IQueryable<Customer> Order(IQueryable<Customer> query, CustomerSort sort) => sort switch
    {
        CustomerSort.UpdatedAsc => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        CustomerSort.CreatedDesc => query.OrderByDescending(c => c.Id),
        CustomerSort.CreatedAsc => query.OrderBy(c => c.Id),
        CustomerSort.NameAsc => query.OrderBy(c => c.NameKey).ThenBy(c => c.Id),
        CustomerSort.NameDesc => query.OrderByDescending(c => c.NameKey).ThenByDescending(c => c.Id),
        CustomerSort.CodeAsc => query.OrderBy(c => c.Code),
        CustomerSort.CodeDesc => query.OrderByDescending(c => c.Code),
        _ => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
    };

    // Written as "key <= k AND (key < k OR id < i)" so that the first term is an index range.
    static IQueryable<Customer> Seek(IQueryable<Customer> query, CustomerSort sort, Position? after)
    {
        if (after is null) return query;
        var id = after.Id;
        switch (sort)
        {
            case CustomerSort.UpdatedAsc:
            case CustomerSort.UpdatedDesc:
                var at = new DateTime(long.Parse(after.Key, CultureInfo.InvariantCulture), DateTimeKind.Utc);
                return sort == CustomerSort.UpdatedDesc
                    ? query.Where(c => c.UpdatedAt <= at && (c.UpdatedAt < at || c.Id < id))
                    : query.Where(c => c.UpdatedAt >= at && (c.UpdatedAt > at || c.Id > id));
            case CustomerSort.CreatedDesc: return query.Where(c => c.Id < id);
            case CustomerSort.CreatedAsc: return query.Where(c => c.Id > id);
            case CustomerSort.NameAsc:
                var name = after.Key;
                return query.Where(c => c.NameKey.CompareTo(name) >= 0 && (c.NameKey.CompareTo(name) > 0 || c.Id > id));
            case CustomerSort.NameDesc:
                var nameDesc = after.Key;
                return query.Where(c => c.NameKey.CompareTo(nameDesc) <= 0 && (c.NameKey.CompareTo(nameDesc) < 0 || c.Id < id));
            case CustomerSort.CodeAsc:
                var code = after.Key;
                return query.Where(c => c.Code.CompareTo(code) > 0);
            default:
                var codeDesc = after.Key;
                return query.Where(c => c.Code.CompareTo(codeDesc) < 0);
        }
    }

    sealed record Position(CustomerSort Sort, string Key, long Id);

    string WriteCursor(CustomerSort sort, Customer last)
    {
        var key = sort switch
        {
            CustomerSort.UpdatedAsc or CustomerSort.UpdatedDesc => last.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
            CustomerSort.NameAsc or CustomerSort.NameDesc => last.NameKey,
            CustomerSort.CodeAsc or CustomerSort.CodeDesc => last.Code,
            _ => "",
        };
        return cursors.Protect($"{(int)sort}\n{last.Id}\n{key}");
    }

    Position? ReadCursor(string cursor)
    {
        try
        {
            var parts = cursors.Unprotect(cursor).Split('\n', 3);
            return parts.Length == 3 && int.TryParse(parts[0], out var sort) && Enum.IsDefined((CustomerSort)sort) && long.TryParse(parts[1], out var id)
                ? new Position((CustomerSort)sort, parts[2], id)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
