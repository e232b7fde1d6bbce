using Crm.Abstractions.Results;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;
using Crm.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Identity;

public sealed record DepartmentView(Guid Id, string Name, Guid? ParentId, Guid? LeaderId, string? LeaderName, int Order, int UserCount, Guid Version);
public sealed record DepartmentInput(string? Name, Guid? ParentId, Guid? LeaderId, int Order = 0, Guid? Version = null);

public sealed record UserView(Guid Id, string UserName, string DisplayName, string? Email, Guid? DepartmentId, string? DepartmentName,
    Guid? ManagerId, bool Enabled, bool LockedOut, bool MustChangePassword, IReadOnlyList<string> Roles);
public sealed record UserInput(string? UserName, string? DisplayName, string? Email, Guid? DepartmentId, Guid? ManagerId, bool Enabled = true, IReadOnlyList<string>? Roles = null);
/// <summary>A created or reset user with the one-time password to hand over (shown once).</summary>
public sealed record UserWithPassword(UserView User, string OneTimePassword);

public sealed record RoleView(Guid Id, string Name, string DisplayName, string? Description, DataScopeKind DataScope, bool IsSystem, IReadOnlyList<string> Permissions, int UserCount);
public sealed record RoleInput(string? Name, string? DisplayName, string? Description, DataScopeKind DataScope = DataScopeKind.Own, IReadOnlyList<string>? Permissions = null);

