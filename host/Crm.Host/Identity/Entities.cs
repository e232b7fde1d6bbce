using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;
using Microsoft.AspNetCore.Identity;

namespace Crm.Host.Identity;

/// <summary>A user (用户): belongs to a department, may have a manager, can be disabled (离职).</summary>
public sealed class CrmUser : IdentityUser<Guid>, IAuditable
{
    public string DisplayName { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public Guid? ManagerId { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Set for a new or reset password: the first login must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>A role (角色) carries permissions (as role claims) and a data scope.</summary>
public sealed class CrmRole : IdentityRole<Guid>
{
    public string DisplayName { get; set; } = "";
    public string? Description { get; set; }
    public DataScopeKind DataScope { get; set; } = DataScopeKind.Own;
    /// <summary>System roles (the administrator) cannot be deleted.</summary>
    public bool IsSystem { get; set; }
}

/// <summary>A department (部门) in the company tree, with a leader (负责人).</summary>
public sealed class Department : IAuditable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public Guid? LeaderId { get; set; }
    public int Order { get; set; }
    [NotAudited]
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Names of the host's claims and its built-in role.</summary>
public static class CrmClaims
{
    public const string Permission = "crm:permission";
    public const string DepartmentId = "crm:department";
    public const string DisplayName = "crm:display_name";
    public const string MustChangePassword = "crm:must_change_password";
    public const string AdministratorRole = "administrator";
}
