using System.Buffers.Text;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>What makes customers likely duplicates (查重): the same name core, or a contact's mobile, office phone or
/// email shared by different customers.</summary>
public enum DuplicateKind
{
    Name,
    Mobile,
    Phone,
    Email,
}

/// <summary>Groups of likely duplicates among the customers not deleted that the user may see (a group needs two of
/// them in scope). Credit code, ID number and the full normalised name are unique among live customers (unique indexes),
/// so they cannot form groups here; they catch duplicates at entry and import instead.
/// <para>Fast at a million customers because every page starts from an index alone: the candidate keys (a name core,
/// a contact hash) that occur more than once come from a walk of the key's index in key order, which touches no table
/// row; only the candidates are then checked against deletion and scope. Pages are keyset on the key.</para></summary>
internal sealed class DuplicateFinder(CustomersDbContext db, CustomerAccess access, PersonalData personal, DictionaryLabels labels, IUserDirectory users)
{
    public const int MaxTake = 100;
    /// <summary>Members listed per group (a merge takes at most this many); the group's count says how many there are.</summary>
    public const int MaxMembersShown = MergeService.MaxRecords;
    // Candidate keys read per round (see WalkAsync).
    const int MinBatch = 16, MaxBatch = 1_000;

    public async Task<Outcome<DuplicatePage>> FindAsync(DuplicateKind kind, string? after, int take, CancellationToken ct)
    {
        take = Math.Clamp(take, 1, MaxTake);
        var groups = new List<Candidate>();
        if (kind == DuplicateKind.Name)
        {
            var visible = await access.VisibleAsync(deleted: false, ct);
            await WalkAsync(after ?? "", take + 1, (position, batch) => NameKeysAsync(position, batch, ct), async keys =>
            {
                var members = await visible.Where(c => keys.Contains(c.NameCore)).Select(c => new { c.NameCore, c.Id }).ToListAsync(ct);
                var order = keys.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i, StringComparer.Ordinal);
                return Add(groups, members.GroupBy(m => m.NameCore).Where(g => g.Count() > 1).OrderBy(g => order[g.Key])
                    .Select(g => new Candidate(g.Key, g.Key, g.Select(m => m.Id).Order().ToList())));
            });
        }
        else
        {
            byte[]? position = null;
            if (!string.IsNullOrEmpty(after) && (position = DecodeKey(after)) is null)
                return Outcome<DuplicatePage>.Invalid("after", "分页位置无效，请从第一页开始");
            var column = HashColumn(kind);
            var visible = await access.VisibleAsync(deleted: false, ct);
            await WalkAsync(position, take + 1, (from, batch) => HashKeysAsync(column, from, batch, ct), async keys =>
            {
                var members = await HashMembers(column, keys, visible).ToListAsync(ct);
                var order = keys.Select((key, i) => (Convert.ToHexString(key), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
                return Add(groups, members.GroupBy(m => Convert.ToHexString(m.Hash)).Where(g => g.Count() > 1).OrderBy(g => order[g.Key])
                    .Select(g => new Candidate(Base64Url.EncodeToString(g.First().Hash), null, g.Select(m => m.CustomerId).Order().ToList())));
            });
        }
        var page = groups.Take(take).ToList();
        var next = groups.Count > take ? page[^1].Key : null;
        return new DuplicatePage(kind, await ViewsAsync(kind, page, ct), next);
    }

    /// <summary>How many groups of a kind the user has: a walk of the whole index, with each round's groups counted in
    /// the database (a second or more for a contact hash at a million customers), so the page asks for it apart from
    /// the groups and only for the tab shown.</summary>
    public async Task<int> CountAsync(DuplicateKind kind, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(deleted: false, ct);
        var count = 0;
        if (kind == DuplicateKind.Name)
            await WalkAsync("", int.MaxValue, (position, batch) => NameKeysAsync(position, batch, ct), async keys =>
                count += await visible.Where(c => keys.Contains(c.NameCore)).GroupBy(c => c.NameCore).Where(g => g.Count() > 1).CountAsync(ct));
        else
        {
            var column = HashColumn(kind);
            await WalkAsync<byte[]>(null, int.MaxValue, (from, batch) => HashKeysAsync(column, from, batch, ct), async keys =>
                count += await HashMembers(column, keys, visible).GroupBy(m => m.Hash).Where(g => g.Count() > 1).CountAsync(ct));
        }
        return count;
    }

    /// <summary>Goes through the candidate keys in key order from <paramref name="position"/>, a batch at a time, until
    /// <paramref name="round"/> (which checks a batch against deletion and scope) has found <paramref name="wanted"/>
    /// groups or the keys run out. A page starts with about as many keys as it needs — a kind whose duplicates are rare
    /// then reads only a part of its index — and each further round (a narrow scope filters candidates out) doubles.</summary>
    static async Task WalkAsync<TKey>(TKey? position, int wanted, Func<TKey?, int, Task<List<TKey>>> nextKeys, Func<List<TKey>, Task<int>> round)
        where TKey : class
    {
        var found = 0;
        for (var batch = (int)Math.Clamp(wanted * 2L, MinBatch, MaxBatch); found < wanted; batch = Math.Min(batch * 2, MaxBatch))
        {
            var keys = await nextKeys(position, batch);
            if (keys.Count > 0) found += await round(keys);
            if (keys.Count < batch) return;
            position = keys[^1];
        }
    }

    static int Add(List<Candidate> groups, IEnumerable<Candidate> found)
    {
        var before = groups.Count;
        groups.AddRange(found);
        return groups.Count - before;
    }

    /// <summary>Name cores that occur more than once, after <paramref name="after"/>, from the core's index alone
    /// (deleted and out-of-scope customers included: the index holds the core only).</summary>
    Task<List<string>> NameKeysAsync(string? after, int batch, CancellationToken ct) =>
        db.Customers.Where(c => c.NameCore != "" && c.NameCore.CompareTo(after ?? "") > 0)
            .GroupBy(c => c.NameCore).Where(g => g.Count() > 1).OrderBy(g => g.Key).Select(g => g.Key).Take(batch).ToListAsync(ct);

    Task<List<byte[]>> HashKeysAsync(string column, byte[]? after, int batch, CancellationToken ct) =>
        (after is null ? db.Database.SqlQueryRaw<byte[]>(CandidateSql(column, after: false), batch)
            : db.Database.SqlQueryRaw<byte[]>(CandidateSql(column, after: true), batch, after)).ToListAsync(ct);

    /// <summary>The visible customers having a contact with one of the hashes, once per hash and customer.</summary>
    IQueryable<HashMember> HashMembers(string column, List<byte[]> keys, IQueryable<Customer> visible) =>
        (from x in db.Contacts
         where keys.Contains(EF.Property<byte[]>(x, column))
         join c in visible on x.CustomerId equals c.Id
         select new HashMember { Hash = EF.Property<byte[]>(x, column), CustomerId = c.Id }).Distinct();

    static string HashColumn(DuplicateKind kind) => kind switch
    {
        DuplicateKind.Mobile => nameof(Contact.MobileHash),
        DuplicateKind.Phone => nameof(Contact.OfficePhoneHash),
        _ => nameof(Contact.EmailHash),
    };

    /// <summary>Hashes that occur more than once, from the hash column's index alone. Raw SQL because a byte array has
    /// no "&gt;" in LINQ; the column is one of the three names above, never input.</summary>
    static string CandidateSql(string column, bool after) =>
        "SELECT \"" + column + "\" AS \"Value\" FROM cust_contacts WHERE \"" + column + (after ? "\" > {1}" : "\" IS NOT NULL")
        + " GROUP BY \"" + column + "\" HAVING COUNT(*) > 1 ORDER BY \"" + column + "\" LIMIT {0}";

    async Task<IReadOnlyList<DuplicateGroup>> ViewsAsync(DuplicateKind kind, List<Candidate> groups, CancellationToken ct)
    {
        var ids = groups.SelectMany(g => g.CustomerIds.Take(MaxMembersShown)).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.Name, c.NameCore, c.StatusCode, c.OwnerId, c.Version }).ToDictionaryAsync(c => c.Id, ct);
        var counts = await MergeService.CountsAsync(db, ids, ct);
        var owners = (await users.ListAsync(ct)).ToDictionary(u => u.Id, u => u.DisplayName);
        var ciphers = await CiphersAsync(kind, groups, ct);
        var views = new List<DuplicateGroup>(groups.Count);
        foreach (var group in groups)
        {
            var shown = group.CustomerIds.Take(MaxMembersShown).Select(id => customers[id]).ToList();
            var members = new List<DuplicateMember>(shown.Count);
            foreach (var c in shown)
                members.Add(new DuplicateMember(c.Id, c.Code, c.Name, NameSimilarity.Trigram(shown[0].NameCore, c.NameCore),
                    await labels.RequiredAsync(DictionaryTypes.CustomerStatus, c.StatusCode, ct), c.OwnerId, owners.GetValueOrDefault(c.OwnerId),
                    counts[c.Id], c.Version));
            views.Add(new DuplicateGroup(group.Key, Reason(kind, group, ciphers.GetValueOrDefault(group.Key)), group.CustomerIds.Count, members));
        }
        return views;
    }

    /// <summary>One stored value per hash group of the page, to show it masked.</summary>
    async Task<Dictionary<string, string?>> CiphersAsync(DuplicateKind kind, List<Candidate> groups, CancellationToken ct)
    {
        if (kind == DuplicateKind.Name || groups.Count == 0) return [];
        var (column, cipher) = (HashColumn(kind), kind switch
        {
            DuplicateKind.Mobile => nameof(Contact.MobileCipher),
            DuplicateKind.Phone => nameof(Contact.OfficePhoneCipher),
            _ => nameof(Contact.EmailCipher),
        });
        var keys = groups.Select(g => Base64Url.DecodeFromChars(g.Key)).ToList();
        var rows = await db.Contacts.Where(x => keys.Contains(EF.Property<byte[]>(x, column)))
            .Select(x => new { Hash = EF.Property<byte[]>(x, column), Cipher = EF.Property<string?>(x, cipher) }).ToListAsync(ct);
        return rows.GroupBy(r => Base64Url.EncodeToString(r.Hash)).ToDictionary(g => g.Key, g => g.First().Cipher);
    }

    string Reason(DuplicateKind kind, Candidate group, string? cipher) => kind switch
    {
        DuplicateKind.Name => $"名称相似（核心名称「{group.Core}」相同）",
        DuplicateKind.Mobile => $"联系人手机号相同（{personal.Masked(cipher, PiiField.Mobile)}）",
        DuplicateKind.Phone => $"联系人办公电话相同（{personal.Masked(cipher, PiiField.OfficePhone)}）",
        _ => $"联系人邮箱相同（{personal.Masked(cipher, PiiField.Email)}）",
    };

    static byte[]? DecodeKey(string key)
    {
        try
        {
            return Base64Url.DecodeFromChars(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <param name="Key">The page position: the core, or the hash in base64url.</param>
    sealed record Candidate(string Key, string? Core, List<long> CustomerIds);

    sealed class HashMember
    {
        public byte[] Hash { get; init; } = [];
        public long CustomerId { get; init; }
    }
}

/// <summary>A page of duplicate groups; <see cref="NextAfter"/> is passed as <c>after</c> for the next page (null at the end).</summary>
public sealed record DuplicatePage(DuplicateKind Kind, IReadOnlyList<DuplicateGroup> Groups, string? NextAfter);

/// <summary>Customers that are likely one: why, how many (<see cref="MemberCount"/>; at most
/// <see cref="DuplicateFinder.MaxMembersShown"/> are listed, oldest first), and the members.</summary>
public sealed record DuplicateGroup(string Key, string Reason, int MemberCount, IReadOnlyList<DuplicateMember> Members);

/// <summary>A customer of a duplicate group. <see cref="Similarity"/>: how alike its name core is to the first member's
/// (trigram similarity, 0–1).</summary>
public sealed record DuplicateMember(
    long Id,
    string Code,
    string Name,
    double Similarity,
    CodeName Status,
    Guid OwnerId,
    string? OwnerName,
    RecordCounts Counts,
    int Version);

