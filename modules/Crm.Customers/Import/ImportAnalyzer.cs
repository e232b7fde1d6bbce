using System.Data.Common;
using Crm.Abstractions.Files;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Import;

/// <summary>Checks a file chunk by chunk, in file order: each chunk's rows are parsed and checked in parallel, its keys
/// are looked up in the database with a few set-based queries (<c>WHERE "NameKey" IN (…)</c>, at most
/// <see cref="MaxParameters"/> values each — never a query per row, never all customers), then duplicates within the
/// file, against the database and possible duplicates are decided row by row. Used by the dry run and by the run,
/// which writes each checked chunk while the next one is checked. Reads on a connection of its own (<paramref name="db"/>
/// comes from a scope of its own), so it can run beside the writer's transaction.</summary>
internal sealed class ImportAnalyzer(ImportPlan plan, ImportChecks checks, CustomersDbContext db)
{
    public const int ChunkSize = 2_000;
    const int MaxParameters = 500;
    const int ReportedErrors = 100;
    const int ReportedDuplicates = 200;
    const int SampleEvery = 7;
    const int MaxSample = 200;

    readonly Func<Customer, bool> inScope = DataScopeQueryExtensions.ScopePredicate<Customer>(plan.Scope).Compile();

    // Keys of the rows accepted so far (file row numbers), for duplicates within the file.
    readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> creditCodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> idNumbers = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> mobiles = new(StringComparer.Ordinal);
    readonly Dictionary<long, int> targets = [];
    readonly Dictionary<string, int> contactsInFile = new(StringComparer.Ordinal);
    readonly HashSet<long> primaryAdded = [];
    readonly SimilarNames similar = new();

    // What the analysis reports.
    readonly Dictionary<(string Field, string Value), int> unknown = [];
    readonly List<ImportRowReport> errors = [];
    readonly List<ImportRowReport> duplicates = [];
    readonly List<ImportRowReport> flagged = [];
    readonly List<ImportRowReport> sample = [];
    int good;

    public ImportCounts Counts { get; } = new();

    ImportKind Kind => plan.Kind;

    /// <summary>Reads the next chunk of rows from the file; empty at the end.</summary>
    public static async Task<List<TableRow>> ReadChunkAsync(IAsyncEnumerator<TableRow> rows, int afterRow, CancellationToken ct)
    {
        var chunk = new List<TableRow>(ChunkSize);
        while (chunk.Count < ChunkSize && await rows.MoveNextAsync())
        {
            ct.ThrowIfCancellationRequested();
            if (rows.Current.Number > afterRow) chunk.Add(rows.Current);
        }
        return chunk;
    }

    /// <summary>Checks one chunk; the rows come back with their outcome, problems and what to write.</summary>
    public async Task<IReadOnlyList<ImportRow>> CheckAsync(IReadOnlyList<TableRow> chunk, CancellationToken ct)
    {
        var rows = chunk.Select(r => new ImportRow(r)).ToArray();
        Parallel.ForEach(rows, new ParallelOptions { CancellationToken = ct }, checks.Parse);
        await plan.Lookups.PrepareAsync(rows.SelectMany(checks.Labels).Distinct().ToList(), ct);
        var found = await FindAsync(rows, ct);
        if (Kind == ImportKind.Customers) await CheckCustomersAsync(rows, found, ct);
        else CheckContacts(rows, found);
        foreach (var row in rows) Count(row);
        return rows;
    }

    async Task CheckCustomersAsync(ImportRow[] rows, Found found, CancellationToken ct)
    {
        foreach (var row in rows) row.Target = Match(row, found);
        var ids = rows.Where(r => r.Target is { } t && InScope(t)).Select(r => r.Target!.Id).Distinct().ToList();
        var stored = await StoredAsync(ids, ct);
        Parallel.ForEach(rows, new ParallelOptions { CancellationToken = ct }, row =>
        {
            var target = row.Target is { } t && InScope(t) ? stored.Customers[t.Id] : null;
            checks.CheckCustomer(row, target, target is null ? [] : stored.Contacts[target.Id].ToList(), target is null ? [] : stored.Tags[target.Id].ToList());
        });
        foreach (var row in rows) Decide(row, found);
    }

