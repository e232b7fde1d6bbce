using System.Net;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

/// <summary>查重: groups of likely duplicates among the customers a data administrator may see — by name core, and by a
/// mobile, office phone or email shared between customers — and the records of a group side by side.</summary>
public sealed class DuplicateTests(MergeWorld world) : IClassFixture<MergeWorld>
{
    HttpClient Data => world.DataAdmin.Client;

    [Fact]
    public async Task Names_with_the_same_core_form_one_group()
    {
        var ids = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = "深圳市腾讯科技有限公司" }, new CustomerForm { Name = "腾讯科技（深圳）有限公司" }, new CustomerForm { Name = "腾讯科技股份有限公司" });
        await Data.CreateCustomerAsync(new CustomerForm { Name = "腾讯音乐娱乐科技（深圳）有限公司" });

        var group = Assert.Single(await Duplicates.AllGroupsAsync(Data, "name"), g => g.Str("key") == "腾讯科技");

        Assert.Equal("名称相似（核心名称「腾讯科技」相同）", group.Str("reason"));
        Assert.Equal(3, group.GetProperty("memberCount").GetInt32());
        Assert.Equal(ids, group.MemberIds());
        var first = group.GetProperty("members")[0];
        Assert.Equal("深圳市腾讯科技有限公司", first.Str("name"));
        Assert.Equal("潜在", first.GetProperty("status").Str("name"));
        Assert.Equal("数据管理员", first.Str("ownerName"));
        Assert.All(group.GetProperty("members").EnumerateArray(), m => Assert.Equal(1.0, m.GetProperty("similarity").GetDouble()));
    }

    [Fact]
    public async Task Customers_whose_contacts_share_a_mobile_form_a_group_shown_masked()
    {
        var mobile = Duplicates.Mobile();
        var (_, names) = Duplicates.NameFamily();
        var ids = await Duplicates.CreateAsync(Data,
            new CustomerForm { PrimaryContact = new ContactForm { Name = "周经理", Mobile = mobile } },
            new CustomerForm { Name = names[0], PrimaryContact = new ContactForm { Name = "周总", Mobile = mobile } });
        // The same number twice on one customer is not a duplicate of anything.
        var ownMobile = Duplicates.Mobile();
        var single = (await Data.CreateCustomerAsync(new CustomerForm { PrimaryContact = new ContactForm { Name = "吴工", Mobile = ownMobile } })).Id();
        await Data.AddContactAsync(single, new ContactForm { Name = "吴工（备用）", Mobile = ownMobile });

        var groups = await Duplicates.AllGroupsAsync(Data, "mobile");

        var group = Assert.Single(groups, g => g.MemberIds().SequenceEqual(ids));
        Assert.Equal($"联系人手机号相同（{mobile[..3]}****{mobile[^4..]}）", group.Str("reason"));
        Assert.DoesNotContain(mobile, group.GetRawText());
        Assert.DoesNotContain(groups, g => g.MemberIds().Contains(single));
        Assert.Equal(1, group.GetProperty("members")[0].GetProperty("counts").GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task Office_phones_and_emails_shared_between_customers_form_groups_too()
    {
        var phone = $"0755-8{Duplicates.Mobile()[^7..]}";
        var email = $"dup{Guid.NewGuid().ToString("N")[..8]}@example.com";
        var byPhone = await Duplicates.CreateAsync(Data,
            new CustomerForm { PrimaryContact = new ContactForm { Name = "郑会计", OfficePhone = phone } },
            new CustomerForm { PrimaryContact = new ContactForm { Name = "郑会计", OfficePhone = phone } });
        var byEmail = await Duplicates.CreateAsync(Data,
            new CustomerForm { PrimaryContact = new ContactForm { Name = "冯采购", Email = email } },
            new CustomerForm { PrimaryContact = new ContactForm { Name = "冯采购", Email = email } });

        var phoneGroup = Assert.Single(await Duplicates.AllGroupsAsync(Data, "phone"), g => g.MemberIds().SequenceEqual(byPhone));
        Assert.StartsWith("联系人办公电话相同（0755-****", phoneGroup.Str("reason"));
        var emailGroup = Assert.Single(await Duplicates.AllGroupsAsync(Data, "email"), g => g.MemberIds().SequenceEqual(byEmail));
        Assert.Equal("联系人邮箱相同（d***@example.com）", emailGroup.Str("reason"));
    }

    [Fact]
    public async Task A_clerk_limited_to_own_customers_sees_only_groups_among_them()
    {
        var (ownCore, ownNames) = Duplicates.NameFamily();
        var (mixedCore, mixedNames) = Duplicates.NameFamily();
        var own = await Duplicates.CreateAsync(world.Clerk.Client, new CustomerForm { Name = ownNames[0] }, new CustomerForm { Name = ownNames[1] });
        await world.Clerk.Client.CreateCustomerAsync(new CustomerForm { Name = mixedNames[0] });
        await world.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = mixedNames[1] });
        await world.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = ownNames[2] });

        var groups = await Duplicates.AllGroupsAsync(world.Clerk.Client, "name");

        var group = Assert.Single(groups, g => g.Str("key") == ownCore);
        Assert.Equal(own, group.MemberIds());
        Assert.Equal(2, group.GetProperty("memberCount").GetInt32());
        Assert.DoesNotContain(groups, g => g.Str("key") == mixedCore);
        Assert.Equal(3, Assert.Single(await Duplicates.AllGroupsAsync(Data, "name"), g => g.Str("key") == ownCore).GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task Deleted_customers_are_not_duplicates_of_anyone()
    {
        var (core, names) = Duplicates.NameFamily();
        var (kept, deleted) = await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        Assert.Contains(await Duplicates.AllGroupsAsync(Data, "name"), g => g.Str("key") == core);

        await (await Data.DeleteAsync($"/api/customers/{deleted}?reason=误建")).JsonAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain(await Duplicates.AllGroupsAsync(Data, "name"), g => g.Str("key") == core);
        await Data.GetCustomerAsync(kept);
    }

    [Fact]
    public async Task Pages_follow_the_key_and_list_every_group_once()
    {
        var cores = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (core, names) = Duplicates.NameFamily();
            await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
            cores.Add(core);
        }

        var all = (await Duplicates.AllGroupsAsync(Data, "name", take: 50)).Select(g => g.Str("key")).ToList();
        var paged = (await Duplicates.AllGroupsAsync(Data, "name", take: 2)).Select(g => g.Str("key")).ToList();

        Assert.Equal(all, paged);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Subset(all.ToHashSet(), cores.ToHashSet());
        var first = await Data.GetJsonAsync("/api/customers/duplicates?kind=name&take=2");
        Assert.Equal(2, first.GetProperty("groups").GetArrayLength());
        Assert.Equal(all[1], first.Str("nextAfter"));
    }

    [Fact]
    public async Task The_count_says_how_many_groups_a_kind_has()
    {
        var names = await CountAsync("name");
        var mobiles = await CountAsync("mobile");
        var (_, family) = Duplicates.NameFamily();
        var mobile = Duplicates.Mobile();
        await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = family[0], PrimaryContact = new ContactForm { Name = "陈", Mobile = mobile } },
            new CustomerForm { Name = family[1], PrimaryContact = new ContactForm { Name = "陈", Mobile = mobile } });

        Assert.Equal(names + 1, await CountAsync("name"));
        Assert.Equal(mobiles + 1, await CountAsync("mobile"));
        Assert.Equal((await Duplicates.AllGroupsAsync(Data, "name")).Count, await CountAsync("name"));
    }

    async Task<int> CountAsync(string kind) => (await Data.GetJsonAsync($"/api/customers/duplicates/count?kind={kind}")).GetInt32();

    [Fact]
    public async Task The_comparison_shows_each_field_per_record_with_labels_masked_personal_data_and_what_would_move()
    {
        var (_, names) = Duplicates.NameFamily();
        var code = Duplicates.CreditCode();
        var (first, second) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0], IndustryCode = "64", TagIds = [29] },
            new CustomerForm { Name = names[1], CreditCode = code, PrimaryContact = new ContactForm { Name = "何总", Mobile = Duplicates.Mobile() } });
        var person = (await Data.CreateCustomerAsync(CustomerForm.Individual("11010519491231002X") with { Name = names[2] })).Id();
        await Data.PostJsonAsync($"/api/customers/{second}/followups", new { summary = "电话沟通" }, HttpStatusCode.Created);

        var compare = await Data.GetJsonAsync($"/api/customers/duplicates/compare?ids={first},{second},{person}");

        Assert.Equal(first, compare.GetProperty("survivorId").GetInt64());
        var records = compare.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal([first, second, person], records.Select(r => r.Id()));
        Assert.Equal((1, 1), (records[1].GetProperty("counts").GetProperty("contacts").GetInt32(), records[1].GetProperty("counts").GetProperty("followUps").GetInt32()));
        var fields = compare.GetProperty("fields").EnumerateArray().ToDictionary(f => f.Str("field"));
        Assert.Equal((IEnumerable<string?>)[names[0], names[1], names[2]], Texts(fields["name"]));
        Assert.Equal((IEnumerable<string?>)[null, $"企业 · {code}", "个人 · 110105********002X"], Texts(fields["creditCode"]));
        Assert.Equal(second, fields["creditCode"].GetProperty("defaultSourceId").GetInt64());
        Assert.Equal("互联网和相关服务", Texts(fields["industryCode"])[0]);
        Assert.Equal(first, fields["industryCode"].GetProperty("defaultSourceId").GetInt64());
        Assert.True(fields["name"].GetProperty("differs").GetBoolean());
        Assert.False(fields["statusCode"].GetProperty("differs").GetBoolean());
        Assert.DoesNotContain("19491231", compare.GetRawText());
        var tag = Assert.Single(compare.GetProperty("tags").EnumerateArray());
        Assert.Equal([first], tag.GetProperty("customerIds").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(5, compare.GetProperty("maxCustomTags").GetInt32());

        var asSurvivor = await Data.GetJsonAsync($"/api/customers/duplicates/compare?ids={first},{second}&survivorId={second}");
        var industry = asSurvivor.GetProperty("fields").EnumerateArray().Single(f => f.Str("field") == "industryCode");
        Assert.Equal(first, industry.GetProperty("defaultSourceId").GetInt64());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_parameter()
    {
        var kind = await Data.GetJsonAsync("/api/customers/duplicates?kind=fax", HttpStatusCode.BadRequest);
        Assert.Equal(["查重方式只能是 name、mobile、phone 或 email"], kind.FieldErrors("kind"));
        var after = await Data.GetJsonAsync("/api/customers/duplicates?kind=mobile&after=%%%", HttpStatusCode.BadRequest);
        Assert.Single(after.FieldErrors("after"));
        var ids = await Data.GetJsonAsync("/api/customers/duplicates/compare?ids=1,x", HttpStatusCode.BadRequest);
        Assert.Single(ids.FieldErrors("ids"));
        var one = await Data.GetJsonAsync("/api/customers/duplicates/compare?ids=1", HttpStatusCode.BadRequest);
        Assert.Equal(["请至少选择 2 个客户进行比较"], one.FieldErrors("ids"));
    }

    static string?[] Texts(JsonElement field) =>
        field.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("text").GetString()).ToArray();
}
