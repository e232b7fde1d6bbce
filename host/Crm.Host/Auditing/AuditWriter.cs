using System.Data.Common;
using System.Text.Json;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;
using Crm.Host.Data;

namespace Crm.Host.Auditing;

/// <summary>The one place audit rows are inserted, used by <see cref="AuditLog"/> and by the save interceptor
/// (which writes on the saving context's own connection and transaction).</summary>
internal static class AuditWriter
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AuditEntry ToEntry(AuditRecord record, ICurrentUser user) => new()
    {
        At = DateTime.UtcNow,
        UserId = user.UserId,
        UserName = record.Actor ?? (user.IsAuthenticated ? user.UserName : "system"),
        Action = record.Action,
        EntityType = record.EntityType,
        EntityId = record.EntityId,
        Changes = record.Changes is { Count: > 0 } changes ? JsonSerializer.Serialize(changes, Json) : null,
        Reason = record.Reason,
        Summary = record.Summary,
        ClientIp = user.ClientIp,
    };

    public static IReadOnlyList<AuditFieldChange> ReadChanges(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<AuditFieldChange>>(json, Json) ?? [];

    public static async Task InsertAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO host_audit_log ("At", "UserId", "UserName", "Action", "EntityType", "EntityId", "Changes", "Reason", "Summary", "ClientIp")
            VALUES (@at, @userId, @userName, @action, @entityType, @entityId, @changes, @reason, @summary, @clientIp)
            """;
        var at = ProviderSql.Parameter(command, "@at", null);
        var userId = ProviderSql.Parameter(command, "@userId", null);
        var userName = ProviderSql.Parameter(command, "@userName", null);
        var action = ProviderSql.Parameter(command, "@action", null);
        var entityType = ProviderSql.Parameter(command, "@entityType", null);
        var entityId = ProviderSql.Parameter(command, "@entityId", null);
        var changes = ProviderSql.Parameter(command, "@changes", null);
        var reason = ProviderSql.Parameter(command, "@reason", null);
        var summary = ProviderSql.Parameter(command, "@summary", null);
        var clientIp = ProviderSql.Parameter(command, "@clientIp", null);
        foreach (var entry in entries)
        {
            // Same text format EF Core uses for these columns on SQLite, so EF reads them back.
            at.Value = entry.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            userId.Value = entry.UserId is { } id ? id.ToString().ToUpperInvariant() : DBNull.Value;
            userName.Value = (object?)entry.UserName ?? DBNull.Value;
            action.Value = entry.Action;
            entityType.Value = entry.EntityType;
            entityId.Value = (object?)entry.EntityId ?? DBNull.Value;
            changes.Value = (object?)entry.Changes ?? DBNull.Value;
            reason.Value = (object?)entry.Reason ?? DBNull.Value;
            summary.Value = (object?)entry.Summary ?? DBNull.Value;
            clientIp.Value = (object?)entry.ClientIp ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
