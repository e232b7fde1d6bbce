using Crm.Abstractions.Security;

namespace Crm.Host.Components.Shared;

/// <summary>Chinese names of enums shown in the UI (times: <see cref="Crm.Abstractions.ChinaTime"/>).</summary>
public static class DisplayText
{
    public static string Of(DataScopeKind kind) => kind switch
    {
        DataScopeKind.Own => "本人",
        DataScopeKind.Department => "本部门",
        DataScopeKind.DepartmentTree => "本部门及下级部门",
        DataScopeKind.All => "全部",
        _ => kind.ToString(),
    };
}
