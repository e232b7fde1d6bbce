using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Abstractions.Data;
using Crm.Customers.Tests.Api;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests;

/// <summary>A host that accepts attachments of at most 1 KB, so the limit is cheap to cross.</summary>
public sealed class SmallAttachmentsHost : CrmHostFactory
{
    public const int MaxBytes = 1024;

    public SmallAttachmentsHost() => Settings["Customers:AttachmentMaxBytes"] = MaxBytes.ToString();
}

public sealed class AttachmentTests(SmallAttachmentsHost host) : IClassFixture<SmallAttachmentsHost>
{
    string Store => Path.Combine(host.Services.GetRequiredService<ICrmDatabase>().DataFolder, "attachments");

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, long customer, string fileName, byte[] content, long? needId = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        // What the client claims is ignored: the type follows from the extension.
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "file", fileName);
        if (needId is { } need) form.Add(new StringContent(need.ToString()), "needId");
        return await client.PostAsync($"/api/customers/{customer}/attachments", form);
    }

    [Fact]
    public async Task An_uploaded_file_downloads_with_the_same_bytes_and_its_original_name()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();
        var need = await admin.PostJsonAsync($"/api/customers/{customer}/needs", new { description = "门禁系统" }, HttpStatusCode.Created);
        var content = Encoding.UTF8.GetBytes("%PDF-1.4 意向书 " + Guid.NewGuid());

        var uploaded = await (await UploadAsync(admin, customer, @"C:\Users\张三\Desktop\合作意向书.pdf", content, need.Id())).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("合作意向书.pdf", uploaded.Str("fileName"));
        Assert.Equal("application/pdf", uploaded.Str("contentType"));
        Assert.Equal(need.Id(), uploaded.GetProperty("needId").GetInt64());
        var download = await admin.GetAsync($"/api/customers/{customer}/attachments/{uploaded.Id()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("合作意向书.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        var list = await admin.GetJsonAsync($"/api/customers/{customer}/attachments?needId={need.Id()}");
        Assert.Equal(uploaded.Id(), Assert.Single(list.EnumerateArray()).Id());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_a_400_naming_the_limit()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var problem = await (await UploadAsync(admin, customer, "名片.png", new byte[SmallAttachmentsHost.MaxBytes + 1])).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["文件不能超过 1 KB"], problem.FieldErrors("file"));
    }

    [Fact]
    public async Task A_disallowed_file_type_is_a_400_listing_the_allowed_ones()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var problem = await (await UploadAsync(admin, customer, "setup.exe", [0x4d, 0x5a])).JsonAsync(HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.FieldErrors("file"));
        Assert.StartsWith("不支持的文件类型「.exe」", message);
        Assert.Contains(".pdf", message);
    }

    [Fact]
    public async Task Identical_content_is_stored_once_and_removed_with_its_last_attachment()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();
        var other = (await admin.CreateCustomerAsync()).Id();
        var content = Encoding.UTF8.GetBytes("营业执照扫描件 " + Guid.NewGuid());
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        var first = await (await UploadAsync(admin, customer, "执照.jpg", content)).JsonAsync(HttpStatusCode.Created);
        var second = await (await UploadAsync(admin, other, "营业执照.jpg", content)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(sha, first.Str("sha256"));
        Assert.Equal(sha, second.Str("sha256"));
        var stored = Path.Combine(Store, sha[..2], sha);
        Assert.Equal([stored], Directory.GetFiles(Path.Combine(Store, sha[..2]), sha + "*"));
        Assert.Empty(Directory.GetFiles(Store, "*.tmp"));

        await (await admin.DeleteAsync($"/api/customers/{customer}/attachments/{first.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.True(File.Exists(stored));
        await (await admin.DeleteAsync($"/api/customers/{other}/attachments/{second.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.False(File.Exists(stored));
    }

    [Fact]
    public async Task A_rep_of_another_department_gets_404_downloading()
    {
        var admin = await host.AdminClientAsync();
        var role = await admin.CreateRoleAsync("Department", "customers.read", "customers.edit");
        var owner = await host.CreateUserAsync(admin, "华东销售", await admin.CreateDepartmentAsync(), roles: role);
        var outsider = await host.CreateUserAsync(admin, "华南销售", await admin.CreateDepartmentAsync(), roles: role);
        var customer = (await admin.CreateCustomerAsync(owner.Id)).Id();
        var uploaded = await (await UploadAsync(await host.ClientAsync(owner), customer, "报价.xlsx", [1, 2, 3])).JsonAsync(HttpStatusCode.Created);

        var response = await (await host.ClientAsync(outsider)).GetAsync($"/api/customers/{customer}/attachments/{uploaded.Id()}");

        var problem = await response.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem.Str("title"));
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
    }
}