/// <summary>Departments, users and roles: the rules the admin pages and the API share.</summary>
public sealed class OrganizationService(
    HostDbContext db,
    UserManager<CrmUser> users,
    RoleManager<CrmRole> roles,
    PermissionCatalog catalog,
    IAuditLog audit)
{
    /// <summary>In a Blazor circuit this service and its DbContext live as long as the page: start every operation
    /// from the database, not from entities tracked by an earlier one.</summary>
    void Fresh() => db.ChangeTracker.Clear();

    // ---- Departments (部门) ----

    public async Task<IReadOnlyList<DepartmentView>> ListDepartmentsAsync(CancellationToken ct)
    {
        Fresh();
        var counts = await db.Users.Where(u => u.DepartmentId != null).GroupBy(u => u.DepartmentId)
            .Select(g => new { Id = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var names = await db.Users.Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var all = await db.Departments.AsNoTracking().ToListAsync(ct);
        return TreeOrder(all).Select(d => new DepartmentView(d.Id, d.Name, d.ParentId, d.LeaderId,
            d.LeaderId is { } l && names.TryGetValue(l, out var n) ? n : null, d.Order, counts.GetValueOrDefault(d.Id), d.Version)).ToList();
    }

    public async Task<Outcome<DepartmentView>> CreateDepartmentAsync(DepartmentInput input, CancellationToken ct)
    {
        Fresh();
        var department = new Department();
        var errors = await ApplyAsync(department, input, ct);
        if (errors.Any) return Outcome<DepartmentView>.Invalid(errors.ToDictionary());
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return await DepartmentAsync(department.Id, ct);
    }

    public async Task<Outcome<DepartmentView>> UpdateDepartmentAsync(Guid id, DepartmentInput input, CancellationToken ct)
    {
        Fresh();
        var department = await db.Departments.FindAsync([id], ct);
        if (department is null) return Outcome<DepartmentView>.Missing("部门");
        if (input.Version is { } version && version != department.Version)
            return Outcome<DepartmentView>.Conflicting($"部门“{department.Name}”已被他人修改，请刷新后重试");
        var errors = await ApplyAsync(department, input, ct);
        if (errors.Any) return Outcome<DepartmentView>.Invalid(errors.ToDictionary());
        department.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<DepartmentView>.Conflicting($"部门“{department.Name}”已被他人修改，请刷新后重试");
        }
        return await DepartmentAsync(id, ct);
    }

    public async Task<Outcome<bool>> DeleteDepartmentAsync(Guid id, CancellationToken ct)
    {
        Fresh();
        var department = await db.Departments.FindAsync([id], ct);
        if (department is null) return Outcome<bool>.Missing("部门");
        var children = await db.Departments.CountAsync(d => d.ParentId == id, ct);
        if (children > 0) return Outcome<bool>.Conflicting($"部门“{department.Name}”下还有 {children} 个下级部门，不能删除");
        var members = await db.Users.CountAsync(u => u.DepartmentId == id, ct);
        if (members > 0) return Outcome<bool>.Conflicting($"部门“{department.Name}”下还有 {members} 名用户，请先调整他们的部门");
        db.Departments.Remove(department);
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task<FieldErrors> ApplyAsync(Department department, DepartmentInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", "部门名称", input.Name).MaxLength("name", "部门名称", input.Name, 100);
        var name = input.Name?.Trim() ?? "";
        if (input.ParentId is { } parentId)
        {
            if (!await db.Departments.AnyAsync(d => d.Id == parentId, ct))
                errors.Add("parentId", "上级部门不存在");
            else if (department.Id == parentId || DepartmentTree.Descendants(
                         await db.Departments.Select(d => new DepartmentNode(d.Id, d.ParentId)).ToListAsync(ct), department.Id).Contains(parentId))
                errors.Add("parentId", "上级部门不能是本部门或其下级部门");
        }
        if (input.LeaderId is { } leaderId && !await db.Users.AnyAsync(u => u.Id == leaderId, ct))
            errors.Add("leaderId", "负责人不存在");
        if (name.Length > 0 && await db.Departments.AnyAsync(d => d.ParentId == input.ParentId && d.Name == name && d.Id != department.Id, ct))
            errors.Add("name", $"同一上级部门下已有名为“{name}”的部门");
        if (errors.Any) return errors;
        department.Name = name;
        department.ParentId = input.ParentId;
        department.LeaderId = input.LeaderId;
        department.Order = input.Order;
        return errors;
    }

    async Task<Outcome<DepartmentView>> DepartmentAsync(Guid id, CancellationToken ct) =>
        (await ListDepartmentsAsync(ct)).First(d => d.Id == id);

    static IEnumerable<Department> TreeOrder(List<Department> all)
    {
        var children = all.ToLookup(d => d.ParentId);
        var ids = all.Select(d => d.Id).ToHashSet();
        IEnumerable<Department> Walk(Guid? parent) => children[parent].OrderBy(d => d.Order).ThenBy(d => d.Name, StringComparer.Ordinal)
            .SelectMany(d => new[] { d }.Concat(Walk(d.Id)));
        // Roots, plus any department whose parent vanished, so that none is hidden.
        return Walk(null).Concat(all.Where(d => d.ParentId is { } p && !ids.Contains(p)).SelectMany(d => new[] { d }.Concat(Walk(d.Id))));
    }

    // ---- Users (用户) ----

    public async Task<IReadOnlyList<UserView>> ListUsersAsync(CancellationToken ct)
    {
        Fresh();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roleNames.ToLookup(x => x.UserId, x => x.Name!);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return all.Select(u => View(u, departments, byUser[u.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<Outcome<UserView>> GetUserAsync(Guid id, CancellationToken ct) =>
        (await ListUsersAsync(ct)).FirstOrDefault(u => u.Id == id) is { } view ? view : Outcome<UserView>.Missing("用户");

    public async Task<Outcome<UserWithPassword>> CreateUserAsync(UserInput input, CancellationToken ct)
    {
        Fresh();
        var errors = await ValidateUserAsync(input, null, ct);
        errors.Required("userName", "用户名", input.UserName);
        if (errors.Any) return Outcome<UserWithPassword>.Invalid(errors.ToDictionary());

        var password = AdminBootstrapper.GeneratePassword();
        var user = new CrmUser
        {
            UserName = input.UserName!.Trim(),
            DisplayName = input.DisplayName!.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            DepartmentId = input.DepartmentId,
            ManagerId = input.ManagerId,
            Enabled = input.Enabled,
            MustChangePassword = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return Outcome<UserWithPassword>.Invalid(IdentityErrors(result, "userName"));
        var roleResult = await SetRolesAsync(user, input.Roles ?? [], ct);
        if (!roleResult.Succeeded) return Outcome<UserWithPassword>.Invalid(roleResult.Errors!);
        return new UserWithPassword((await GetUserAsync(user.Id, ct)).Value!, password);
    }

    public async Task<Outcome<UserView>> UpdateUserAsync(Guid id, UserInput input, CancellationToken ct)
    {
        Fresh();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Outcome<UserView>.Missing("用户");
        var errors = await ValidateUserAsync(input, user, ct);
        if (errors.Any) return Outcome<UserView>.Invalid(errors.ToDictionary());
        if (!input.Enabled && await IsLastEnabledAdministratorAsync(user, ct))
            return Outcome<UserView>.Conflicting("不能停用最后一个启用的系统管理员");
        // Checked before anything is saved, so a refused change leaves the user as it was.
        if (input.Roles is not null && !input.Roles.Contains(CrmClaims.AdministratorRole) && await IsLastEnabledAdministratorAsync(user, ct))
            return Outcome<UserView>.Conflicting("不能移除最后一个系统管理员的管理员角色");

        var disabling = user.Enabled && !input.Enabled;
        user.DisplayName = input.DisplayName!.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.DepartmentId = input.DepartmentId;
        user.ManagerId = input.ManagerId;
        user.Enabled = input.Enabled;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return Outcome<UserView>.Invalid(IdentityErrors(result, "email"));
        if (disabling) await users.UpdateSecurityStampAsync(user);
        if (input.Roles is not null)
        {
            var roleResult = await SetRolesAsync(user, input.Roles, ct);
            if (!roleResult.Succeeded) return Outcome<UserView>.Invalid(roleResult.Errors!);
        }
        return await GetUserAsync(id, ct);
    }

    public async Task<Outcome<UserWithPassword>> ResetPasswordAsync(Guid id, CancellationToken ct)
    {
        Fresh();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Outcome<UserWithPassword>.Missing("用户");
        var password = AdminBootstrapper.GeneratePassword();
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        user.MustChangePassword = true;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        await audit.WriteAsync(new AuditRecord("reset-password", nameof(CrmUser), id.ToString(), Summary: $"重置用户 {user.UserName} 的密码"), ct);
        return new UserWithPassword((await GetUserAsync(id, ct)).Value!, password);
    }

    async Task<FieldErrors> ValidateUserAsync(UserInput input, CrmUser? existing, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("displayName", "姓名", input.DisplayName).MaxLength("displayName", "姓名", input.DisplayName, 100)
            .MaxLength("userName", "用户名", input.UserName, 64);
        if (!string.IsNullOrWhiteSpace(input.Email) && !System.Net.Mail.MailAddress.TryCreate(input.Email.Trim(), out _))
            errors.Add("email", "邮箱格式不正确");
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            errors.Add("departmentId", "部门不存在");
        if (input.ManagerId is { } m && (!await db.Users.AnyAsync(x => x.Id == m, ct) || m == existing?.Id))
            errors.Add("managerId", "直属上级不存在或是本人");
        foreach (var role in input.Roles ?? [])
            if (!await roles.RoleExistsAsync(role))
                errors.Add("roles", $"角色 '{role}' 不存在");
        return errors;
    }

    async Task<Outcome<bool>> SetRolesAsync(CrmUser user, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        var current = await users.GetRolesAsync(user);
        var add = wanted.Except(current).ToList();
        var remove = current.Except(wanted).ToList();
        if (add.Count == 0 && remove.Count == 0) return true;
        var result = await users.AddToRolesAsync(user, add);
        if (result.Succeeded) result = await users.RemoveFromRolesAsync(user, remove);
        if (!result.Succeeded) return Outcome<bool>.Invalid(IdentityErrors(result, "roles"));
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(new AuditRecord("set-roles", nameof(CrmUser), user.Id.ToString(),
            [new AuditFieldChange("Roles", string.Join(", ", current.Order()), string.Join(", ", wanted.Order()))],
            Summary: $"修改用户 {user.UserName} 的角色"), ct);
        return true;
    }

    async Task<bool> IsLastEnabledAdministratorAsync(CrmUser user, CancellationToken ct)
    {
        if (!await users.IsInRoleAsync(user, CrmClaims.AdministratorRole)) return false;
        var admins = await users.GetUsersInRoleAsync(CrmClaims.AdministratorRole);
        return admins.Count(a => a.Enabled && a.Id != user.Id) == 0;
    }

    UserView View(CrmUser u, IReadOnlyDictionary<Guid, string> departments, IReadOnlyList<string> roleNames) =>
        new(u.Id, u.UserName!, u.DisplayName, u.Email, u.DepartmentId,
            u.DepartmentId is { } d && departments.TryGetValue(d, out var name) ? name : null,
            u.ManagerId, u.Enabled, u.LockoutEnd > DateTimeOffset.UtcNow, u.MustChangePassword, roleNames);

    // ---- Roles (角色) ----

    public async Task<IReadOnlyList<RoleView>> ListRolesAsync(CancellationToken ct)
    {
        Fresh();
        var claims = await db.RoleClaims.Where(c => c.ClaimType == CrmClaims.Permission).ToListAsync(ct);
        var byRole = claims.ToLookup(c => c.RoleId, c => c.ClaimValue!);
        var counts = await db.UserRoles.GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var all = await db.Roles.AsNoTracking().OrderByDescending(r => r.IsSystem).ThenBy(r => r.Name).ToListAsync(ct);
        return all.Select(r => new RoleView(r.Id, r.Name!, r.DisplayName, r.Description, r.DataScope, r.IsSystem,
            r.IsSystem ? catalog.All.Select(p => p.Name).ToList() : byRole[r.Id].Order(StringComparer.Ordinal).ToList(),
            counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<Outcome<RoleView>> CreateRoleAsync(RoleInput input, CancellationToken ct)
    {
        Fresh();
        var errors = ValidateRole(input);
        errors.Required("name", "角色标识", input.Name);
        if (!string.IsNullOrWhiteSpace(input.Name) && await roles.RoleExistsAsync(input.Name.Trim()))
            errors.Add("name", $"角色 '{input.Name.Trim()}' 已存在");
        if (errors.Any) return Outcome<RoleView>.Invalid(errors.ToDictionary());
        var role = new CrmRole { Name = input.Name!.Trim(), DisplayName = input.DisplayName!.Trim(), Description = input.Description, DataScope = input.DataScope };
        var result = await roles.CreateAsync(role);
        if (!result.Succeeded) return Outcome<RoleView>.Invalid(IdentityErrors(result, "name"));
        await SetPermissionsAsync(role, input.Permissions ?? [], ct);
        await audit.WriteAsync(new AuditRecord("create", nameof(CrmRole), role.Id.ToString(),
            [new AuditFieldChange("DataScope", null, role.DataScope.ToString())], Summary: $"创建角色 {role.DisplayName}"), ct);
        return (await ListRolesAsync(ct)).First(r => r.Id == role.Id);
    }

    public async Task<Outcome<RoleView>> UpdateRoleAsync(Guid id, RoleInput input, CancellationToken ct)
    {
        Fresh();
        var role = await roles.FindByIdAsync(id.ToString());
        if (role is null) return Outcome<RoleView>.Missing("角色");
        var errors = ValidateRole(input);
        if (errors.Any) return Outcome<RoleView>.Invalid(errors.ToDictionary());
        var changes = new List<AuditFieldChange>();
        if (role.DisplayName != input.DisplayName!.Trim()) changes.Add(new("DisplayName", role.DisplayName, input.DisplayName.Trim()));
        role.DisplayName = input.DisplayName.Trim();
        role.Description = input.Description;
        if (!role.IsSystem)
        {
            if (role.DataScope != input.DataScope) changes.Add(new("DataScope", role.DataScope.ToString(), input.DataScope.ToString()));
            role.DataScope = input.DataScope;
        }
        await roles.UpdateAsync(role);
        if (changes.Count > 0)
            await audit.WriteAsync(new AuditRecord("update", nameof(CrmRole), role.Id.ToString(), changes, Summary: $"修改角色 {role.DisplayName}"), ct);
        if (!role.IsSystem && input.Permissions is not null)
            await SetPermissionsAsync(role, input.Permissions, ct);
        await RefreshMembersAsync(role);
        return (await ListRolesAsync(ct)).First(r => r.Id == role.Id);
    }

    public async Task<Outcome<bool>> DeleteRoleAsync(Guid id, CancellationToken ct)
    {
        Fresh();
        var role = await roles.FindByIdAsync(id.ToString());
        if (role is null) return Outcome<bool>.Missing("角色");
        if (role.IsSystem) return Outcome<bool>.Conflicting($"系统角色“{role.DisplayName}”不能删除");
        var members = await db.UserRoles.CountAsync(ur => ur.RoleId == id, ct);
        if (members > 0) return Outcome<bool>.Conflicting($"角色“{role.DisplayName}”仍分配给 {members} 名用户，请先移除");
        await roles.DeleteAsync(role);
        await audit.WriteAsync(new AuditRecord("delete", nameof(CrmRole), id.ToString(), Summary: $"删除角色 {role.DisplayName}"), ct);
        return true;
    }

    FieldErrors ValidateRole(RoleInput input)
    {
        var errors = new FieldErrors()
            .Required("displayName", "角色名称", input.DisplayName).MaxLength("displayName", "角色名称", input.DisplayName, 100)
            .MaxLength("name", "角色标识", input.Name, 64);
        if (!Enum.IsDefined(input.DataScope)) errors.Add("dataScope", "数据范围无效");
        foreach (var permission in input.Permissions ?? [])
            if (!catalog.Exists(permission)) errors.Add("permissions", $"权限 '{permission}' 不存在");
        return errors;
    }

    async Task SetPermissionsAsync(CrmRole role, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        var current = (await roles.GetClaimsAsync(role)).Where(c => c.Type == CrmClaims.Permission).Select(c => c.Value).ToList();
        var add = wanted.Distinct().Except(current).ToList();
        var remove = current.Except(wanted).ToList();
        if (add.Count == 0 && remove.Count == 0) return;
        foreach (var p in add) await roles.AddClaimAsync(role, new System.Security.Claims.Claim(CrmClaims.Permission, p));
        foreach (var p in remove) await roles.RemoveClaimAsync(role, new System.Security.Claims.Claim(CrmClaims.Permission, p));
        await audit.WriteAsync(new AuditRecord("set-permissions", nameof(CrmRole), role.Id.ToString(),
            [new AuditFieldChange("Permissions", string.Join(", ", current.Order()), string.Join(", ", wanted.Distinct().Order()))],
            Summary: $"修改角色 {role.DisplayName} 的权限"), ct);
        await RefreshMembersAsync(role);
    }

    /// <summary>New security stamps make members' cookies pick up the role's new permissions at the next check.</summary>
    async Task RefreshMembersAsync(CrmRole role)
    {
        foreach (var member in await users.GetUsersInRoleAsync(role.Name!))
            await users.UpdateSecurityStampAsync(member);
    }

    static IDictionary<string, string[]> IdentityErrors(IdentityResult result, string defaultField) =>
        result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) ? "email"
                : e.Code.Contains("Role", StringComparison.Ordinal) ? "roles" : defaultField)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}
