using Crm.Abstractions.Auditing;
using Crm.Abstractions.Data;
using Crm.Abstractions.Security;
using Crm.Host.Data;
using Crm.Host.Identity;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Identity;

/// <summary>The query-level data scope every module applies, on a module-style DbContext configured by the host
/// (real SQLite file, the host's interceptors), for users whose roles carry each kind of scope.</summary>
public sealed class DataScopeTests(DataScopeTests.World world) : IClassFixture<DataScopeTests.World>
{
    [Theory]
    [InlineData("rep", new[] { "rep's own" })]
    [InlineData("deptManager", new[] { "rep's own", "sales team", "manager's own" })]
    [InlineData("treeManager", new[] { "east team", "rep's own", "sales team", "tree manager's own" })]
    [InlineData("viewer", new[] { "east team", "manager's own", "other team", "rep's own", "sales team", "tree manager's own" })]
    [InlineData("noRole", new[] { "east team", "other team", "sales team" })] // no role: only what they own
    public async Task A_user_sees_exactly_the_records_of_their_scope(string user, string[] expected)
    {
        var names = await world.AsUserAsync(user, async (things, scope) =>
            await things.Things.WithinScope(scope).Select(t => t.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_record_outside_the_scope_is_not_found_by_its_id()
    {
        var otherTeam = world.Ids["other team"];
        var found = await world.AsUserAsync("deptManager", (things, scope) =>
            things.Things.WithinScope(scope).FirstOrDefaultAsync(t => t.Id == otherTeam));
        Assert.Null(found);
    }

    [Fact]
    public async Task An_anonymous_caller_sees_nothing()
    {
        var count = await world.AsUserAsync(null, (things, scope) => things.Things.WithinScope(scope).CountAsync());
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Changes_to_an_auditable_entity_of_any_module_are_audited_with_the_user()
    {
        var id = Guid.NewGuid();
        await world.AsUserAsync("rep", async (things, scope) =>
        {
            things.Things.Add(new Thing { Id = id, Name = "new lead", OwnerId = scope.UserId!.Value });
            await things.SaveChangesAsync();
            var thing = await things.Things.SingleAsync(t => t.Id == id);
            thing.Name = "qualified lead";
            await things.SaveChangesAsync();
            return 0;
        });

        await using var scope = world.Host.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<HostDbContext>().AuditLog
            .Where(a => a.EntityType == nameof(Thing) && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "update"], log.Select(a => a.Action));
        Assert.All(log, a => Assert.Equal(world.UserNames["rep"], a.UserName));
        Assert.Contains("\"oldValue\":\"new lead\",\"newValue\":\"qualified lead\"", log[1].Changes);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        await using var scope = world.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditRecord("test", "Thing", "1"));
        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE host_audit_log SET \"Action\" = 'forged'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM host_audit_log"));
        Assert.Contains("append-only", delete.Message);
    }

    public sealed class Thing : IScopedEntity, IAuditable
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public Guid OwnerId { get; set; }
        public Guid? DepartmentId { get; set; }
    }

    public sealed class ThingsContext(DbContextOptions<ThingsContext> options) : DbContext(options)
    {
        public DbSet<Thing> Things => Set<Thing>();
        protected override void OnModelCreating(ModelBuilder model) => model.Entity<Thing>().ToTable("test_things");
    }

    /// <summary>Departments HQ → Sales → East and Other; a user per kind of scope; one record per team and owner.</summary>
    public sealed class World : IAsyncLifetime
    {
        public CrmHostFactory Host { get; } = new();
        public Dictionary<string, Guid> Ids { get; } = [];
        public Dictionary<string, string> UserNames { get; } = [];
        readonly Dictionary<string, Guid> users = [];

        public async Task InitializeAsync()
        {
            await Host.EnsureAdminAsync();
            await using var scope = Host.Services.CreateAsyncScope();
            var org = scope.ServiceProvider.GetRequiredService<OrganizationService>();
            async Task<Guid> Department(string name, Guid? parent) => (await org.CreateDepartmentAsync(new DepartmentInput(name, parent, null), default)).Value!.Id;
            var hq = await Department("总部", null);
            var sales = await Department("销售部", hq);
            var east = await Department("华东组", sales);
            var other = await Department("市场部", null);

            async Task Role(string name, DataScopeKind kind) => await org.CreateRoleAsync(new RoleInput(name, name, null, kind, []), default);
            await Role("scope-own", DataScopeKind.Own);
            await Role("scope-dept", DataScopeKind.Department);
            await Role("scope-tree", DataScopeKind.DepartmentTree);
            await Role("scope-all", DataScopeKind.All);

            async Task User(string key, Guid department, params string[] roles)
            {
                var name = key.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..4];
                var created = await org.CreateUserAsync(new UserInput(name, key, null, department, null, true, roles), default);
                users[key] = created.Value!.User.Id;
                UserNames[key] = name;
            }
            await User("rep", east, "scope-own");
            await User("deptManager", sales, "scope-dept");
            await User("treeManager", sales, "scope-tree");
            await User("viewer", other, "scope-all", "scope-own");
            await User("noRole", sales);

            await using var things = Things(scope.ServiceProvider);
            await things.Database.ExecuteSqlRawAsync(things.Database.GenerateCreateScript());
            void Add(string name, Guid owner, Guid? department) => things.Things.Add(new Thing { Id = Ids[name] = Guid.NewGuid(), Name = name, OwnerId = owner, DepartmentId = department });
            Add("rep's own", users["rep"], sales);
            Add("sales team", users["noRole"], sales);
            Add("east team", users["noRole"], east);
            Add("other team", users["noRole"], other);
            Add("manager's own", users["deptManager"], null);
            Add("tree manager's own", users["treeManager"], null);
            await things.SaveChangesAsync();
        }

        /// <summary>Runs <paramref name="action"/> in a request scope whose HTTP user is <paramref name="user"/> (null: anonymous).</summary>
        public async Task<T> AsUserAsync<T>(string? user, Func<ThingsContext, DataScope, Task<T>> action)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var context = new DefaultHttpContext { RequestServices = services };
            if (user is not null)
            {
                var account = await services.GetRequiredService<UserManager<CrmUser>>().FindByIdAsync(users[user].ToString());
                context.User = await services.GetRequiredService<SignInManager<CrmUser>>().CreateUserPrincipalAsync(account!);
            }
            services.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
            var dataScope = await services.GetRequiredService<ICurrentUser>().GetDataScopeAsync();
            await using var things = Things(services);
            return await action(things, dataScope);
        }

        static ThingsContext Things(IServiceProvider services)
        {
            var options = new DbContextOptionsBuilder<ThingsContext>();
            services.GetRequiredService<ICrmDatabase>().Configure(options, "testthings");
            return new ThingsContext(options.Options);
        }

        public Task DisposeAsync()
        {
            Host.Dispose();
            return Task.CompletedTask;
        }
    }
}
