using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>查重与合并 under <c>/api/customers</c>, for holders of <see cref="CustomerPermissions.Merge"/> (数据管理员);
/// groups and records are limited to the user's data scope, and an id outside it is 404.</summary>
internal static class DuplicateEndpoints
{
    public static RouteGroupBuilder MapDuplicateEndpoints(this RouteGroupBuilder customers)
    {
        var duplicates = customers.MapGroup("/duplicates").RequireAuthorization(CustomerPermissions.Merge);
        duplicates.MapGet("", async (string? kind, string? after, int? take, DuplicateFinder finder, CancellationToken ct) =>
            ParseKind(kind) is { } parsed
                ? (await finder.FindAsync(parsed, after, take ?? 20, ct)).ToHttp()
                : Outcome<DuplicatePage>.Invalid("kind", KindError).ToHttp());
        duplicates.MapGet("/count", async (string? kind, DuplicateFinder finder, CancellationToken ct) =>
            ParseKind(kind) is { } parsed ? ((Outcome<int>)await finder.CountAsync(parsed, ct)).ToHttp() : Outcome<int>.Invalid("kind", KindError).ToHttp());
        duplicates.MapGet("/compare", async (string? ids, long? survivorId, MergeService merge, CancellationToken ct) =>
            ParseIds(ids) is { } list
                ? (await merge.CompareAsync(list, survivorId, ct)).ToHttp()
                : Outcome<MergeComparison>.Invalid("ids", "ids 应为逗号分隔的客户 id，例如 ids=1,2,3").ToHttp());
        customers.MapPost("/merge", async (MergeInput input, MergeService merge, CancellationToken ct) =>
            (await merge.MergeAsync(input, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Merge);
        return customers;
    }

    const string KindError = "查重方式只能是 name、mobile、phone 或 email";

    static DuplicateKind? ParseKind(string? text) =>
        string.IsNullOrEmpty(text) ? DuplicateKind.Name
        : Enum.TryParse<DuplicateKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(text[0]) ? kind : null;

    static List<long>? ParseIds(string? text)
    {
        var ids = new List<long>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, out var id)) return null;
            ids.Add(id);
        }
        return ids;
    }
}
