using System.Globalization;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Data;

/// <summary>Writes many customers (with contacts, follow-ups and tags) inside one batch transaction through prepared
/// commands, each compiled once and run per row with new parameter values — the bulk path of the demo-data generator
/// and the import, never EF change tracking per row. Values are written in the forms EF Core uses for these columns
/// on SQLite (times as "yyyy-MM-dd HH:mm:ss.FFFFFFF" UTC, dates as "yyyy-MM-dd", money as integer fen, Guids as upper-case
/// text), so the module reads them back as if it had written them itself. Not audited row by row: callers write one
/// audit record for the batch.</summary>
internal sealed class CustomerBatchWriter : IDisposable
{
    static readonly string[] CustomerColumns =
    [
        "Id", "Code", "Name", "NameKey", "NameCore", "Kind", "CreditCode", "IdNumberCipher", "IdNumberHash", "IndustryCode", "RegionCode", "SizeCode",
        "FoundedOn", "Address", "SourceCode", "StatusCode", "AnnualAmount", "ValueTierCode", "ValueTierManual", "OwnerId", "DepartmentId",
        "Remarks", "Competitors", "RelatedProjects", "ContractDate", "ContractAmount", "FirstPaymentDate", "ServiceExpiryDate", "Satisfaction",
        "Abnormal", "AbnormalProgress", "LastFollowUpAt", "CreatedAt", "CreatedBy", "UpdatedAt", "ImportBatchId", "ReviewNote", "Version",
    ];

    // Everything a person can change on the form, plus what follows from it (keys, tier), the import's note and the
    // bookkeeping of a save; the identity, code and history columns stay.
    public static readonly IReadOnlyList<string> UpdatedColumns =
    [
        "Name", "NameKey", "NameCore", "Kind", "CreditCode", "IdNumberCipher", "IdNumberHash", "IndustryCode", "RegionCode", "SizeCode",
        "FoundedOn", "Address", "SourceCode", "StatusCode", "AnnualAmount", "ValueTierCode", "ValueTierManual", "OwnerId", "DepartmentId",
        "Remarks", "Competitors", "RelatedProjects", "ContractDate", "ContractAmount", "FirstPaymentDate", "ServiceExpiryDate", "Satisfaction",
        "Abnormal", "AbnormalProgress", "ReviewNote", "UpdatedAt",
    ];

    readonly Prepared customers, contacts, followUps, tags;
    readonly SqliteConnection connection;
    readonly SqliteTransaction transaction;
    SqliteCommand? update, clearTags;
    SqliteParameter[]? updateParameters;