    /// <summary>The existing customer the row updates, by the chosen match key (create mode matches nothing).</summary>
    ExistingCustomer? Match(ImportRow row, Found found) => plan.Options.Mode == ImportMode.Create ? null : plan.Options.MatchKey switch
    {
        ImportMatchKey.Code => row.Code is { } code ? found.ByCode.GetValueOrDefault(code) : null,
        ImportMatchKey.Name => row.NameKey is { } name ? found.ByName.GetValueOrDefault(name) : null,
        _ => row.CreditCode is { } credit ? found.ByCreditCode.GetValueOrDefault(credit) : null,
    };

    bool InScope(ExistingCustomer c) => inScope(new Customer { OwnerId = c.OwnerId, DepartmentId = c.DepartmentId });

    /// <summary>The row-by-row decisions that depend on earlier rows: duplicates within the file, against the database,
    /// possible duplicates, and the outcome.</summary>
    void Decide(ImportRow row, Found found)
    {
        var target = row.Target;
        var mode = plan.Options.Mode;
        if (target is not null && !InScope(target)) row.Error(Kind, "", "客户已存在，但不在您的数据权限范围内");
        if (target is null && mode == ImportMode.Update)
            row.Error(Kind, MatchField, $"没有找到要更新的客户（按{plan.MatchLabel}匹配{(MatchValue(row) is { } v ? $"「{v}」" : "，该列为空")}）");
        var customer = row.Customer!;
        var selfId = target?.Id ?? 0;

        if (row.NameKey is { } name && customer.NameKey == name)
        {
            if (names.TryGetValue(name, out var earlier)) row.Error(Kind, ImportFields.Name, $"与第 {earlier} 行的客户名称相同（文件内重复）");
            else if (found.ByName.TryGetValue(name, out var other) && other.Id != selfId) row.Error(Kind, ImportFields.Name, CustomerRules.DuplicateName(customer.Name));
        }
        if (customer.CreditCode is { } credit)
        {
            if (creditCodes.TryGetValue(credit, out var earlier)) row.Error(Kind, ImportFields.CreditCode, $"与第 {earlier} 行的统一社会信用代码相同（文件内重复）");
            else if (found.ByCreditCode.TryGetValue(credit, out var other) && other.Id != selfId) row.Error(Kind, ImportFields.CreditCode, CustomerRules.DuplicateCreditCode(credit));
        }
        if (row.IdNumberHash is { } idHash && customer.IdNumberHash is not null)
        {
            var key = Convert.ToHexString(idHash);
            if (idNumbers.TryGetValue(key, out var earlier)) row.Error(Kind, ImportFields.IdNumber, $"与第 {earlier} 行的身份证号相同（文件内重复）");
            else if (found.ByIdNumber.TryGetValue(key, out var other) && other.Id != selfId) row.Error(Kind, ImportFields.IdNumber, CustomerRules.DuplicateIdNumber);
        }
        if (target is not null && targets.TryGetValue(target.Id, out var same)) row.Error(Kind, MatchField, $"与第 {same} 行更新的是同一个客户（文件内重复）");

        if (row.Errors.Count > 0)
        {
            row.Outcome = ImportRowOutcome.Failed;
            return;
        }
        var isNew = target is null;
        row.Outcome = isNew ? ImportRowOutcome.New : row.BeforeJson is null && row.TagIds is null && row.Contact is null ? ImportRowOutcome.Unchanged : ImportRowOutcome.Updated;

        // Possible duplicates (疑似重复) are not refused: the same name core as an existing customer or another row, a
        // similar name within the file, or a mobile another customer's contact has (the archive allows shared numbers).
        if (row.NameChanged)
        {
            if (found.ByCore.TryGetValue(customer.NameCore, out var core) && core.Id != selfId)
                row.Remark(Kind, ImportFields.Name, InScope(core) ? $"疑似重复：与已有客户 {core.Code}「{core.Name}」名称相近" : "疑似重复：已有名称相近的客户（不在您的数据权限范围内）");
            else if (similar.Find(customer.NameCore) is { } match)
                row.Remark(Kind, ImportFields.Name, $"疑似重复：与第 {match.Row} 行「{match.Name}」名称相近");
        }
        if (row.Contact is not null) MobileRemarks(row, found, selfId);
        row.PossibleDuplicate = row.Remarks.Any(r => r.Message.StartsWith("疑似重复", StringComparison.Ordinal) || r.Field == ImportFields.ContactMobile);

        if (row.Outcome == ImportRowOutcome.Unchanged) return;
        if (row.Remarks.Count > 0)
        {
            if (!plan.Options.FlagAnomalies)
            {
                row.Outcome = ImportRowOutcome.Skipped;
                return;
            }
            customer.ReviewNote = ReviewNote(row);
        }
        Accept(row);
    }

