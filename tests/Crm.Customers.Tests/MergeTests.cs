using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Abstractions.Contracts;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Tests;

/// <summary>客户合并: a data administrator merges duplicates into one surviving customer, choosing field by field which
/// value it keeps; everything attached to the merged records moves along, in one transaction, audited.</summary>
public sealed class MergeTests(MergeWorld world) : IClassFixture<MergeWorld>
{
    HttpClient Data => world.DataAdmin.Client;

    [Fact]
    public async Task Contacts_follow_ups_needs_attachments_and_tags_move_to_the_survivor_and_an_identical_contact_is_not_duplicated()
    {
        var (_, names) = Duplicates.NameFamily();
        var mobile = Duplicates.Mobile();
        var (survivor, merged) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0], TagIds = [29], PrimaryContact = new ContactForm { Name = "王总", Mobile = mobile } },
            new CustomerForm { Name = names[1], TagIds = [29, 30], PrimaryContact = new ContactForm { Name = "王总", Mobile = mobile } });
        await Data.AddContactAsync(merged, new ContactForm { Name = "李工", Mobile = Duplicates.Mobile() });
        await Data.PostJsonAsync($"/api/customers/{survivor}/followups", new { summary = "电话回访", at = "2026-01-05T10:00:00+08:00" }, HttpStatusCode.Created);
        await Data.PostJsonAsync($"/api/customers/{merged}/followups", new { summary = "上门拜访", at = "2026-03-01T09:30:00+08:00" }, HttpStatusCode.Created);
        await Data.PostJsonAsync($"/api/customers/{merged}/followups", new { summary = "首次接触", at = "2025-12-01T09:30:00+08:00" }, HttpStatusCode.Created);
        var need = await Data.PostJsonAsync($"/api/customers/{merged}/needs", new { description = "门禁系统改造" }, HttpStatusCode.Created);
        var file = Encoding.UTF8.GetBytes("合作意向书 " + Guid.NewGuid());
        var attachment = await UploadAsync(merged, "意向书.pdf", file, need.Id());

        var result = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "同一家公司重复建档" });

        Assert.Equal(survivor, result.Id());
        var contacts = result.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(["王总", "李工"], contacts.Select(c => c.Str("name")));
        Assert.Equal([true, false], contacts.Select(c => c.GetProperty("isPrimary").GetBoolean()));
        Assert.Equal([29, 30], result.TagIds());
        var followUps = await Data.GetJsonAsync($"/api/customers/{survivor}/followups");
        Assert.Equal(3, followUps.GetArrayLength());
        Assert.Equal("2026-03-01 01:30:00", Utc(result, "lastFollowUpAt"));
        var needs = await Data.GetJsonAsync($"/api/customers/{survivor}/needs");
        Assert.Equal([need.Id()], needs.EnumerateArray().Select(n => n.Id()));
        var download = await Data.GetAsync($"/api/customers/{survivor}/attachments/{attachment}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(file, await download.Content.ReadAsByteArrayAsync());
        await Data.GetJsonAsync($"/api/customers/{merged}/contacts", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_survivor_without_contacts_takes_the_first_merged_records_primary_contact()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, first, second) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0] },
            new CustomerForm { Name = names[1], PrimaryContact = new ContactForm { Name = "赵经理", Mobile = Duplicates.Mobile() } },
            new CustomerForm { Name = names[2], PrimaryContact = new ContactForm { Name = "钱主任", Mobile = Duplicates.Mobile() } });

        var result = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { first, second }, reason = "重复" });

        var contacts = result.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(["赵经理", "钱主任"], contacts.Select(c => c.Str("name")));
        Assert.Equal([true, false], contacts.Select(c => c.GetProperty("isPrimary").GetBoolean()));
    }

    [Fact]
    public async Task The_survivor_takes_the_chosen_values_including_a_merged_records_name_and_credit_code()
    {
        var (_, names) = Duplicates.NameFamily();
        var code = Duplicates.CreditCode();
        var (survivor, merged) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0], Remarks = "老客户，2019 年建档" },
            new CustomerForm { Name = names[1], CreditCode = code, IndustryCode = "64", Remarks = "展会新录入", StatusCode = "002" });

        var result = await Data.MergeAsync(new
        {
            survivorId = survivor,
            mergedIds = new[] { merged },
            fieldSources = new Dictionary<string, long> { ["name"] = merged, ["creditCode"] = merged, ["statusCode"] = survivor },
            reason = "营业执照以新录入的为准",
        });

        Assert.Equal(names[1], result.Str("name"));
        Assert.Equal(code, result.Str("creditCode"));
        Assert.Equal("64", result.GetProperty("industry").Str("code"));          // the survivor had none: the first value there is
        Assert.Equal("老客户，2019 年建档", result.Str("remarks"));                   // the survivor's own value by default
        Assert.Equal("001", result.GetProperty("status").Str("code"));            // chosen explicitly
        Assert.Equal([survivor], await Data.FindAsync(code));
    }

    [Fact]
    public async Task A_merged_record_is_in_the_recycle_bin_pointing_at_the_survivor_and_cannot_be_restored()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        var survivorCode = (await Data.GetCustomerAsync(survivor)).Str("code");

        await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复" });

        await Data.GetCustomerAsync(merged, HttpStatusCode.NotFound);
        var deleted = await Data.GetJsonAsync($"/api/customers/{merged}?deleted=true");
        Assert.NotEqual(JsonValueKind.Null, deleted.GetProperty("deletedAt").ValueKind);
        Assert.Equal(survivor, deleted.GetProperty("mergedIntoId").GetInt64());
        Assert.Equal(survivorCode, deleted.Str("mergedIntoCode"));
        var restore = await Data.PostJsonAsync($"/api/customers/{merged}/restore", new { }, HttpStatusCode.Conflict);
        Assert.Contains("已合并到客户", restore.Str("detail"));
        Assert.Empty(await Data.FindAsync(names[1]));
    }

    [Fact]
    public async Task The_merge_is_audited_on_every_record_and_announced_to_other_modules()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, first, second) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] }, new CustomerForm { Name = names[2] });
        var codes = new List<string>();
        foreach (var id in new[] { survivor, first, second }) codes.Add((await Data.GetCustomerAsync(id)).Str("code"));

        await Data.MergeAsync(new
        {
            survivorId = survivor,
            mergedIds = new[] { first, second },
            fieldSources = new Dictionary<string, long> { ["name"] = second },
            reason = "三条记录是同一家公司",
        });

        foreach (var id in new[] { first, second })
        {
            var entry = Assert.Single(await AuditAsync(id), e => e.Str("action") == "merge");
            Assert.Equal("三条记录是同一家公司", entry.Str("reason"));
            Assert.StartsWith($"合并到客户 {codes[0]}（{names[2]}）", entry.Str("summary"));
            Assert.Contains(entry.GetProperty("changes").EnumerateArray(), c => c.Str("field") == "MergedIntoId" && c.Str("newValue") == survivor.ToString());
        }
        var onSurvivor = Assert.Single(await AuditAsync(survivor), e => e.Str("action") == "merge");
        Assert.Equal("三条记录是同一家公司", onSurvivor.Str("reason"));
        Assert.Contains($"合并客户 {codes[1]}（{names[1]}）、{codes[2]}（{names[2]}）到本客户", onSurvivor.Str("summary"));
        Assert.Contains($"取值：客户名称 ← {codes[2]}", onSurvivor.Str("summary"));
        var name = Assert.Single(onSurvivor.GetProperty("changes").EnumerateArray(), c => c.Str("field") == "Name");
        Assert.Equal((names[0], names[2]), (name.Str("oldValue"), name.Str("newValue")));
        // Only the merge entry: the set-based update writes no automatic "update" entry beside it.
        Assert.DoesNotContain(await AuditAsync(survivor), e => e.Str("action") == "update");

        var merges = world.Host.Events.Of<CustomerMerged>().Where(e => e.SurvivorId == survivor).ToList();
        Assert.Equal([new CustomerMerged(first, survivor), new CustomerMerged(second, survivor)], merges);
        Assert.Contains(world.Host.Events.Of<CustomerUpdated>(), e => e.CustomerId == survivor && e.ChangedFields.Contains("Name"));
    }

    [Fact]
    public async Task Tags_beyond_the_limit_are_refused_until_the_ones_to_keep_are_chosen()
    {
        var tags = await CustomTagsAsync(6);
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0], TagIds = tags[..3] }, new CustomerForm { Name = names[1], TagIds = tags[3..] });

        var refused = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复" }, HttpStatusCode.BadRequest);
        Assert.Equal(["合并后的标签超过上限：每个客户最多 5 个自定义标签（现在选了 6 个），请选择要保留的标签"], refused.FieldErrors("tagIds"));
        await Data.GetCustomerAsync(merged);

        var foreign = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复", tagIds = new[] { 29, tags[0] } }, HttpStatusCode.BadRequest);
        Assert.Equal(["只能保留参与合并的客户已有的标签"], foreign.FieldErrors("tagIds"));

        var merged5 = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复", tagIds = tags[1..] });
        Assert.Equal(tags[1..], merged5.TagIds());
    }

    [Fact]
    public async Task A_merge_based_on_a_stale_version_is_409_and_changes_nothing()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        var compare = await Data.GetJsonAsync($"/api/customers/duplicates/compare?ids={survivor},{merged}");
        var versions = compare.GetProperty("records").EnumerateArray().ToDictionary(r => r.Id().ToString(), r => r.GetProperty("version").GetInt32());
        await world.Editor.Client.UpdateCustomerAsync(merged, new CustomerForm { Name = names[1], Remarks = "刚刚补充的备注" });

        var conflict = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复", versions }, HttpStatusCode.Conflict);

        Assert.Equal("数据已被其他人修改，请查看最新内容后重新保存", conflict.Str("detail"));
        var remarks = conflict.GetProperty("current").GetProperty("fields").EnumerateArray().Single(f => f.Str("field") == "remarks");
        Assert.Contains(remarks.GetProperty("values").EnumerateArray(), v => v.GetProperty("text").GetString() == "刚刚补充的备注");
        await Data.GetCustomerAsync(merged);
    }

    [Fact]
    public async Task A_merge_needs_a_reason_a_survivor_apart_from_the_merged_ones_and_known_fields()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        var outsider = (await Data.CreateCustomerAsync(new CustomerForm())).Id();

        var noReason = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = " " }, HttpStatusCode.BadRequest);
        Assert.Equal(["合并原因不能为空"], noReason.FieldErrors("reason"));
        var itself = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { survivor }, reason = "重复" }, HttpStatusCode.BadRequest);
        Assert.Equal(["保留的客户不能同时是被合并的客户"], itself.FieldErrors("mergedIds"));
        var none = await Data.MergeAsync(new { survivorId = survivor, mergedIds = Array.Empty<long>(), reason = "重复" }, HttpStatusCode.BadRequest);
        Assert.Equal(["请至少选择一个被合并的客户"], none.FieldErrors("mergedIds"));
        var fields = await Data.MergeAsync(new
        {
            survivorId = survivor,
            mergedIds = new[] { merged },
            fieldSources = new Dictionary<string, long> { ["colour"] = merged, ["name"] = outsider },
            reason = "重复",
        }, HttpStatusCode.BadRequest);
        Assert.Equal(["没有可合并的字段「colour」"], fields.FieldErrors("fieldSources.colour"));
        Assert.Equal([$"客户名称：只能取参与合并的客户的值（客户 #{outsider} 不在其中）"], fields.FieldErrors("fieldSources.name"));

        await (await Data.DeleteAsync($"/api/customers/{merged}?reason=误建")).JsonAsync(HttpStatusCode.NoContent);
        var deleted = await Data.MergeAsync(new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复" }, HttpStatusCode.BadRequest);
        Assert.Contains("已在回收站，不能合并", Assert.Single(deleted.FieldErrors("mergedIds")));
    }

    [Fact]
    public async Task Merging_and_comparing_need_the_merge_permission()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        var editor = world.Editor.Client;

        var post = await editor.PostAsJsonAsync("/api/customers/merge", new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/api/customers/duplicates/compare?ids={survivor},{merged}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/customers/duplicates?kind=name")).StatusCode);
        await editor.GetCustomerAsync(merged);
    }

    [Fact]
    public async Task A_clerk_limited_to_own_customers_gets_404_for_anyone_elses_and_nothing_changes()
    {
        var (_, names) = Duplicates.NameFamily();
        var (own, alsoOwn) = await Duplicates.CreateAsync(world.Clerk.Client, new CustomerForm { Name = names[0] }, new CustomerForm { Name = names[1] });
        var others = (await world.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = names[2] })).Id();
        var clerk = world.Clerk.Client;

        var compare = await clerk.GetJsonAsync($"/api/customers/duplicates/compare?ids={own},{others}", HttpStatusCode.NotFound);
        Assert.Equal("客户不存在或无权访问", compare.Str("detail"));
        await clerk.MergeAsync(new { survivorId = own, mergedIds = new[] { others }, reason = "重复" }, HttpStatusCode.NotFound);
        await clerk.MergeAsync(new { survivorId = others, mergedIds = new[] { own }, reason = "重复" }, HttpStatusCode.NotFound);
        await world.Rep.Client.GetCustomerAsync(others);
        await clerk.GetCustomerAsync(own);

        await clerk.MergeAsync(new { survivorId = own, mergedIds = new[] { alsoOwn }, reason = "重复" });
        await clerk.GetCustomerAsync(alsoOwn, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_merge_that_fails_half_way_leaves_every_record_as_it_was()
    {
        var (_, names) = Duplicates.NameFamily();
        var (survivor, merged) = await Duplicates.CreateAsync(Data,
            new CustomerForm { Name = names[0] },
            new CustomerForm { Name = names[1], TagIds = [30], PrimaryContact = new ContactForm { Name = "孙总", Mobile = Duplicates.Mobile() } });
        await Data.PostJsonAsync($"/api/customers/{merged}/followups", new { summary = "电话沟通" }, HttpStatusCode.Created);
        var before = await Data.GetCustomerAsync(survivor);
        // The survivor's own update is the last statement of the merge: make the database refuse it, as a full disk would.
        await SqlAsync($"""CREATE TRIGGER test_refuse_merge BEFORE UPDATE OF "LastFollowUpAt" ON cust_customers WHEN NEW."Id" = {survivor} BEGIN SELECT RAISE(ABORT, 'refused by test'); END""");
        try
        {
            var response = await Data.PostAsJsonAsync("/api/customers/merge", new { survivorId = survivor, mergedIds = new[] { merged }, reason = "重复" });
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await SqlAsync("DROP TRIGGER test_refuse_merge");
        }

        var stillThere = await Data.GetCustomerAsync(merged);
        Assert.Equal(["孙总"], stillThere.GetProperty("contacts").EnumerateArray().Select(c => c.Str("name")));
        Assert.Equal([30], stillThere.TagIds());
        Assert.Equal(1, (await Data.GetJsonAsync($"/api/customers/{merged}/followups")).GetArrayLength());
        var survivorNow = await Data.GetCustomerAsync(survivor);
        Assert.Equal(before.GetProperty("version").GetInt32(), survivorNow.GetProperty("version").GetInt32());
        Assert.Empty(survivorNow.GetProperty("contacts").EnumerateArray());
        Assert.DoesNotContain(await AuditAsync(survivor), e => e.Str("action") == "merge");
    }

    async Task<long> UploadAsync(long customer, string fileName, byte[] content, long needId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(needId.ToString()), "needId");
        return (await (await Data.PostAsync($"/api/customers/{customer}/attachments", form)).JsonAsync(HttpStatusCode.Created)).Id();
    }

    async Task<List<JsonElement>> AuditAsync(long customer) =>
        (await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Customer&entityId={customer}&take=100")).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Custom tags (dimension 7) made by the administrator, enough for the test.</summary>
    async Task<int[]> CustomTagsAsync(int count)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
            ids.Add((await world.Admin.PostJsonAsync("/api/customers/tags", new { name = $"合并标签{Guid.NewGuid().ToString("N")[..6]}", dimensionId = CustomTags.DimensionId })).GetProperty("id").GetInt32());
        return [.. ids.Order()];
    }

    async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={world.Host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    static string Utc(JsonElement customer, string property) =>
        customer.GetProperty(property).GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss");
}
