using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Demo;

/// <summary>The prepared INSERT commands of one batch: each is compiled once and run per row with new parameter values.
/// Values are written in the forms EF Core uses for these columns on SQLite (times as "yyyy-MM-dd HH:mm:ss.FFFFFFF"
/// UTC, dates as "yyyy-MM-dd", money as integer fen, ids as their stored text), so the module reads them back as if
/// it had written them itself.</summary>
internal sealed class DemoInserts : IDisposable
{
    readonly Prepared customers, contacts, followUps, tags;

    public DemoInserts(SqliteConnection connection, SqliteTransaction transaction)
    {
        customers = new Prepared(connection, transaction, "cust_customers",
            "Id", "Code", "Name", "NameKey", "NameCore", "Kind", "CreditCode", "IdNumberCipher", "IdNumberHash", "IndustryCode", "RegionCode", "SizeCode",
            "FoundedOn", "Address", "SourceCode", "StatusCode", "AnnualAmount", "ValueTierCode", "ValueTierManual", "OwnerId", "DepartmentId",
            "ContractDate", "ContractAmount", "FirstPaymentDate", "ServiceExpiryDate", "Satisfaction", "Abnormal", "LastFollowUpAt",
            "CreatedAt", "CreatedBy", "UpdatedAt", "Version");
        contacts = new Prepared(connection, transaction, "cust_contacts",
            "CustomerId", "Name", "Position", "MobileCipher", "MobileHash", "OfficePhoneCipher", "OfficePhoneHash", "EmailCipher", "EmailHash",
            "IsPrimary", "DecisionRoleCode", "CreatedAt", "UpdatedAt", "Version");
        followUps = new Prepared(connection, transaction, "cust_followups",
            "CustomerId", "At", "MethodCode", "TheirParticipants", "Summary", "Result", "NextAction", "NextActionDue", "NextActionOwnerId",
            "NextActionDone", "ReminderSentAt", "CreatedBy", "CreatedAt");
        tags = new Prepared(connection, transaction, "cust_customer_tags", "CustomerId", "TagId");
    }

    public void Customer(long id, DemoCustomer c) => customers.Run(
        id, c.Code, c.Name, c.NameKey, c.NameCore, (int)c.Kind, c.CreditCode, c.IdNumberCipher, c.IdNumberHash, c.IndustryCode, c.RegionCode, c.SizeCode,
        Date(c.FoundedOn), c.Address, c.SourceCode, c.StatusCode, Fen(c.AnnualAmount), c.ValueTierCode, false, c.Owner.Id, c.Owner.DepartmentId,
        Date(c.ContractDate), Fen(c.ContractAmount), Date(c.FirstPaymentDate), Date(c.ServiceExpiryDate), c.Satisfaction, (int)c.Abnormal,
        Time(c.LastFollowUpAt), Time(c.CreatedAt), c.Owner.Id, Time(c.UpdatedAt), 0);

    public void Contact(long customerId, DemoCustomer c, DemoContact x) => contacts.Run(
        customerId, x.Name, x.Position, x.MobileCipher, x.MobileHash, x.OfficePhoneCipher, x.OfficePhoneHash, x.EmailCipher, x.EmailHash,
        x.IsPrimary, x.DecisionRoleCode, Time(c.CreatedAt), Time(c.CreatedAt), 0);

    public void FollowUp(long customerId, DemoCustomer c, DemoFollowUp f) => followUps.Run(
        customerId, Time(f.At), f.MethodCode, f.TheirParticipants, f.Summary, f.Result, f.NextAction, Time(f.NextActionDue),
        f.NextAction is null ? null : c.Owner.Id, f.NextActionDone,
        // Actions already overdue in the generated history count as reminded: a new demo database must not mail its
        // owners about thousands of invented past actions at the first reminder run.
        f.NextActionDue < generatedAt ? Time(generatedAt) : null, c.Owner.Id, Time(f.At));

    readonly DateTime generatedAt = DateTime.UtcNow;

    public void Tag(long customerId, int tagId) => tags.Run(customerId, tagId);

    public void Dispose()
    {
        customers.Dispose();
        contacts.Dispose();
        followUps.Dispose();
        tags.Dispose();
    }

    static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static long? Fen(decimal? yuan) => yuan is { } value ? (long)decimal.Round(value * 100m, 0, MidpointRounding.AwayFromZero) : null;

    sealed class Prepared : IDisposable
    {
        readonly SqliteCommand command;
        readonly SqliteParameter[] parameters;

        public Prepared(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            command.Prepare();
        }

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
