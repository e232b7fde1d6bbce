using System.Net;
using System.Runtime.Versioning;
using System.Text;
using Crm.Customers.Tests.Infrastructure;
using Crm.Customers.Tests.Protection;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Tests.Api;

/// <summary>Personal data (mobile, office phone, email, ID number): shown masked, revealed in full only to a user
/// with the permission and then audited, and stored encrypted.</summary>
public sealed class PersonalDataTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    const string Mobile = "13912345678";
    const string Email = "wangwu@example.com";
    const string Landline = "0755-86013388";
    const string IdNumber = "44030519900101123X";

    [Fact]
    public async Task A_user_allowed_to_reveal_sees_the_full_mobile_and_the_reveal_is_audited()
    {
        var (customerId, contactId) = await CustomerWithContactAsync(world.RepC.Client, "13912340001");

        var revealed = await world.RepC.Client.PostJsonAsync($"/api/customers/{customerId}/contacts/{contactId}/reveal?field=Mobile", new { });

        Assert.Equal("13912340001", revealed.Str("value"));
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Contact&entityId={contactId}");
        var reveal = Assert.Single(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "reveal");
        Assert.Equal(world.RepC.UserName, reveal.Str("userName"));
        Assert.Contains("手机号", reveal.Str("summary"));
        Assert.DoesNotContain("13912340001", log.GetRawText());
    }

    [Fact]
    public async Task A_user_without_the_permission_gets_403_and_only_masked_values_anywhere()
    {
        var repA = world.RepA.Client;
        var (customerId, contactId) = await CustomerWithContactAsync(repA, Mobile);

        await repA.PostJsonAsync($"/api/customers/{customerId}/contacts/{contactId}/reveal?field=Mobile", new { }, HttpStatusCode.Forbidden);
        await repA.PostJsonAsync($"/api/customers/{customerId}/contacts/{contactId}/reveal?field=Email", new { }, HttpStatusCode.Forbidden);

        var detail = await repA.GetCustomerAsync(customerId);
        var contact = detail.GetProperty("contacts")[0];
        Assert.Equal("139****5678", contact.Str("mobile"));
        Assert.Equal("0755-****3388", contact.Str("officePhone"));
        Assert.Equal("w***@example.com", contact.Str("email"));
        var list = await repA.GetJsonAsync("/api/customers?take=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.Str("primaryMobile") == "139****5678");
        var answers = new[]
        {
            detail.GetRawText(), list.GetRawText(),
            (await repA.GetJsonAsync($"/api/customers/{customerId}/contacts")).GetRawText(),
            (await repA.GetJsonAsync($"/api/customers?text={Mobile}")).GetRawText(),
        };
        foreach (var answer in answers)
        {
            Assert.DoesNotContain(Mobile, answer);
            Assert.DoesNotContain("86013388", answer);
            Assert.DoesNotContain(Email, answer);
        }
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Contact&entityId={contactId}");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "reveal");
    }

    [Fact]
    public async Task A_contact_has_no_id_number_to_reveal()
    {
        var (customerId, contactId) = await CustomerWithContactAsync(world.RepC.Client, "13912340003");

        var problem = await world.RepC.Client.PostJsonAsync($"/api/customers/{customerId}/contacts/{contactId}/reveal?field=IdNumber", new { }, HttpStatusCode.BadRequest);

        Assert.Equal(["只能查看联系人的手机号、办公电话或邮箱"], problem.FieldErrors("field"));
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Contact&entityId={contactId}");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "reveal");
    }

    [Fact]
    public async Task An_individuals_id_number_is_masked_and_revealed_only_with_the_permission()
    {
        var created = await world.Admin.CreateCustomerAsync(CustomerForm.Individual("510104198812310037"));
        Assert.Equal("510104********0037", created.Str("idNumber"));

        var revealed = await world.Admin.PostJsonAsync($"/api/customers/{created.Id()}/reveal-id-number", new { });
        Assert.Equal("510104198812310037", revealed.Str("value"));
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Customer&entityId={created.Id()}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "reveal");
        await world.Manager.Client.PostJsonAsync($"/api/customers/{created.Id()}/reveal-id-number", new { }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Personal_data_is_not_in_the_database_file_in_plain_text()
    {
        var name = CustomerNames.Next();
        await world.Admin.CreateCustomerAsync(new CustomerForm
        {
            Name = name,
            PrimaryContact = new ContactForm { Mobile = Mobile, Email = Email, OfficePhone = Landline },
        });
        await world.Admin.CreateCustomerAsync(CustomerForm.Individual(IdNumber));

        var stored = await DatabaseBytesAsync();

        Assert.True(Contains(stored, name), "the customer's name should be in the file: the search reads what was written");
        foreach (var secret in new[] { Mobile, Email, "86013388", IdNumber })
            Assert.False(Contains(stored, secret), $"{secret} is stored in plain text");
    }

    [UnixFact, UnsupportedOSPlatform("windows")]
    public async Task The_key_file_is_readable_and_writable_by_its_owner_only()
    {
        await CustomerWithContactAsync(world.Admin, "13912340002");

        var key = Path.Combine(world.Host.DataFolder, "customers-pii.key");

        Assert.True(File.Exists(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    async Task<(long CustomerId, long ContactId)> CustomerWithContactAsync(HttpClient client, string mobile)
    {
        var created = await client.CreateCustomerAsync(new CustomerForm
        {
            PrimaryContact = new ContactForm { Name = "王五", Mobile = mobile, Email = Email, OfficePhone = Landline },
        });
        return (created.Id(), created.GetProperty("contacts")[0].Id());
    }

    /// <summary>The database file and its write-ahead log, after moving what the log holds into the file.</summary>
    async Task<byte[]> DatabaseBytesAsync()
    {
        await using (var connection = new SqliteConnection($"Data Source={world.Host.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var bytes = new List<byte>(await ReadSharedAsync(world.Host.DatabasePath));
        if (File.Exists(world.Host.DatabasePath + "-wal")) bytes.AddRange(await ReadSharedAsync(world.Host.DatabasePath + "-wal"));
        return [.. bytes];
    }

    static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }

    static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
