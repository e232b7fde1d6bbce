using Crm.Abstractions.Modules;
using Crm.Host.Identity;

namespace Crm.Host.Components.Layout;

/// <summary>The host's own menu entries (系统管理).</summary>
internal static class HostMenu
{
    const string Group = "系统管理";

    public static IReadOnlyList<MenuItem> Items { get; } =
    [
        new("部门", "/admin/departments", HostPermissions.Departments, MudBlazor.Icons.Material.Filled.AccountTree, 900, Group),
        new("用户", "/admin/users", HostPermissions.Users, MudBlazor.Icons.Material.Filled.People, 910, Group),
        new("角色与权限", "/admin/roles", HostPermissions.Roles, MudBlazor.Icons.Material.Filled.Security, 920, Group),
        new("操作日志", "/admin/audit", HostPermissions.Audit, MudBlazor.Icons.Material.Filled.History, 930, Group),
        new("邮件发件箱", "/admin/outbox", HostPermissions.Outbox, MudBlazor.Icons.Material.Filled.Email, 940, Group),
        new("定时任务", "/admin/schedules", HostPermissions.Schedules, MudBlazor.Icons.Material.Filled.Schedule, 950, Group),
        new("模块", "/admin/modules", HostPermissions.Modules, MudBlazor.Icons.Material.Filled.Extension, 960, Group),
    ];
}
