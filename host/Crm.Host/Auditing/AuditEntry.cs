namespace Crm.Host.Auditing;

/// <summary>A row of the append-only audit log (host_audit_log). Updates and deletes are refused by the database.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    /// <summary>JSON array of {field, old, new}.</summary>
    public string? Changes { get; set; }
    public string? Reason { get; set; }
    public string? Summary { get; set; }
    public string? ClientIp { get; set; }
}
