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
    // Candidate keys checked per round trip; a user with a narrow scope goes through several rounds for one page.
    const int CandidateBatch = 500;

    public async Task<Outcome<DuplicatePage>> FindAsync(DuplicateKind kind, string? after, int take, CancellationToken ct)
    {
        take = Math.Clamp(take, 1, MaxTake);
        List<Candidate> groups;
        if (kind == DuplicateKind.Name) groups = await NameGroupsAsync(after ?? "", take + 1, ct);
        else if (string.IsNullOrEmpty(after)) groups = await ContactGroupsAsync(kind, null, take + 1, ct);
        else if (DecodeKey(after) is { } position) groups = await ContactGroupsAsync(kind, position, take + 1, ct);
        else return Outcome<DuplicatePage>.Invalid("after", "分页位置无效，请从第一页开始");
        var page = groups.Take(take).ToList();
        var next = groups.Count > take ? page[^1].Key : null;
        return new DuplicatePage(kind, await ViewsAsync(kind, page, ct), next);
    }

    /// <summary>How many groups each kind has for this user (a walk of each index: about a second at a million
    /// customers, so the page asks once, not per page).</summary>
    public async Task<DuplicateCounts> CountAsync(CancellationToken ct) => new(
        (await NameGroupsAsync("", int.MaxValue, ct)).Count,
        (await ContactGroupsAsync(DuplicateKind.Mobile, null, int.MaxValue, ct)).Count,
        (await ContactGroupsAsync(DuplicateKind.Phone, null, int.MaxValue, ct)).Count,
        (await ContactGroupsAsync(DuplicateKind.Email, null, int.MaxValue, ct)).Count);

    /// <summary>Customers sharing a name core, in core order after <paramref name="after"/>.</summary>
    async Task<List<Candidate>> NameGroupsAsync(string after, int wanted, CancellationToken ct)
    {
        var visible = await access.VisibleAsync(deleted: false, ct);
        var groups = new List<Candidate>();
        while (groups.Count < wanted)
        {
            var position = after;
            // Deleted and out-of-scope customers are counted here too: the index holds the core only.
            var keys = await db.Customers.Where(c => c.NameCore != "" && c.NameCore.CompareTo(position) > 0)
                .GroupBy(c => c.NameCore).Where(g => g.Count() > 1).OrderBy(g => g.Key).Select(g => g.Key).Take(CandidateBatch).ToListAsync(ct);
            if (keys.Count == 0) break;
            var members = await visible.Where(c => keys.Contains(c.NameCore)).Select(c => new { c.NameCore, c.Id }).ToListAsync(ct);
            var order = keys.Select((key, i) => (key, i)).ToDictionary(x => x.key, x => x.i, StringComparer.Ordinal);
            groups.AddRange(members.GroupBy(m => m.NameCore).Where(g => g.Count() > 1).OrderBy(g => order[g.Key])
                .Select(g => new Candidate(g.Key, g.Key, g.Select(m => m.Id).Order().ToList(), null)));
            if (keys.Count < CandidateBatch) break;
            after = keys[^1];
        }
        return groups.Take(wanted).ToList();
    }

    /// <summary>Customers whose contacts share a mobile, office phone or email (by its keyed hash), in hash order.</summary>
    async Task<List<Candidate>> ContactGroupsAsync(DuplicateKind kind, byte[]? after, int wanted, CancellationToken ct)
    {
        var (hashColumn, cipherColumn) = kind switch
        {
            DuplicateKind.Mobile => (nameof(Contact.MobileHash), nameof(Contact.MobileCipher)),
            DuplicateKind.Phone => (nameof(Contact.OfficePhoneHash), nameof(Contact.OfficePhoneCipher)),
            _ => (nameof(Contact.EmailHash), nameof(Contact.EmailCipher)),
        };
        var visible = await access.VisibleAsync(deleted: false, ct);
        var groups = new List<Candidate>();
        while (groups.Count < wanted)
        {
            var keys = await (after is null ? db.Database.SqlQueryRaw<byte[]>(CandidateSql(hashColumn, after: false))
                    : db.Database.SqlQueryRaw<byte[]>(CandidateSql(hashColumn, after: true), after))
                .ToListAsync(ct);
            if (keys.Count == 0) break;
            var hexKeys = keys.Select(Convert.ToHexString).ToList();
            var rows = await (from x in db.Contacts
                              where keys.Contains(EF.Property<byte[]>(x, hashColumn))
                              join c in visible on x.CustomerId equals c.Id
                              select new { Hash = EF.Property<byte[]>(x, hashColumn), c.Id, Cipher = EF.Property<string?>(x, cipherColumn) }).ToListAsync(ct);
            var members = rows.Select(r => (Key: Convert.ToHexString(r.Hash), CustomerId: r.Id, r.Cipher)).ToList();
            groups.AddRange(members.GroupBy(m => m.Key).Where(g => g.Select(m => m.CustomerId).Distinct().Count() > 1)
                .OrderBy(g => hexKeys.IndexOf(g.Key))
                .Select(g => new Candidate(Base64Url.EncodeToString(Convert.FromHexString(g.Key)), null,
                    g.Select(m => m.CustomerId).Distinct().Order().ToList(), g.First().Cipher)));
            if (keys.Count < CandidateBatch) break;
            after = keys[^1];
        }
        return groups.Take(wanted).ToList();
    }

    /// <summary>Hashes that occur more than once, from the hash column's index alone. Raw SQL because a byte array has
    /// no "&gt;" in LINQ; the column is one of the three names above, never input.</summary>
    static string CandidateSql(string column, bool after) =>
        "SELECT \"" + column + "\" AS \"Value\" FROM cust_contacts WHERE \"" + column + (after ? "\" > {0}" : "\" IS NOT NULL")
        + " GROUP BY \"" + column + "\" HAVING COUNT(*) > 1 ORDER BY \"" + column + "\" LIMIT " + CandidateBatch;

    async Task<IReadOnlyList<DuplicateGroup>> ViewsAsync(DuplicateKind kind, List<Candidate> groups, CancellationToken ct)
    {
        var ids = groups.SelectMany(g => g.CustomerIds.Take(MaxMembersShown)).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.Name, c.NameCore, c.StatusCode, c.OwnerId, c.Version }).ToDictionaryAsync(c => c.Id, ct);
        var counts = await MergeService.CountsAsync(db, ids, ct);
        var owners = (await users.ListAsync(ct)).ToDictionary(u => u.Id, u => u.DisplayName);
        var views = new List<DuplicateGroup>(groups.Count);
        foreach (var group in groups)
        {
            var shown = group.CustomerIds.Take(MaxMembersShown).Select(id => customers[id]).ToList();
            var members = new List<DuplicateMember>(shown.Count);
            foreach (var c in shown)
                members.Add(new DuplicateMember(c.Id, c.Code, c.Name, NameSimilarity.Trigram(shown[0].NameCore, c.NameCore),
                    await labels.RequiredAsync(DictionaryTypes.CustomerStatus, c.StatusCode, ct), c.OwnerId, owners.GetValueOrDefault(c.OwnerId),
                    counts[c.Id], c.Version));
            views.Add(new DuplicateGroup(group.Key, Reason(kind, group), group.CustomerIds.Count, members));
        }
        return views;
    }

    string Reason(DuplicateKind kind, Candidate group) => kind switch
    {
        DuplicateKind.Name => $"名称相似（核心名称「{group.Core}」相同）",
        DuplicateKind.Mobile => $"联系人手机号相同（{personal.Masked(group.Cipher, PiiField.Mobile)}）",
        DuplicateKind.Phone => $"联系人办公电话相同（{personal.Masked(group.Cipher, PiiField.OfficePhone)}）",
        _ => $"联系人邮箱相同（{personal.Masked(group.Cipher, PiiField.Email)}）",
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
    sealed record Candidate(string Key, string? Core, List<long> CustomerIds, string? Cipher);
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

/// <summary>How many duplicate groups there are of each kind, for the user's scope.</summary>
public sealed record DuplicateCounts(int Name, int Mobile, int Phone, int Email);
