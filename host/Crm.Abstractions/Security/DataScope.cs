namespace Crm.Abstractions.Security;

/// <summary>How much of a module's data a role may see (数据权限).</summary>
public enum DataScopeKind
{
    /// <summary>Only records the user owns (本人).</summary>
    Own = 0,
    /// <summary>Records of the user's department (本部门).</summary>
    Department = 1,
    /// <summary>Records of the user's department and every department below it (本部门及下级).</summary>
    DepartmentTree = 2,
    /// <summary>Everything (全部).</summary>
    All = 3,
}

/// <summary>A resolved data scope: the user and the departments whose records are visible.</summary>
public sealed record DataScope(DataScopeKind Kind, Guid? UserId, IReadOnlyCollection<Guid> DepartmentIds)
{
    /// <summary>Matches nothing: for anonymous callers.</summary>
    public static DataScope None { get; } = new(DataScopeKind.Own, null, []);

    public static DataScope Everything { get; } = new(DataScopeKind.All, null, []);
}

/// <summary>A record that belongs to an owner and a department, so that data scopes apply to it.</summary>
public interface IScopedEntity
{
    Guid OwnerId { get; }
    Guid? DepartmentId { get; }
}
