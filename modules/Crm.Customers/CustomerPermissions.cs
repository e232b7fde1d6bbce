namespace Crm.Customers;

/// <summary>The module id and the permissions the customers module checks (功能权限; 数据权限 is the role's scope).</summary>
public static class CustomerPermissions
{
    public const string ModuleId = "customers";

    public const string Read = "customers.read";
    public const string Create = "customers.create";
    public const string Edit = "customers.edit";
    /// <summary>Soft delete and restore.</summary>
    public const string Delete = "customers.delete";
    /// <summary>See protected personal data (mobile, phone, email, ID number) in full; every reveal is audited.</summary>
    public const string RevealPii = "customers.pii.reveal";
    /// <summary>Move all customers of one user to another (e.g. someone who left).</summary>
    public const string Handover = "customers.handover";
    /// <summary>Maintain tag dimensions and tags: create, rename, merge, delete, review.</summary>
    public const string ManageTags = "customers.tags.manage";
    /// <summary>Import customers and contacts from spreadsheets, see the import history, undo one's own imports.</summary>
    public const string Import = "customers.import";
    /// <summary>Export the customer list (personal data stays masked unless the user may also reveal it).</summary>
    public const string Export = "customers.export";
    /// <summary>Data administration (数据管理员): the duplicates page and merging, undoing anyone's import.</summary>
    public const string Merge = "customers.merge";
}
