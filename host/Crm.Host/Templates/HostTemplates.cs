namespace Crm.Host.Templates;

/// <summary>Names of the host's own templates (<c>Templates/Defaults/{name}.sbn</c>, module id <c>host</c>).</summary>
internal static class HostTemplates
{
    /// <summary>The test e-mail of the outbox page; model <c>sent_by</c>, <c>sent_at</c>.</summary>
    public const string TestEmail = "test-email";
}
