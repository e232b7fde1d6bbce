using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Host.Tests.Infrastructure;

/// <summary>Small helpers for reading API answers as a client would.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync(url, body)).JsonAsync(expected);

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PutAsJsonAsync(url, body)).JsonAsync(expected);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).JsonAsync(expected);

    /// <summary>The messages a validation problem gives for one field.</summary>
    public static string[] FieldErrors(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [];

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
