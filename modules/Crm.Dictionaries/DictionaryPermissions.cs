namespace Crm.Dictionaries;

/// <summary>The module's id and permissions.</summary>
public static class DictionaryPermissions
{
    public const string ModuleId = "dictionaries";
    /// <summary>Read dictionaries (every signed-in user).</summary>
    public const string Read = "dictionaries.read";
    /// <summary>Add, edit, reorder, disable, delete, import (administrators by default).</summary>
    public const string Manage = "dictionaries.manage";
}
