namespace Crm.Abstractions.Modules;

/// <summary>A main-menu entry of a module; shown only when the user holds <see cref="Permission"/> (null: every signed-in user).</summary>
public sealed record MenuItem(string Title, string Href, string? Permission = null, string? Icon = null, int Order = 100, string? Group = null);
