namespace Crm.Abstractions.Security;

/// <summary>Makes a service scope act for a user where no request carries one: background work a user started (an
/// import running after its request returned) and command-line verbs (<c>--as</c>). Afterwards the scope's
/// <see cref="ICurrentUser"/> is that user, with their permissions and data scope, for every check and audit entry.</summary>
public interface IActAsUser
{
    /// <summary>Acts as the enabled user with this id or user name (<c>null</c>: the first enabled administrator);
    /// returns the user's display name, or null when there is no such enabled user.</summary>
    Task<string?> ActAsAsync(string? userIdOrName, CancellationToken cancellationToken = default);
}
