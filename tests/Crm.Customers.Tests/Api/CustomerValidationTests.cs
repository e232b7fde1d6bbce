using System.Net;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>What the archive refuses: a 400 naming each field with a Chinese message (409 for a stale edit), and
/// nothing of the refused request saved.</summary>
public sealed class CustomerValidationTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    HttpClient Rep => world.RepA.Client;

    [Fact]
    public async Task A_credit_code_with_a_wrong_check_character_is_refused()
    {
        var form = new CustomerForm { CreditCode = "91440300708461136A" };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal("请求数据验证失败", problem.Str("title"));
        Assert.Equal(["统一社会信用代码校验位不正确"], problem.FieldErrors("creditCode"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task An_individual_with_an_invalid_id_number_is_refused()
    {
        var form = CustomerForm.Individual("110105194912310021");
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["居民身份证号码校验位不正确"], problem.FieldErrors("idNumber"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task A_customer_whose_primary_contact_has_an_invalid_mobile_is_not_created()
    {
        var form = new CustomerForm { PrimaryContact = new ContactForm { Mobile = "1381234567" } };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["手机号应为 11 位中国大陆手机号码"], problem.FieldErrors("primaryContact.mobile"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task An_office_phone_without_its_area_code_is_refused_with_an_example()
    {
        var form = new CustomerForm { PrimaryContact = new ContactForm { OfficePhone = "86013388" } };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["办公电话应包含区号，如 0755-86013388"], problem.FieldErrors("primaryContact.officePhone"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task An_invalid_email_is_refused_on_a_new_contact_and_no_contact_is_added()
    {
        var customer = await Rep.CreateCustomerAsync(new CustomerForm());

        var problem = await Rep.AddContactAsync(customer.Id(), new ContactForm { Email = "wangwu@example" }, HttpStatusCode.BadRequest);

        Assert.Equal(["邮箱格式不正确"], problem.FieldErrors("email"));
        Assert.Equal(0, (await Rep.GetJsonAsync($"/api/customers/{customer.Id()}/contacts")).GetArrayLength());
    }

    [Fact]
    public async Task A_sixth_custom_tag_is_refused_and_the_customer_not_created()
    {
        var custom = await CustomTags.EnsureAsync(world, 6);
        var form = new CustomerForm { TagIds = custom };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["每个客户最多 5 个自定义标签（现在选了 6 个）"], problem.FieldErrors("tagIds"));
        await NothingNamedAsync(form.Name!);
    }

    [Theory]
    [InlineData("腾讯科技（深圳）有限公司", "腾讯科技(深圳)有限公司")]
    [InlineData("深圳市大疆创新科技有限公司", " 深圳市 大疆创新科技有限公司 ")]
    [InlineData("上海ABC贸易有限公司", "上海ａｂｃ贸易有限公司")]
    public async Task The_same_legal_name_written_differently_is_a_duplicate_even_in_another_reps_scope(string first, string second)
    {
        await world.RepB.Client.CreateCustomerAsync(new CustomerForm { Name = first });

        var problem = await Rep.CreateCustomerAsync(new CustomerForm { Name = second }, HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("name"), m => m.Contains("已存在"));
        Assert.Single(await world.Admin.FindAsync(first));
    }

    [Fact]
    public async Task A_credit_code_already_used_by_another_customer_is_refused()
    {
        await world.RepB.Client.CreateCustomerAsync(new CustomerForm { CreditCode = "91330100799655058B" });

        var form = new CustomerForm { CreditCode = "9133 0100 7996 5505 8b" };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["统一社会信用代码 91330100799655058B 已被其他客户使用"], problem.FieldErrors("creditCode"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task A_second_primary_contact_is_refused_and_the_first_stays_primary()
    {
        var customer = await Rep.CreateCustomerAsync(new CustomerForm { PrimaryContact = new ContactForm { Name = "张三" } });

        var problem = await Rep.AddContactAsync(customer.Id(), new ContactForm { Name = "李四", IsPrimary = true }, HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("isPrimary"), m => m.Contains("已有主要联系人「张三」"));
        var contacts = await Rep.GetJsonAsync($"/api/customers/{customer.Id()}/contacts");
        var only = Assert.Single(contacts.EnumerateArray());
        Assert.Equal("张三", only.Str("name"));
        Assert.True(only.GetProperty("isPrimary").GetBoolean());
    }

    [Fact]
    public async Task Of_two_contacts_added_at_once_to_a_customer_without_any_exactly_one_becomes_primary()
    {
        var customer = await Rep.CreateCustomerAsync(new CustomerForm());

        var added = await Task.WhenAll(new[] { "张三", "李四" }.Select(name => Rep.AddContactAsync(customer.Id(), new ContactForm { Name = name })));

        Assert.Single(added, c => c.GetProperty("isPrimary").GetBoolean());
        var contacts = await Rep.GetJsonAsync($"/api/customers/{customer.Id()}/contacts");
        Assert.Equal(2, contacts.GetArrayLength());
        Assert.Single(contacts.EnumerateArray(), c => c.GetProperty("isPrimary").GetBoolean());
    }

    [Fact]
    public async Task A_customer_without_a_name_is_refused()
    {
        var before = await world.Admin.CountAsync();

        var problem = await Rep.CreateCustomerAsync(new CustomerForm { Name = "  " }, HttpStatusCode.BadRequest);

        Assert.Equal(["客户名称不能为空"], problem.FieldErrors("name"));
        Assert.Equal(before, await world.Admin.CountAsync());
    }

    [Fact]
    public async Task A_code_that_is_not_in_the_dictionary_is_refused()
    {
        var form = new CustomerForm { IndustryCode = "ZZ" };
        var problem = await Rep.CreateCustomerAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["行业「ZZ」不是数据字典中有效的选项"], problem.FieldErrors("industryCode"));
        await NothingNamedAsync(form.Name!);
    }

    [Fact]
    public async Task Changing_the_status_needs_a_reason_and_without_one_nothing_changes()
    {
        var form = new CustomerForm();
        var customer = await Rep.CreateCustomerAsync(form);
        var version = customer.GetProperty("version").GetInt32();

        var problem = await Rep.UpdateCustomerAsync(customer.Id(), form with { StatusCode = "002", Remarks = "想改状态", Version = version }, HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("reason"), m => m.Contains("必须填写原因"));
        var read = await Rep.GetCustomerAsync(customer.Id());
        Assert.Equal("001", read.GetProperty("status").Str("code"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("remarks").ValueKind);
        Assert.Equal(version, read.GetProperty("version").GetInt32());

        var changed = await Rep.UpdateCustomerAsync(customer.Id(), form with { StatusCode = "002", Reason = "客户已表达意向", Version = version });
        Assert.Equal("002", changed.GetProperty("status").Str("code"));
    }

    [Fact]
    public async Task An_edit_based_on_an_old_version_is_a_409_showing_the_current_customer()
    {
        var form = new CustomerForm();
        var customer = await Rep.CreateCustomerAsync(form);
        var version = customer.GetProperty("version").GetInt32();
        var renamed = CustomerNames.Next();
        await Rep.UpdateCustomerAsync(customer.Id(), form with { Name = renamed, Reason = "工商变更", Version = version });

        var stale = await Rep.UpdateCustomerAsync(customer.Id(), form with { Remarks = "旧页面上的修改", Version = version }, HttpStatusCode.Conflict);

        Assert.Equal("数据已被其他人修改，请查看最新内容后重新保存", stale.Str("detail"));
        Assert.Equal(renamed, stale.GetProperty("current").Str("name"));
        var read = await Rep.GetCustomerAsync(customer.Id());
        Assert.Equal(renamed, read.Str("name"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("remarks").ValueKind);
    }

    async Task NothingNamedAsync(string name) => Assert.Empty(await world.Admin.FindAsync(name));
}
