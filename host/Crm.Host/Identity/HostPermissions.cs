using Crm.Abstractions.Security;

namespace Crm.Host.Identity;

/// <summary>The host's own permissions (系统管理).</summary>
public static class HostPermissions
{
    public const string Departments = "system.departments.manage";
    public const string Users = "system.users.manage";
    public const string Roles = "system.roles.manage";
    public const string Audit = "system.audit.read";
    public const string Outbox = "system.outbox.manage";
    public const string Schedules = "system.schedules.manage";
    public const string Modules = "system.modules.read";

    const string Group = "系统管理";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Departments, "管理部门", Group),
        new(Users, "管理用户", Group),
        new(Roles, "管理角色与权限", Group),
        new(Audit, "查看操作日志", Group),
        new(Outbox, "管理邮件发件箱", Group),
        new(Schedules, "管理定时任务", Group),
        new(Modules, "查看模块", Group),
    ];
}

/// <summary>Every permission the host and the loaded modules declare.</summary>
public sealed class PermissionCatalog(IReadOnlyList<PermissionDefinition> permissions)
{
    readonly Dictionary<string, PermissionDefinition> byName = permissions.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyList<PermissionDefinition> All { get; } = permissions;

    public bool Exists(string name) => byName.ContainsKey(name);

    public bool IsEveryone(string name) => byName.TryGetValue(name, out var p) && p.Everyone;
}
