using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>The list answers a tag combination in one of two ways, chosen by how common it is: by walking the list
/// order and checking each customer (common combinations) or from the INTERSECT of the tag links (rare ones). Both
/// must give the same rows in the same order, with the industry and region subtrees and paging.</summary>
public sealed class TagCombinationPlanTests
{
    /// <summary>A host that treats every tag combination as common, so that the list walks its sort order.</summary>
    public sealed class WalkingHost : CrmHostFactory
    {
        public WalkingHost() => Settings["Customers:CommonTagCombination"] = "0";
    }

    [Fact]
    public async Task Both_plans_return_the_same_customers_in_the_same_order()
    {
        using var intersecting = new CrmHostFactory();
        using var walking = new WalkingHost();
        var expected = await SeedAsync(await intersecting.AdminClientAsync());
        var expectedWalking = await SeedAsync(await walking.AdminClientAsync());

        foreach (var (query, names) in expected)
        {
            Assert.Equal(names, await NamesAsync(await intersecting.AdminClientAsync(), query));
            Assert.Equal(expectedWalking[query], await NamesAsync(await walking.AdminClientAsync(), query));
        }
    }

    /// <summary>Eight customers over two tags, two industries and two regions; returns, per query, the names
    /// expected newest-updated first.</summary>
    static async Task<Dictionary<string, string[]>> SeedAsync(HttpClient admin)
    {
        // 制造业 = 1, 华东 = 13 (seeded tags); C 制造业 covers division 39, F 批发和零售业 covers 51.
        var rows = new (string Name, int[] Tags, string Industry, string Region)[]
        {
            ("甲", [1, 13], "39", "440305"), ("乙", [1], "39", "440305"), ("丙", [1, 13], "51", "440305"), ("丁", [1, 13], "39", "110105"),
            ("戊", [13], "39", "440305"), ("己", [1, 13], "39", "440305"), ("庚", [], "39", "440305"), ("辛", [1, 13], "39", "440106"),
        };
        var names = new List<(string Name, int[] Tags, string Industry, string Region)>();
        foreach (var row in rows)
        {
            var name = $"{row.Name}{CustomerNames.Next()}";
            await admin.CreateCustomerAsync(new CustomerForm { Name = name, TagIds = row.Tags, IndustryCode = row.Industry, RegionCode = row.Region });
            names.Add(row with { Name = name });
        }
        string[] Newest(Func<(string Name, int[] Tags, string Industry, string Region), bool> match) =>
            names.Where(match).Select(r => r.Name).Reverse().ToArray();
        return new()
        {
            ["tagsAll=1&tagsAll=13"] = Newest(r => r.Tags.Contains(1) && r.Tags.Contains(13)),
            ["tagsAll=1&tagsAll=13&industry=C"] = Newest(r => r.Tags.Contains(1) && r.Tags.Contains(13) && r.Industry == "39"),
            ["tagsAll=1&tagsAll=13&industry=C&region=440000"] = Newest(r => r.Tags.Contains(1) && r.Tags.Contains(13) && r.Industry == "39" && r.Region.StartsWith("44")),
            ["tagsAll=13&region=440300"] = Newest(r => r.Tags.Contains(13) && r.Region.StartsWith("4403")),
        };
    }

    /// <summary>Every page of two, in order, for the query.</summary>
    static async Task<string[]> NamesAsync(HttpClient client, string query)
    {
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/customers?{query}&take=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Str("name")));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return names.ToArray();
    }
}
