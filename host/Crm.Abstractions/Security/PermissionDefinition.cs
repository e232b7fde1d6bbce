namespace Crm.Abstractions.Security;

/// <summary>A permission a module declares (e.g. <c>customers.read</c>). <see cref="Everyone"/> grants it to every signed-in user.</summary>
public sealed record PermissionDefinition(string Name, string DisplayName, string Group, bool Everyone = false);
