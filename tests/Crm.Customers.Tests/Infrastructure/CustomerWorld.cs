using System.Net;
using Crm.Abstractions.Security;
using Crm.Host.Identity;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>A signed-in user of the world: their id, user name and an API client holding their token.</summary>
public sealed record Member(Guid Id, string UserName, HttpClient Client);

/// <summary>A sales organisation on a fresh host, built through the API as an administrator would:
/// 销售一部 with a manager (every customers permission but revealing personal data, scope Department) and reps A
/// and B (read, create, edit; scope Own); 销售二部 with rep C, who may also reveal personal data (still scope Own).
/// One world per test class.</summary>
public sealed class CustomerWorld : IAsyncLifetime
{
    public CrmHostFactory Host { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public Guid SalesOne { get; private set; }
    public Guid SalesTwo { get; private set; }
    public Member Manager { get; private set; } = null!;
    public Member RepA { get; private set; } = null!;
    public Member RepB { get; private set; } = null!;
    /// <summary>A rep of the other department who holds <see cref="CustomerPermissions.RevealPii"/>.</summary>
    public Member RepC { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Host.AdminClientAsync();
        SalesOne = await DepartmentAsync("销售一部");
        SalesTwo = await DepartmentAsync("销售二部");
        await RoleAsync("sales-manager", "销售经理", DataScopeKind.Department,
            CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Delete,
            CustomerPermissions.Handover, CustomerPermissions.ManageTags);
        await RoleAsync("sales-rep", "销售代表", DataScopeKind.Own, CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit);
        await RoleAsync("pii-reader", "查看个人信息", DataScopeKind.Own, CustomerPermissions.Read, CustomerPermissions.RevealPii);
        Manager = await MemberAsync("manager", "王经理", SalesOne, "sales-manager");
        RepA = await MemberAsync("repa", "销售甲", SalesOne, "sales-rep");
        RepB = await MemberAsync("repb", "销售乙", SalesOne, "sales-rep");
        RepC = await MemberAsync("repc", "销售丙", SalesTwo, "sales-rep", "pii-reader");
    }

    /// <summary>Runs <paramref name="action"/> in a service scope whose current user is <paramref name="user"/>, as
    /// code of another module would run inside that user's request.</summary>
    public async Task<T> AsUserAsync<T>(Member user, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var account = await services.GetRequiredService<UserManager<CrmUser>>().FindByIdAsync(user.Id.ToString());
        var context = new DefaultHttpContext { RequestServices = services };
        context.User = await services.GetRequiredService<SignInManager<CrmUser>>().CreateUserPrincipalAsync(account!);
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        return await action(services);
    }

    async Task<Guid> DepartmentAsync(string name) => Guid.Parse(await Admin.CreateDepartmentAsync(name));

    /// <summary>A role of the world's organisation, for test classes that need people beyond the standard ones.</summary>
    public Task RoleAsync(string name, string displayName, DataScopeKind dataScope, params string[] permissions) =>
        Admin.CreateNamedRoleAsync(name, displayName, dataScope.ToString(), permissions);

    /// <summary>A user of a department with the given roles, signed in.</summary>
    public async Task<Member> MemberAsync(string userName, string displayName, Guid departmentId, params string[] roles)
    {
        var user = await Host.CreateUserAsync(Admin, userName, displayName, departmentId.ToString(), null, roles);
        return new Member(Guid.Parse(user.Id), userName, await Host.ClientAsync(user));
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}