    void MobileRemarks(ImportRow row, Found found, long selfId)
    {
        if (row.MobileHash is not { } hash) return;
        var key = Convert.ToHexString(hash);
        if (found.Mobiles.TryGetValue(key, out var owners) && owners.Any(id => id != selfId))
            row.Remark(Kind, ImportFields.ContactMobile, "疑似重复：手机号与已有客户的联系人相同（允许共用号码，请核实是否同一客户）");
        else if (mobiles.TryGetValue(key, out var earlier))
            row.Remark(Kind, ImportFields.ContactMobile, $"疑似重复：手机号与第 {earlier} 行相同（允许共用号码，请核实）");
    }

    /// <summary>Registers an accepted row's keys for the rows after it.</summary>
    void Accept(ImportRow row)
    {
        var customer = row.Customer;
        if (customer is not null)
        {
            names.TryAdd(customer.NameKey, row.Number);
            if (customer.CreditCode is { } credit) creditCodes.TryAdd(credit, row.Number);
            if (customer.IdNumberHash is { } id) idNumbers.TryAdd(Convert.ToHexString(id), row.Number);
            if (row.NameChanged) similar.Add(customer.NameCore, row.Number, customer.Name);
        }
        if (row.Target is { } target) targets.TryAdd(target.Id, row.Number);
        if (row.Contact is not null && row.MobileHash is { } hash) mobiles.TryAdd(Convert.ToHexString(hash), row.Number);
    }

    static string ReviewNote(ImportRow row)
    {
        var note = "导入待修正：" + string.Join("；", row.Remarks.Select(r => r.Message));
        return note.Length <= 500 ? note : note[..499] + "…";
    }

    string MatchField => Kind == ImportKind.Contacts ? "" : plan.Options.MatchKey switch
    {
        ImportMatchKey.Code => ImportFields.Code,
        ImportMatchKey.Name => ImportFields.Name,
        _ => ImportFields.CreditCode,
    };

    string? MatchValue(ImportRow row) => plan.Options.MatchKey switch
    {
        ImportMatchKey.Code => row.Value(ImportFields.Code),
        ImportMatchKey.Name => row.Value(ImportFields.Name),
        _ => row.Value(ImportFields.CreditCode),
    };

