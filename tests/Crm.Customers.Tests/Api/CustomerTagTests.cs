using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>Tags on customers: at most five custom ones (system dimensions don't count) however they are set; the
/// tag system keeps names unique together with their synonyms, merges tags and reviews rarely used ones.</summary>
public sealed class CustomerTagTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    // System tags: 制造业 (industry), 小微企业 (size), 华南 (region), 技术导向 (need trait).
    static readonly int[] SystemTags = [1, 11, 14, 26];

    HttpClient Rep => world.RepA.Client;

    [Fact]
    public async Task Five_custom_tags_are_accepted_on_create_and_system_tags_do_not_count()
    {
        var five = await CustomTags.EnsureAsync(world, 5);

        var created = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [.. five, .. SystemTags] });

        Assert.Equal(five.Concat(SystemTags).Order(), created.TagIds());
        var customTags = created.GetProperty("tags").EnumerateArray().Count(t => t.GetProperty("isCustom").GetBoolean());
        Assert.Equal(5, customTags);
    }

    [Fact]
    public async Task Setting_a_sixth_custom_tag_is_refused_and_the_tags_stay_as_they_were()
    {
        var six = await CustomTags.EnsureAsync(world, 6);
        var customer = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = six[..5] });

        var problem = await Rep.PutJsonAsync($"/api/customers/{customer.Id()}/tags", new { tagIds = six }, HttpStatusCode.BadRequest);

        Assert.Equal(["每个客户最多 5 个自定义标签（现在选了 6 个）"], problem.FieldErrors("tagIds"));
        Assert.Equal(six[..5], (await Rep.GetCustomerAsync(customer.Id())).TagIds());
    }

    [Fact]
    public async Task Setting_tags_replaces_them_within_the_limit()
    {
        var six = await CustomTags.EnsureAsync(world, 6);
        var customer = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = six[..2] });

        var updated = await Rep.PutJsonAsync($"/api/customers/{customer.Id()}/tags", new { tagIds = new[] { six[5], SystemTags[0] } });

        Assert.Equal(new[] { SystemTags[0], six[5] }.Order(), updated.TagIds());
    }

    [Fact]
    public async Task Setting_tags_makes_a_form_opened_before_it_stale()
    {
        var form = new CustomerForm { TagIds = [SystemTags[0]] };
        var customer = await Rep.CreateCustomerAsync(form);
        var version = customer.GetProperty("version").GetInt32();

        var tagged = await Rep.PutJsonAsync($"/api/customers/{customer.Id()}/tags", new { tagIds = new[] { SystemTags[0], 29 } });
        Assert.True(tagged.GetProperty("version").GetInt32() > version);

        var stale = await Rep.UpdateCustomerAsync(customer.Id(), form with { Remarks = "旧表单", Version = version }, HttpStatusCode.Conflict);
        Assert.Equal(new[] { SystemTags[0], 29 }, stale.GetProperty("current").TagIds());
        Assert.Equal(new[] { SystemTags[0], 29 }, (await Rep.GetCustomerAsync(customer.Id())).TagIds());
    }

    [Fact]
    public async Task A_full_update_with_a_sixth_custom_tag_is_refused_and_saves_nothing()
    {
        var six = await CustomTags.EnsureAsync(world, 6);
        var form = new CustomerForm { TagIds = six[..1] };
        var customer = await Rep.CreateCustomerAsync(form);

        var problem = await Rep.UpdateCustomerAsync(customer.Id(), form with { TagIds = six, Remarks = "加标签", Version = customer.GetProperty("version").GetInt32() },
            HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("tagIds"));
        var read = await Rep.GetCustomerAsync(customer.Id());
        Assert.Equal(six[..1], read.TagIds());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("remarks").ValueKind);
    }

    [Fact]
    public async Task A_synonym_cannot_become_a_tag_of_its_own()
    {
        var problem = await world.Admin.PostJsonAsync("/api/customers/tags", new { name = "工业", dimensionId = 1 }, HttpStatusCode.BadRequest);

        Assert.Equal(["「工业」是标签「制造业」的同义词，请直接使用「制造业」"], problem.FieldErrors("name"));
        var tags = await world.Admin.GetJsonAsync("/api/customers/tags");
        Assert.DoesNotContain(tags.EnumerateArray(), t => t.Str("name") == "工业");
    }

    [Fact]
    public async Task Merging_a_tag_moves_its_customers_to_the_other_and_keeps_its_name_as_a_synonym()
    {
        var source = await CustomTags.CreateAsync(world, "重要客户");
        var sourceId = source.GetProperty("id").GetInt32();
        const int target = 29; // 重点客户
        var tagged = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [sourceId] });
        var both = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [sourceId, target] });

        var merged = await world.Admin.PostJsonAsync($"/api/customers/tags/{sourceId}/merge", new { intoTagId = target });

        Assert.Contains("重要客户", merged.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(new[] { target }, (await Rep.GetCustomerAsync(tagged.Id())).TagIds());
        Assert.Equal(new[] { target }, (await Rep.GetCustomerAsync(both.Id())).TagIds());
        var tags = await world.Admin.GetJsonAsync("/api/customers/tags");
        Assert.DoesNotContain(tags.EnumerateArray(), t => t.GetProperty("id").GetInt32() == sourceId);
        var again = await world.Admin.PostJsonAsync("/api/customers/tags", new { name = "重要客户", dimensionId = CustomTags.DimensionId }, HttpStatusCode.BadRequest);
        Assert.Contains(again.FieldErrors("name"), m => m.Contains("同义词"));
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Tag&entityId={target}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "merge" && e.Str("summary").Contains("2 个客户"));
    }

    [Fact]
    public async Task Deleting_a_tag_takes_it_off_its_customers_and_is_audited()
    {
        var tag = (await CustomTags.CreateAsync(world, "待删除")).GetProperty("id").GetInt32();
        var customer = await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [tag, SystemTags[0]] });

        await (await world.Admin.DeleteAsync($"/api/customers/tags/{tag}")).JsonAsync(HttpStatusCode.NoContent);

        Assert.Equal(new[] { SystemTags[0] }, (await Rep.GetCustomerAsync(customer.Id())).TagIds());
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Tag&entityId={tag}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "untag" && e.Str("summary").Contains("从 1 个客户上移除"));
    }

    [Fact]
    public async Task The_review_lists_the_tags_carried_by_fewer_than_five_percent_of_the_customers()
    {
        var rare = (await CustomTags.CreateAsync(world, "偶尔用")).GetProperty("id").GetInt32();
        var common = (await CustomTags.CreateAsync(world, "常用")).GetProperty("id").GetInt32();
        await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [rare, common] });
        for (var i = 0; i < 2; i++) await Rep.CreateCustomerAsync(new CustomerForm { TagIds = [common] });
        // One customer of more than twenty is under 5%; three are over it.
        while (await world.Admin.CountAsync() <= 20) await Rep.CreateCustomerAsync(new CustomerForm());

        var review = await world.Admin.GetJsonAsync("/api/customers/tags/review");

        Assert.Equal(await world.Admin.CountAsync(), review.GetProperty("customerCount").GetInt32());
        var listed = review.GetProperty("rarely").EnumerateArray().ToList();
        var rareRow = Assert.Single(listed, t => t.GetProperty("id").GetInt32() == rare);
        Assert.Equal(1, rareRow.GetProperty("usage").GetInt32());
        Assert.DoesNotContain(listed, t => t.GetProperty("id").GetInt32() == common);
        Assert.All(listed, t => Assert.True(t.GetProperty("share").GetDouble() < 0.05));
    }

    [Fact]
    public async Task A_rep_cannot_change_the_tag_system()
    {
        await Rep.PostJsonAsync("/api/customers/tags", new { name = "销售自建", dimensionId = CustomTags.DimensionId }, HttpStatusCode.Forbidden);
        await Rep.GetJsonAsync("/api/customers/tags/review", HttpStatusCode.Forbidden);
        await Rep.GetJsonAsync("/api/customers/tags");
    }
}
