using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>Tags of the custom dimension (自定义, id 7), the ones that count toward a customer's limit of five.</summary>
public static class CustomTags
{
    public const int DimensionId = 7;

    /// <summary>Ids of <paramref name="count"/> custom tags: the seeded ones (重点客户 29, 战略合作伙伴 30, 决策周期长 31), then new ones created by the administrator.</summary>
    public static async Task<int[]> EnsureAsync(CustomerWorld world, int count)
    {
        var tags = await world.Admin.GetJsonAsync("/api/customers/tags");
        var ids = tags.EnumerateArray().Where(t => t.GetProperty("dimensionId").GetInt32() == DimensionId)
            .Select(t => t.GetProperty("id").GetInt32()).Order().ToList();
        while (ids.Count < count)
            ids.Add((await CreateAsync(world, $"自定义标签{ids.Count + 1}")).GetProperty("id").GetInt32());
        return [.. ids.Take(count)];
    }

    public static Task<System.Text.Json.JsonElement> CreateAsync(CustomerWorld world, string name, int dimensionId = DimensionId) =>
        world.Admin.PostJsonAsync("/api/customers/tags", new { name, dimensionId });
}