    void CheckContacts(ImportRow[] rows, Found found)
    {
        foreach (var row in rows)
        {
            var (target, by) = row.Code is { } code ? (found.ByCode.GetValueOrDefault(code), $"客户编码「{code}」")
                : row.CreditCode is { } credit ? (found.ByCreditCode.GetValueOrDefault(credit), $"统一社会信用代码「{credit}」")
                : row.NameKey is not null ? (found.ByName.GetValueOrDefault(row.NameKey), $"客户名称「{row.Value(ImportFields.CustomerName)}」")
                : (null, null);
            if (by is null) row.Error(Kind, "", "请填写客户编码、统一社会信用代码或客户名称，以确定联系人属于哪个客户");
            else if (target is null) row.Error(Kind, "", $"没有找到{by}对应的客户");
            else if (!InScope(target)) row.Error(Kind, "", "客户已存在，但不在您的数据权限范围内");
            else row.Target = target;
        }
        Parallel.ForEach(rows.Where(r => r.Target is not null), checks.CheckContact);
        foreach (var row in rows)
        {
            if (row.Target is not { } target || row.Contact is not { } contact)
            {
                row.Outcome = ImportRowOutcome.Failed;
                continue;
            }
            // As when adding a contact by hand: the first contact of a customer is its primary one, and a second primary is refused.
            var hasPrimary = found.HasPrimary.Contains(target.Id) || primaryAdded.Contains(target.Id);
            if (row.WantsPrimary && hasPrimary)
                row.Error(Kind, ImportFields.ContactIsPrimary, "该客户已有主要联系人，每个客户只能有一个；请用“设为主要联系人”更换");
            contact.IsPrimary = !hasPrimary;
            var key = $"{target.Id}:{contact.Name}:{(row.MobileHash is { } h ? Convert.ToHexString(h) : "")}";
            if (contactsInFile.TryGetValue(key, out var earlier)) row.Error(Kind, ImportFields.ContactName, $"与第 {earlier} 行是同一联系人（文件内重复）");
            if (row.Errors.Count > 0)
            {
                row.Outcome = ImportRowOutcome.Failed;
                continue;
            }
            if (found.Contacts.Contains(key))
            {
                row.Outcome = ImportRowOutcome.Unchanged;
                row.Remark(Kind, ImportFields.ContactName, "该客户已有同名且手机号相同的联系人，未重复添加");
                continue;
            }
            row.Outcome = ImportRowOutcome.New;
            MobileRemarks(row, found, target.Id);
            row.PossibleDuplicate = row.Remarks.Count > 0;
            if (row.Remarks.Count > 0 && !plan.Options.FlagAnomalies)
            {
                row.Outcome = ImportRowOutcome.Skipped;
                continue;
            }
            contactsInFile[key] = row.Number;
            if (contact.IsPrimary) primaryAdded.Add(target.Id);
            if (row.MobileHash is { } hash) mobiles.TryAdd(Convert.ToHexString(hash), row.Number);
        }
    }

    void Count(ImportRow row)
    {
        Counts.Add(row);
        if (row.Outcome == ImportRowOutcome.Failed)
        {
            if (errors.Count < ReportedErrors) errors.Add(row.Report());
            foreach (var field in ImportDictionaryField.All)
                if (row.Value(field.Field) is { } value && !plan.Choices.ContainsKey((field.Field, value)) && plan.Lookups.Resolve(field.TypeCode, value) is null)
                    unknown[(field.Field, value)] = unknown.GetValueOrDefault((field.Field, value)) + 1;
            return;
        }
        if (row.PossibleDuplicate && duplicates.Count < ReportedDuplicates) duplicates.Add(row.Report());
        else if (row.Remarks.Count > 0 && row.Outcome != ImportRowOutcome.Unchanged && flagged.Count < ReportedDuplicates) flagged.Add(row.Report());
        if (row.Outcome != ImportRowOutcome.Skipped && good++ % SampleEvery == 0 && sample.Count < MaxSample) sample.Add(row.Report());
    }

    /// <summary>The dry run's report of everything checked so far.</summary>
    public async Task<ImportAnalysis> ReportAsync(bool canCreate, CancellationToken ct)
    {
        var values = new List<ImportUnknownValue>();
        foreach (var ((field, value), rows) in unknown.OrderBy(u => u.Key.Field, StringComparer.Ordinal).ThenByDescending(u => u.Value))
        {
            var dictionary = ImportDictionaryField.Find(field)!;
            values.Add(new ImportUnknownValue(field, dictionary.Label, value, rows, await plan.Lookups.SuggestAsync(dictionary.TypeCode, value, ct),
                plan.Choices.TryGetValue((field, value), out var choice) ? choice.Action : null));
        }
        var notes = new List<string>();
        if (plan.Options.AllOrNothing && Counts.Failed > 0)
            notes.Add($"已选择“全部导入或全部不导入”：有 {Counts.Failed} 行未通过检查，运行时将不写入任何数据");
        if (values.Count > 0 && !canCreate)
            notes.Add("不认识的字典值可以映射到已有选项或不导入这些行；在数据字典中新建选项需要数据字典维护权限");
        return new ImportAnalysis
        {
            TotalRows = Counts.Rows, New = Counts.New, Updated = Counts.Updated, Unchanged = Counts.Unchanged, Failed = Counts.Failed,
            PossibleDuplicates = Counts.PossibleDuplicates, Flagged = Counts.Flagged, Skipped = Counts.Skipped,
            UnknownValues = values, CanCreateDictionaryEntries = canCreate, Errors = errors, PossibleDuplicateRows = duplicates, FlaggedRows = flagged, Sample = sample, Notes = notes,
        };
    }

