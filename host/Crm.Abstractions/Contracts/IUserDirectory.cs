namespace Crm.Abstractions.Contracts;

/// <summary>Users and departments as modules need them: names for display, departments for ownership, e-mail
/// addresses for reminders, and whether someone still works here (a disabled user has left).</summary>
public interface IUserDirectory
{
    Task<UserInfo?> FindAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Every user, disabled ones included (they still own records until handed over).</summary>
    Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DepartmentInfo>> ListDepartmentsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A user: login name, display name (姓名), e-mail, department, and whether the account is enabled.</summary>
public sealed record UserInfo(Guid Id, string UserName, string DisplayName, string? Email, Guid? DepartmentId, string? DepartmentName, bool Enabled);

/// <summary>A department of the company tree.</summary>
public sealed record DepartmentInfo(Guid Id, string Name, Guid? ParentId, Guid? LeaderId);