    public CustomerBatchWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
        customers = new Prepared(connection, transaction, "cust_customers", CustomerColumns);
        contacts = new Prepared(connection, transaction, "cust_contacts",
            ["CustomerId", "Name", "Position", "MobileCipher", "MobileHash", "OfficePhoneCipher", "OfficePhoneHash", "EmailCipher", "EmailHash", "OtherId",
             "IsPrimary", "DecisionRoleCode", "CreatedAt", "UpdatedAt", "Version"], returning: "Id");
        followUps = new Prepared(connection, transaction, "cust_followups",
            ["CustomerId", "At", "MethodCode", "OurParticipants", "TheirParticipants", "Summary", "Result", "NextAction", "NextActionDue", "NextActionOwnerId",
             "NextActionDone", "ReminderSentAt", "CreatedBy", "CreatedAt"]);
        tags = new Prepared(connection, transaction, "cust_customer_tags", ["CustomerId", "TagId"]);
    }

    /// <summary>The next free customer id; call it inside the batch's transaction, whose write lock keeps anyone else
    /// from taking the ids handed out after it (so contacts and tags can refer to them without a round trip).</summary>
    public static long LastCustomerId(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT max(coalesce((SELECT max("Id") FROM cust_customers), 0),
                       coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'cust_customers'), 0))
            """;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Stops indexing names one insert at a time, inside the batch's transaction; <see cref="IndexNames"/>
    /// indexes the batch's id range in one statement and starts the trigger again. Measured on 20,000 imported rows:
    /// about 15% less time than the trigger per row (the FTS5 index is written once per batch either way; the per-row
    /// trigger adds a statement per insert).</summary>
    public void DeferNameIndex() => Execute(CustomerSearchSql.DropInsertTrigger);

    public void IndexNames(long afterId, long lastId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = CustomerSearchSql.IndexRange;
        command.Parameters.AddWithValue("$first", afterId);
        command.Parameters.AddWithValue("$last", lastId);
        command.ExecuteNonQuery();
        Execute(CustomerSearchSql.InsertTrigger);
    }

    void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts the customer with its <see cref="Customer.Id"/> as given.</summary>
    public void Customer(Customer c) => customers.Run(
        c.Id, c.Code, c.Name, c.NameKey, c.NameCore, (int)c.Kind, c.CreditCode, c.IdNumberCipher, c.IdNumberHash, c.IndustryCode, c.RegionCode, c.SizeCode,
        Date(c.FoundedOn), c.Address, c.SourceCode, c.StatusCode, Fen(c.AnnualAmount), c.ValueTierCode, c.ValueTierManual, Id(c.OwnerId), Id(c.DepartmentId),
        c.Remarks, c.Competitors, c.RelatedProjects, Date(c.ContractDate), Fen(c.ContractAmount), Date(c.FirstPaymentDate), Date(c.ServiceExpiryDate),
        c.Satisfaction, (int)c.Abnormal, c.AbnormalProgress, Time(c.LastFollowUpAt), Time(c.CreatedAt), Id(c.CreatedBy), Time(c.UpdatedAt), c.ImportBatchId,
        c.ReviewNote, c.Version);

    /// <summary>Inserts the contact of <see cref="Contact.CustomerId"/> and returns its id.</summary>
    public long Contact(Contact x) => Convert.ToInt64(contacts.Run(
        x.CustomerId, x.Name, x.Position, x.MobileCipher, x.MobileHash, x.OfficePhoneCipher, x.OfficePhoneHash, x.EmailCipher, x.EmailHash, x.OtherId,
        x.IsPrimary, x.DecisionRoleCode, Time(x.CreatedAt), Time(x.UpdatedAt), x.Version), CultureInfo.InvariantCulture);

    public void FollowUp(FollowUp f) => followUps.Run(
        f.CustomerId, Time(f.At), f.MethodCode, f.OurParticipants, f.TheirParticipants, f.Summary, f.Result, f.NextAction, Time(f.NextActionDue),
        Id(f.NextActionOwnerId), f.NextActionDone, Time(f.ReminderSentAt), Id(f.CreatedBy), Time(f.CreatedAt));

    public void Tag(long customerId, int tagId) => tags.Run(customerId, tagId);

    /// <summary>Writes the customer's form fields if it still has <paramref name="expectedVersion"/>, and bumps the
    /// version; false when someone saved it in between (nothing written).</summary>
    public bool Update(Customer c, int expectedVersion)
    {
        if (update is null)
        {
            update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE cust_customers SET {string.Join(", ", UpdatedColumns.Select((column, i) => $"\"{column}\" = $p{i}"))}, " +
                                 $"\"Version\" = \"Version\" + 1 WHERE \"Id\" = $id AND \"Version\" = $version";
            updateParameters = [.. UpdatedColumns.Select((_, i) => update.Parameters.Add(new SqliteParameter($"$p{i}", null))),
                update.Parameters.Add(new SqliteParameter("$id", null)), update.Parameters.Add(new SqliteParameter("$version", null))];
            update.Prepare();
        }
        object?[] values =
        [
            c.Name, c.NameKey, c.NameCore, (int)c.Kind, c.CreditCode, c.IdNumberCipher, c.IdNumberHash, c.IndustryCode, c.RegionCode, c.SizeCode,
            Date(c.FoundedOn), c.Address, c.SourceCode, c.StatusCode, Fen(c.AnnualAmount), c.ValueTierCode, c.ValueTierManual, Id(c.OwnerId), Id(c.DepartmentId),
            c.Remarks, c.Competitors, c.RelatedProjects, Date(c.ContractDate), Fen(c.ContractAmount), Date(c.FirstPaymentDate), Date(c.ServiceExpiryDate),
            c.Satisfaction, (int)c.Abnormal, c.AbnormalProgress, c.ReviewNote, Time(c.UpdatedAt), c.Id, expectedVersion,
        ];
        for (var i = 0; i < values.Length; i++) updateParameters![i].Value = values[i] ?? DBNull.Value;
        return update.ExecuteNonQuery() == 1;
    }

    /// <summary>Removes every tag of the customer (before writing its new set).</summary>
    public void ClearTags(long customerId)
    {
        if (clearTags is null)
        {
            clearTags = connection.CreateCommand();
            clearTags.Transaction = transaction;
            clearTags.CommandText = "DELETE FROM cust_customer_tags WHERE \"CustomerId\" = $id";
            clearTags.Parameters.Add(new SqliteParameter("$id", null));
            clearTags.Prepare();
        }
        clearTags.Parameters[0].Value = customerId;
        clearTags.ExecuteNonQuery();
    }

    public void Dispose()
    {
        customers.Dispose();
        contacts.Dispose();
        followUps.Dispose();
        tags.Dispose();
        update?.Dispose();
        clearTags?.Dispose();
    }

    public static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static long? Fen(decimal? yuan) => yuan is { } value ? (long)decimal.Round(value * 100m, 0, MidpointRounding.AwayFromZero) : null;

    public static string? Id(Guid? id) => id?.ToString().ToUpperInvariant();

    sealed class Prepared : IDisposable
    {
        readonly SqliteCommand command;
        readonly SqliteParameter[] parameters;
        readonly bool returns;

        public Prepared(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, string? returning = null)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})" + (returning is null ? "" : $" RETURNING \"{returning}\"");
            parameters = [.. columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null)))];
            returns = returning is not null;
            command.Prepare();
        }

        public object? Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            if (returns) return command.ExecuteScalar();
            command.ExecuteNonQuery();
            return null;
        }

        public void Dispose() => command.Dispose();
    }
}