    // ---- Set-based lookups ----

    /// <summary>What the database holds for one chunk's keys.</summary>
    sealed class Found
    {
        public Dictionary<string, ExistingCustomer> ByName { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ExistingCustomer> ByCreditCode { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ExistingCustomer> ByIdNumber { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ExistingCustomer> ByCode { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ExistingCustomer> ByCore { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<long>> Mobiles { get; } = new(StringComparer.Ordinal);
        /// <summary>Contacts file: customers that have a primary contact, and "customer:name:mobile" of their contacts.</summary>
        public HashSet<long> HasPrimary { get; } = [];
        public HashSet<string> Contacts { get; } = new(StringComparer.Ordinal);
    }

    async Task<Found> FindAsync(ImportRow[] rows, CancellationToken ct)
    {
        var found = new Found();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var customers = Kind == ImportKind.Customers;

        await ExistingAsync(connection, "NameKey", rows.Select(r => r.NameKey).OfType<string>(), found.ByName, r => r.GetString(6), ct);
        await ExistingAsync(connection, "CreditCode", rows.Select(r => r.CreditCode).OfType<string>(), found.ByCreditCode, r => r.GetString(6), ct);
        if (!customers || plan.Options.MatchKey == ImportMatchKey.Code)
            await ExistingAsync(connection, "Code", rows.Select(r => r.Code).OfType<string>(), found.ByCode, r => r.GetString(6), ct);
        if (customers)
        {
            await ExistingAsync(connection, "IdNumberHash", rows.Select(r => r.IdNumberHash).OfType<byte[]>(), found.ByIdNumber, r => Convert.ToHexString((byte[])r.GetValue(6)), ct);
            await ExistingAsync(connection, "NameCore", rows.Select(r => r.NameCore).OfType<string>(), found.ByCore, r => r.GetString(6), ct);
        }
        await MobilesAsync(connection, rows.Select(r => r.MobileHash).OfType<byte[]>(), found, ct);
        if (!customers)
            await ContactsAsync(connection, found.ByCode.Values.Concat(found.ByCreditCode.Values).Concat(found.ByName.Values).Select(c => c.Id), found, ct);
        return found;
    }

    /// <summary>Customers not deleted whose <paramref name="column"/> is one of the keys (the first per key).</summary>
    static async Task ExistingAsync<TKey>(SqliteConnection connection, string column, IEnumerable<TKey> keys, Dictionary<string, ExistingCustomer> into,
        Func<DbDataReader, string> keyOf, CancellationToken ct) where TKey : notnull
    {
        foreach (var part in keys.Distinct().Chunk(MaxParameters))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT "Id", "Code", "Name", "OwnerId", "DepartmentId", "Version", "{column}" FROM cust_customers
                WHERE "DeletedAt" IS NULL AND "{column}" IN ({string.Join(", ", part.Select((_, i) => $"$k{i}"))})
                """;
            for (var i = 0; i < part.Length; i++) command.Parameters.AddWithValue($"$k{i}", part[i]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                into.TryAdd(keyOf(reader), new ExistingCustomer(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Guid.Parse(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)), reader.GetInt32(5)));
        }
    }

    static async Task MobilesAsync(SqliteConnection connection, IEnumerable<byte[]> hashes, Found found, CancellationToken ct)
    {
        foreach (var part in hashes.DistinctBy(Convert.ToHexString).Chunk(MaxParameters))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT x."MobileHash", x."CustomerId" FROM cust_contacts x JOIN cust_customers c ON c."Id" = x."CustomerId"
                WHERE c."DeletedAt" IS NULL AND x."MobileHash" IN ({string.Join(", ", part.Select((_, i) => $"$k{i}"))})
                """;
            for (var i = 0; i < part.Length; i++) command.Parameters.AddWithValue($"$k{i}", part[i]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = Convert.ToHexString((byte[])reader.GetValue(0));
                if (!found.Mobiles.TryGetValue(key, out var list)) found.Mobiles[key] = list = [];
                list.Add(reader.GetInt64(1));
            }
        }
    }

    /// <summary>Contacts file: the named customers' contacts (primary flag; name and mobile, to skip ones already there).</summary>
    static async Task ContactsAsync(SqliteConnection connection, IEnumerable<long> customerIds, Found found, CancellationToken ct)
    {
        foreach (var part in customerIds.Distinct().Chunk(MaxParameters))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT "CustomerId", "Name", "MobileHash", "IsPrimary" FROM cust_contacts
                WHERE "CustomerId" IN ({string.Join(", ", part.Select((_, i) => $"$k{i}"))})
                """;
            for (var i = 0; i < part.Length; i++) command.Parameters.AddWithValue($"$k{i}", part[i]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                found.Contacts.Add($"{id}:{reader.GetString(1)}:{(reader.IsDBNull(2) ? "" : Convert.ToHexString((byte[])reader.GetValue(2)))}");
                if (reader.GetBoolean(3)) found.HasPrimary.Add(id);
            }
        }
    }

    sealed record Stored(Dictionary<long, Customer> Customers, ILookup<long, Contact> Contacts, ILookup<long, int> Tags);

    /// <summary>The customers to update, whole, with their contacts' names and their tags.</summary>
    async Task<Stored> StoredAsync(List<long> ids, CancellationToken ct)
    {
        var customers = new Dictionary<long, Customer>();
        var contacts = new List<Contact>();
        var tags = new List<CustomerTag>();
        foreach (var part in ids.Chunk(MaxParameters))
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => part.Contains(c.Id)).ToListAsync(ct)) customers[c.Id] = c;
            contacts.AddRange(await db.Contacts.AsNoTracking().Where(x => part.Contains(x.CustomerId))
                .Select(x => new Contact { Id = x.Id, CustomerId = x.CustomerId, Name = x.Name, IsPrimary = x.IsPrimary }).ToListAsync(ct));
            tags.AddRange(await db.CustomerTags.AsNoTracking().Where(t => part.Contains(t.CustomerId)).ToListAsync(ct));
        }
        return new Stored(customers, contacts.ToLookup(c => c.CustomerId), tags.ToLookup(t => t.CustomerId, t => t.TagId));
    }
}

/// <summary>Rows counted by outcome.</summary>
internal sealed class ImportCounts
{
    public int Rows;
    public int New;
    public int Updated;
    public int Unchanged;
    public int Failed;
    public int Skipped;
    public int PossibleDuplicates;
    public int Flagged;

    public void Add(ImportRow row)
    {
        Rows++;
        switch (row.Outcome)
        {
            case ImportRowOutcome.New: New++; break;
            case ImportRowOutcome.Updated: Updated++; break;
            case ImportRowOutcome.Unchanged: Unchanged++; break;
            case ImportRowOutcome.Skipped: Skipped++; break;
            default: Failed++; break;
        }
        // Flagged and possible duplicates among the rows imported (or skipped because of it), not the failed ones.
        if (row.Outcome is ImportRowOutcome.New or ImportRowOutcome.Updated or ImportRowOutcome.Skipped)
        {
            if (row.PossibleDuplicate) PossibleDuplicates++;
            if (row.Remarks.Count > 0) Flagged++;
        }
    }
}
