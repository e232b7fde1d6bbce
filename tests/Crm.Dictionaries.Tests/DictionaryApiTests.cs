using System.Net;
using System.Text.Json;
using Crm.Abstractions.Contracts;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries.Tests;

/// <summary>Maintaining dictionaries through /api/dictionaries on the real host, as an administrator would.</summary>
public sealed class DictionaryApiTests(DictionaryHostFactory host) : IClassFixture<DictionaryHostFactory>
{
    const string Api = "/api/dictionaries";

    IDataDictionary Dictionary => host.Services.GetRequiredService<IDataDictionary>();

    [Fact]
    public async Task A_custom_type_gets_a_hierarchy_of_entries_listed_in_tree_order()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "east", "华东区");
        await AddAsync(admin, type, "sh", "上海组", parent: "east");
        await AddAsync(admin, type, "hz", "杭州组", parent: "east");
        await AddAsync(admin, type, "south", "华南区");

        var list = await admin.GetJsonAsync($"{Api}/types/{type}/entries");
        Assert.Equal(["east", "sh", "hz", "south"], Codes(list));
        Assert.Equal([null, "east", "east", null], list.EnumerateArray().Select(e => e.GetProperty("parentCode").GetString()));
        Assert.Equal(["sh", "hz"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries?parent=east")));

        var detail = await admin.GetJsonAsync($"{Api}/types/{type}/entries/hz");
        Assert.Equal("华东区 / 杭州组", detail.Str("path"));
        Assert.Equal("华东区 / 杭州组", await Dictionary.GetPathAsync(type, "hz"));

        var types = await admin.GetJsonAsync($"{Api}/types");
        var listed = types.EnumerateArray().Single(t => t.Str("code") == type);
        Assert.Equal(4, listed.GetProperty("entryCount").GetInt32());
        Assert.Contains(types.EnumerateArray(), t => t.Str("code") == DictionaryTypes.Region && t.GetProperty("isSystem").GetBoolean());
    }

    [Fact]
    public async Task Entry_validation_names_each_field()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "a", "甲");

        var duplicate = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "a", name = "乙" }, HttpStatusCode.BadRequest);
        Assert.Equal(["编码已存在"], duplicate.FieldErrors("code"));

        var empty = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "  " }, HttpStatusCode.BadRequest);
        Assert.Equal(["名称不能为空"], empty.FieldErrors("name"));

        var sameName = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "　甲 " }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(sameName.FieldErrors("name"));

        var foreignParent = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "乙", parentCode = "440000" }, HttpStatusCode.BadRequest);
        Assert.Equal(["上级不存在或不属于该字典类型"], foreignParent.FieldErrors("parentCode"));
        var guangdong = await admin.GetJsonAsync($"{Api}/types/{DictionaryTypes.Region}/entries/440000");
        var foreignParentId = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "乙", parentId = guangdong.Str("id") }, HttpStatusCode.BadRequest);
        Assert.Equal(["上级不存在或不属于该字典类型"], foreignParentId.FieldErrors("parentId"));

        Assert.Equal(["a"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
    }

    [Fact]
    public async Task An_entry_cannot_be_moved_below_itself_or_its_descendants()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "a", "甲");
        await AddAsync(admin, type, "b", "乙", parent: "a");
        var c = await AddAsync(admin, type, "c", "丙", parent: "b");

        var cycle = await admin.PutJsonAsync($"{Api}/types/{type}/entries/a", new { code = "a", name = "甲", parentCode = "c" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(cycle.FieldErrors("parentCode"));
        await admin.PutJsonAsync($"{Api}/types/{type}/entries/a", new { code = "a", name = "甲", parentCode = "a" }, HttpStatusCode.BadRequest);

        var moved = await admin.PutJsonAsync($"{Api}/types/{type}/entries/c", new { code = "c", name = "丙", version = c.Str("version") });
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("parentCode").ValueKind);
        Assert.Null((await Dictionary.FindAsync(type, "c"))!.ParentCode);
    }

    [Fact]
    public async Task A_flat_type_refuses_parents()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        await AddAsync(admin, type, "a", "甲");
        var problem = await admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "乙", parentCode = "a" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("parentCode"));
    }

    [Fact]
    public async Task A_system_type_cannot_be_deleted_nor_its_code_changed()
    {
        var admin = await host.AdminClientAsync();
        var refused = await (await admin.DeleteAsync($"{Api}/types/{DictionaryTypes.CustomerStatus}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("系统字典类型不能删除", refused.Str("detail"));

        var renamed = await admin.PutJsonAsync($"{Api}/types/{DictionaryTypes.CustomerStatus}", new { code = "status2", name = "客户状态" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(renamed.FieldErrors("code"));
        Assert.NotNull(await Dictionary.FindAsync(DictionaryTypes.CustomerStatus, "001"));
    }

    [Fact]
    public async Task A_custom_type_is_deleted_with_its_entries()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "a", "甲");
        await AddAsync(admin, type, "b", "乙", parent: "a");
        await (await admin.DeleteAsync($"{Api}/types/{type}")).JsonAsync(HttpStatusCode.NoContent);
        await admin.GetJsonAsync($"{Api}/types/{type}/entries", HttpStatusCode.NotFound);
        Assert.Null(await Dictionary.FindAsync(type, "a"));
    }

    [Fact]
    public async Task An_entry_in_use_or_with_children_is_not_deleted_and_the_answer_says_where_it_is_used()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, DictionaryHostFactory.UsedCode, "在用行业");
        await AddAsync(admin, type, "parent", "上级");
        await AddAsync(admin, type, "child", "下级", parent: "parent");

        var usage = await admin.GetJsonAsync($"{Api}/types/{type}/entries/{DictionaryHostFactory.UsedCode}/usage");
        Assert.Equal(12, usage.GetProperty("total").GetInt64());
        Assert.Equal("客户档案 · 行业", usage.GetProperty("usages")[0].Str("where"));

        var inUse = await (await admin.DeleteAsync($"{Api}/types/{type}/entries/{DictionaryHostFactory.UsedCode}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("该字典项正在使用，不能删除（客户档案 · 行业：12 条）。可以停用它。", inUse.Str("detail"));
        var withChildren = await (await admin.DeleteAsync($"{Api}/types/{type}/entries/parent")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("下级", withChildren.Str("detail"));
        var typeInUse = await (await admin.DeleteAsync($"{Api}/types/{type}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("客户档案 · 行业：12 条", typeInUse.Str("detail"));

        Assert.Equal([DictionaryHostFactory.UsedCode, "parent", "child"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
        await (await admin.DeleteAsync($"{Api}/types/{type}/entries/child")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Null(await Dictionary.FindAsync(type, "child"));
    }

    [Fact]
    public async Task A_disabled_entry_stays_readable_but_is_not_offered_for_new_records()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        await AddAsync(admin, type, "old", "旧渠道");
        await AddAsync(admin, type, "new", "新渠道");

        var disabled = await admin.PostJsonAsync($"{Api}/types/{type}/entries/old/disable", new { });
        Assert.False(disabled.GetProperty("enabled").GetBoolean());

        Assert.Equal("旧渠道", (await Dictionary.FindAsync(type, "old"))?.Name);
        Assert.True(await Dictionary.IsValidAsync(type, "old", forNewRecords: false));
        Assert.False(await Dictionary.IsValidAsync(type, "old", forNewRecords: true));
        Assert.Equal(["new"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
        Assert.Equal(["old", "new"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries?includeDisabled=true")));

        await admin.PostJsonAsync($"{Api}/types/{type}/entries/old/enable", new { });
        Assert.True(await Dictionary.IsValidAsync(type, "old", forNewRecords: true));
    }

    [Fact]
    public async Task Entries_move_up_and_down_among_their_siblings_and_take_an_explicit_order()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        foreach (var (code, name) in new[] { ("a", "甲"), ("b", "乙"), ("c", "丙") }) await AddAsync(admin, type, code, name);

        await admin.PostJsonAsync($"{Api}/types/{type}/entries/c/move", new { direction = "up" });
        Assert.Equal(["a", "c", "b"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
        await admin.PostJsonAsync($"{Api}/types/{type}/entries/a/move", new { direction = "down" });
        Assert.Equal(["c", "a", "b"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
        Assert.Equal(["c", "a", "b"], (await Dictionary.ListAsync(type)).Select(e => e.Code));
        await admin.PostJsonAsync($"{Api}/types/{type}/entries/c/move", new { direction = "up" });
        var sideways = await admin.PostJsonAsync($"{Api}/types/{type}/entries/c/move", new { direction = "left" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(sideways.FieldErrors("direction"));

        await admin.PutJsonAsync($"{Api}/types/{type}/order", new { codes = new[] { "b", "c", "a" } });
        Assert.Equal(["b", "c", "a"], Codes(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
        var incomplete = await admin.PutJsonAsync($"{Api}/types/{type}/order", new { codes = new[] { "b", "c" } }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(incomplete.FieldErrors("codes"));
    }

    [Fact]
    public async Task An_alias_resolves_as_soon_as_it_is_added_and_must_not_name_another_entry()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        await AddAsync(admin, type, "vip", "重要客户");
        await AddAsync(admin, type, "std", "普通客户");
        Assert.Equal("vip", await Dictionary.ResolveCodeAsync(type, "重要客户"));   // loads the snapshot before the change

        var added = await admin.PostJsonAsync($"{Api}/types/{type}/entries/vip/aliases", new { label = "ＶＩＰ客户" });
        Assert.Equal(["ＶＩＰ客户"], added.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("vip", await Dictionary.ResolveCodeAsync(type, "vip客户"));

        var taken = await admin.PostJsonAsync($"{Api}/types/{type}/entries/vip/aliases", new { label = "普通客户" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(taken.FieldErrors("label"));
        var twice = await admin.PostJsonAsync($"{Api}/types/{type}/entries/vip/aliases", new { label = "VIP客户" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(twice.FieldErrors("label"));
        var otherAlias = await admin.PostJsonAsync($"{Api}/types/{type}/entries/std/aliases", new { label = "vip客户" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(otherAlias.FieldErrors("label"));

        await (await admin.DeleteAsync($"{Api}/types/{type}/entries/vip/aliases/{Uri.EscapeDataString("ＶＩＰ客户")}")).JsonAsync(HttpStatusCode.OK);
        Assert.Null(await Dictionary.ResolveCodeAsync(type, "vip客户"));
    }

    [Fact]
    public async Task A_seeded_alias_resolves_and_editing_a_seeded_entry_marks_it_as_the_sites_own()
    {
        var admin = await host.AdminClientAsync();
        Assert.Equal("001", await Dictionary.ResolveCodeAsync(DictionaryTypes.CustomerStatus, "潜在客户"));
        var seeded = await admin.GetJsonAsync($"{Api}/types/{DictionaryTypes.TicketCategory}/entries/001");
        Assert.False(seeded.GetProperty("siteModified").GetBoolean());

        var edited = await admin.PutJsonAsync($"{Api}/types/{DictionaryTypes.TicketCategory}/entries/001",
            new { code = "001", name = seeded.Str("name") + "（本公司）", version = seeded.Str("version") });
        Assert.True(edited.GetProperty("siteModified").GetBoolean());
        Assert.Equal(seeded.Str("name") + "（本公司）", (await Dictionary.FindAsync(DictionaryTypes.TicketCategory, "001"))?.Name);
    }

    [Fact]
    public async Task Changes_are_written_to_the_audit_log()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var entry = await AddAsync(admin, type, "a", "甲");
        await admin.PutJsonAsync($"{Api}/types/{type}/entries/a", new { code = "a", name = "甲乙", version = entry.Str("version") });
        await admin.PostJsonAsync($"{Api}/types/{type}/entries/a/aliases", new { label = "老甲" });

        var log = await admin.GetJsonAsync($"/api/system/audit?entityType=DictionaryEntry&entityId={entry.Str("id")}");
        var actions = log.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Contains("create", actions);
        Assert.Contains("update", actions);
        Assert.Contains("alias-add", actions);
        var types = await admin.GetJsonAsync("/api/system/audit?entityType=DictionaryType");
        Assert.NotEmpty(types.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_user_without_the_manage_permission_can_read_but_not_change()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        await AddAsync(admin, type, "a", "甲");
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        var oneTime = (await admin.PostJsonAsync("/api/system/users", new { userName = name, displayName = "王五" })).Str("oneTimePassword");
        var first = await host.ClientForAsync(name, oneTime);
        await first.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = "Reader-Passw0rd" }, HttpStatusCode.NoContent);
        var reader = await host.ClientForAsync(name, "Reader-Passw0rd");

        Assert.Equal(["a"], Codes(await reader.GetJsonAsync($"{Api}/types/{type}/entries")));
        await reader.GetJsonAsync($"{Api}/types");
        await reader.PostJsonAsync($"{Api}/types/{type}/entries", new { code = "b", name = "乙" }, HttpStatusCode.Forbidden);
        await reader.PostJsonAsync($"{Api}/types/{type}/entries/a/disable", new { }, HttpStatusCode.Forbidden);
        await reader.PostJsonAsync($"{Api}/types", new { code = "x" + name, name = "不允许" }, HttpStatusCode.Forbidden);
        Assert.Equal(403, (int)(await reader.DeleteAsync($"{Api}/types/{type}/entries/a")).StatusCode);
    }

    [Fact]
    public async Task An_edit_based_on_a_stale_version_is_refused()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var entry = await AddAsync(admin, type, "a", "甲");
        await admin.PutJsonAsync($"{Api}/types/{type}/entries/a", new { code = "a", name = "甲一", version = entry.Str("version") });
        var stale = await admin.PutJsonAsync($"{Api}/types/{type}/entries/a", new { code = "a", name = "甲二", version = entry.Str("version") }, HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", stale.Str("detail"));
        Assert.Equal("甲一", (await Dictionary.FindAsync(type, "a"))?.Name);

        var typeView = (await admin.GetJsonAsync($"{Api}/types")).EnumerateArray().Single(t => t.Str("code") == type);
        await admin.PutJsonAsync($"{Api}/types/{type}", new { name = "新名称", version = typeView.Str("version") });
        await admin.PutJsonAsync($"{Api}/types/{type}", new { name = "又一个名称", version = typeView.Str("version") }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_types_and_entries_are_404_problems()
    {
        var admin = await host.AdminClientAsync();
        var problem = await admin.GetJsonAsync($"{Api}/types/no_such_type/entries", HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem.Str("title"));
        Assert.Equal("字典类型“no_such_type”不存在或无权访问", problem.Str("detail"));
        await admin.GetJsonAsync($"{Api}/types/{DictionaryTypes.Region}/entries/999999", HttpStatusCode.NotFound);
    }

    static async Task<string> NewTypeAsync(HttpClient admin, bool hierarchical)
    {
        var code = "t_" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostJsonAsync($"{Api}/types", new { code, name = "测试字典" + code, hierarchical });
        Assert.False(created.GetProperty("isSystem").GetBoolean());
        return code;
    }

    static Task<JsonElement> AddAsync(HttpClient admin, string type, string code, string name, string? parent = null) =>
        admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code, name, parentCode = parent });

    static List<string> Codes(JsonElement list) => list.EnumerateArray().Select(e => e.Str("code")).ToList();
}
