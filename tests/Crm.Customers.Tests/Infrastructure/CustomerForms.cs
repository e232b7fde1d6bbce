using System.Net;
using System.Text.Json;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>The customer form as a client sends it (create and full update). The defaults are a valid enterprise
/// lead with a name no other customer of the run has; tests change only what they are about.</summary>
public sealed record CustomerForm
{
    public string? Name { get; init; } = CustomerNames.Next();
    public string Kind { get; init; } = "Enterprise";
    public string? CreditCode { get; init; }
    public string? IdNumber { get; init; }
    public string? IndustryCode { get; init; }
    public string? RegionCode { get; init; }
    public string? StatusCode { get; init; }
    public string? Remarks { get; init; }
    public Guid? OwnerId { get; init; }
    public IReadOnlyList<int>? TagIds { get; init; }
    public ContactForm? PrimaryContact { get; init; }
    public string? Reason { get; init; }
    public int? Version { get; init; }

    public static CustomerForm Individual(string idNumber) => new() { Kind = "Individual", Name = CustomerNames.NextPerson(), IdNumber = idNumber };
}

/// <summary>A contact as a client sends it; personal fields in plain.</summary>
public sealed record ContactForm
{
    public string? Name { get; init; } = "张三";
    public string? Mobile { get; init; }
    public string? OfficePhone { get; init; }
    public string? Email { get; init; }
    public bool IsPrimary { get; init; }
}

/// <summary>Legal names that are unique within a test run and long enough for the name search (3+ characters).</summary>
public static class CustomerNames
{
    static int last;

    public static string Next() => $"星河{Interlocked.Increment(ref last)}号贸易有限公司";

    public static string NextPerson() => $"个人客户{Interlocked.Increment(ref last)}号";
}

/// <summary>The customers API as tests call it: each call states the status it expects and returns the body.</summary>
public static class CustomerApi
{
    public static Task<JsonElement> CreateCustomerAsync(this HttpClient client, CustomerForm form, HttpStatusCode expected = HttpStatusCode.Created) =>
        client.PostJsonAsync("/api/customers", form, expected);

    public static Task<JsonElement> UpdateCustomerAsync(this HttpClient client, long id, CustomerForm form, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PutJsonAsync($"/api/customers/{id}", form, expected);

    public static Task<JsonElement> GetCustomerAsync(this HttpClient client, long id, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.GetJsonAsync($"/api/customers/{id}", expected);

    public static Task<JsonElement> AddContactAsync(this HttpClient client, long customerId, ContactForm form, HttpStatusCode expected = HttpStatusCode.Created) =>
        client.PostJsonAsync($"/api/customers/{customerId}/contacts", form, expected);

    /// <summary>The ids of the list's first page for a search text (large enough for every test's data).</summary>
    public static async Task<long[]> FindAsync(this HttpClient client, string text) =>
        Ids(await client.GetJsonAsync($"/api/customers?take=200&text={Uri.EscapeDataString(text)}"));

    public static async Task<int> CountAsync(this HttpClient client, string query = "") =>
        (await client.GetJsonAsync($"/api/customers/count?{query}")).GetInt32();

    public static long Id(this JsonElement element) => element.GetProperty("id").GetInt64();

    public static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(Id).ToArray();

    public static int[] TagIds(this JsonElement customer) =>
        customer.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Order().ToArray();
}
