using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>Keyset pages of the customer list: the cursor says where a page ended, nothing more; it is signed,
/// and the scope of the user asking applies to every page.</summary>
public sealed class CustomerPagingTests(CustomerPagingTests.Customers data) : IClassFixture<CustomerPagingTests.Customers>
{
    CustomerWorld World => data.World;

    [Theory]
    [InlineData("UpdatedDesc")]
    [InlineData("UpdatedAsc")]
    [InlineData("CreatedAsc")]
    [InlineData("CreatedDesc")]
    [InlineData("NameAsc")]
    [InlineData("NameDesc")]
    [InlineData("CodeAsc")]
    [InlineData("CodeDesc")]
    public async Task Walking_the_pages_returns_every_customer_once_in_the_order_of_one_long_page(string sort)
    {
        var all = CustomerApi.Ids(await World.Admin.GetJsonAsync($"/api/customers?sort={sort}&take=200"));

        var walked = await WalkAsync(World.Admin, $"sort={sort}&take=3");

        Assert.Equal(data.Total, all.Length);
        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task Pages_in_code_order_are_in_code_order()
    {
        var codes = new List<string>();
        string? cursor = null;
        do
        {
            var page = await World.Admin.GetJsonAsync($"/api/customers?sort=CodeAsc&take=4{Cursor(cursor)}");
            codes.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Str("code")));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(data.Total, codes.Distinct().Count());
    }

    [Fact]
    public async Task A_changed_cursor_is_refused_naming_the_cursor()
    {
        var cursor = (await World.Admin.GetJsonAsync("/api/customers?take=2")).Str("nextCursor");
        var changed = cursor[..^3] + (cursor[^3] == 'A' ? 'B' : 'A') + cursor[^2..];

        foreach (var bad in new[] { changed, "not-a-cursor", cursor + "x" })
        {
            var problem = await World.Admin.GetJsonAsync($"/api/customers?take=2{Cursor(bad)}", HttpStatusCode.BadRequest);
            Assert.Equal(["分页游标无效或已被修改，请从第一页重新开始"], problem.FieldErrors("cursor"));
        }
    }

    [Fact]
    public async Task A_cursor_of_one_sort_order_is_refused_for_another()
    {
        var cursor = (await World.Admin.GetJsonAsync("/api/customers?sort=NameAsc&take=2")).Str("nextCursor");

        var problem = await World.Admin.GetJsonAsync($"/api/customers?sort=CodeAsc&take=2{Cursor(cursor)}", HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("cursor"));
    }

    [Fact]
    public async Task A_cursor_from_the_administrator_still_gives_a_rep_only_their_own_customers()
    {
        var adminPage = await World.Admin.GetJsonAsync("/api/customers?sort=CreatedAsc&take=2");
        var lastOfAdminPage = CustomerApi.Ids(adminPage)[^1];

        var repPage = await World.RepA.Client.GetJsonAsync($"/api/customers?sort=CreatedAsc&take=200{Cursor(adminPage.Str("nextCursor"))}");

        var repA = CustomerApi.Ids(await World.RepA.Client.GetJsonAsync("/api/customers?sort=CreatedAsc&take=200"));
        Assert.Equal(repA.Where(id => id > lastOfAdminPage), CustomerApi.Ids(repPage));
        Assert.All(repPage.GetProperty("items").EnumerateArray(), item => Assert.Equal(World.RepA.Id, item.GetProperty("ownerId").GetGuid()));
        Assert.Equal(data.OfRepA, repA.Length);
    }

    static async Task<List<long>> WalkAsync(HttpClient client, string query)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/customers?{query}{Cursor(cursor)}");
            ids.AddRange(CustomerApi.Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return ids;
    }

    static string Cursor(string? cursor) => cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor);

    /// <summary>Fourteen customers of three owners, created interleaved so that every owner's rows are spread over
    /// the pages.</summary>
    public sealed class Customers : IAsyncLifetime
    {
        public CustomerWorld World { get; } = new();
        public int Total { get; private set; }
        public int OfRepA { get; private set; }

        public async Task InitializeAsync()
        {
            await World.InitializeAsync();
            var creators = new[] { World.Admin, World.RepA.Client, World.RepB.Client, World.RepA.Client };
            for (var i = 0; i < 14; i++)
            {
                await creators[i % creators.Length].CreateCustomerAsync(new CustomerForm());
                Total++;
                if (i % creators.Length is 1 or 3) OfRepA++;
            }
        }

        public Task DisposeAsync() => World.DisposeAsync();
    }
}
