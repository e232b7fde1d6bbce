using System.Collections.Concurrent;
using System.Net;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>The real host plus a subscriber to the customer events, registered the way another module registers its
/// handlers, so tests see what such a module would receive.</summary>
public sealed class EventRecordingHost : CrmHostFactory
{
    public RecordedEvents Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Events);
            services.AddScoped<ICrmEventHandler<CustomerMerged>, RecordingHandler>();
            services.AddScoped<ICrmEventHandler<CustomerUpdated>, RecordingHandler>();
        });
    }

    sealed class RecordingHandler(RecordedEvents events) : ICrmEventHandler<CustomerMerged>, ICrmEventHandler<CustomerUpdated>
    {
        public Task HandleAsync(CustomerMerged domainEvent, CancellationToken cancellationToken) => events.AddAsync(domainEvent);

        public Task HandleAsync(CustomerUpdated domainEvent, CancellationToken cancellationToken) => events.AddAsync(domainEvent);
    }
}

/// <summary>Every event the recording handler received, in order.</summary>
public sealed class RecordedEvents
{
    readonly ConcurrentQueue<object> received = new();

    public Task AddAsync(object domainEvent)
    {
        received.Enqueue(domainEvent);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Of<T>() => received.OfType<T>().ToList();
}

/// <summary>A data administration team on a fresh host: a data administrator (数据管理员: read, edit, delete and merge,
/// scope All), a data clerk of 销售一部 who may merge but only sees own customers (scope Own), a rep of the same
/// department, and an editor who sees everything but may not merge. One world per test class.</summary>
public sealed class MergeWorld : IAsyncLifetime
{
    public EventRecordingHost Host { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public Member DataAdmin { get; private set; } = null!;
    public Member Clerk { get; private set; } = null!;
    public Member Rep { get; private set; } = null!;
    public Member Editor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Host.AdminClientAsync();
        var department = await Admin.CreateDepartmentAsync("销售一部");
        var admins = await Admin.CreateRoleAsync("All", CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit,
            CustomerPermissions.Delete, CustomerPermissions.Merge);
        var clerks = await Admin.CreateRoleAsync("Own", CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Merge);
        var reps = await Admin.CreateRoleAsync("Own", CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit);
        var editors = await Admin.CreateRoleAsync("All", CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Delete);
        DataAdmin = await MemberAsync("数据管理员", department, admins);
        Clerk = await MemberAsync("数据专员", department, clerks);
        Rep = await MemberAsync("销售丁", department, reps);
        Editor = await MemberAsync("编辑甲", department, editors);
    }

    async Task<Member> MemberAsync(string displayName, string department, string role)
    {
        var user = await Host.CreateUserAsync(Admin, displayName, department, roles: role);
        return new Member(Guid.Parse(user.Id), user.UserName, await Host.ClientAsync(user));
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Names that share a name core (深圳市云帆7号科技有限公司, 云帆7号科技（北京）有限公司 …), unique per call, and valid
/// credit codes that no other customer of the run has.</summary>
public static class Duplicates
{
    static int last;

    /// <summary>A fresh core and three legal names that all reduce to it.</summary>
    public static (string Core, string[] Names) NameFamily()
    {
        var core = $"云帆{Interlocked.Increment(ref last)}号科技";
        return (core, [$"深圳市{core}有限公司", $"{core}（北京）有限公司", $"{core}股份有限公司"]);
    }

    /// <summary>A mobile number no other test uses (the 199 prefix and a counter).</summary>
    public static string Mobile() => $"199{Interlocked.Increment(ref last) + 10_000_000:D8}";

    public static string CreditCode()
    {
        var body = $"91440300{Interlocked.Increment(ref last) + 300_000_000:D9}";
        return "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => body + c).First(Domain.CreditCode.IsValid);
    }

    public static async Task<long[]> CreateAsync(HttpClient client, params CustomerForm[] forms)
    {
        var ids = new List<long>();
        foreach (var form in forms) ids.Add((await client.CreateCustomerAsync(form)).Id());
        return [.. ids];
    }

    public static void Deconstruct(this long[] ids, out long first, out long second) => (first, second) = (ids[0], ids[1]);

    public static void Deconstruct(this long[] ids, out long first, out long second, out long third) => (first, second, third) = (ids[0], ids[1], ids[2]);

    /// <summary>Every group of a kind the client sees, following the pages to the end.</summary>
    public static async Task<List<System.Text.Json.JsonElement>> AllGroupsAsync(HttpClient client, string kind, int take = 50)
    {
        var groups = new List<System.Text.Json.JsonElement>();
        string? after = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/customers/duplicates?kind={kind}&take={take}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            groups.AddRange(page.GetProperty("groups").EnumerateArray());
            after = page.GetProperty("nextAfter").GetString();
        } while (after is not null);
        return groups;
    }

    public static long[] MemberIds(this System.Text.Json.JsonElement group) =>
        group.GetProperty("members").EnumerateArray().Select(m => m.Id()).ToArray();

    /// <summary>The merge as a client posts it.</summary>
    public static Task<System.Text.Json.JsonElement> MergeAsync(this HttpClient client, object input, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PostJsonAsync("/api/customers/merge", input, expected);
}
