using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Demo;

/// <summary>Everything a demo customer refers to, read once per run: real dictionary codes (districts, industry
/// divisions, statuses …), the enabled users who own customers, and the tags.</summary>
internal sealed class DemoWorld
{
    public required DemoRegion[] Districts { get; init; }
    /// <summary>Industry sections with demo terms, with their divisions and weight.</summary>
    public required DemoSection[] Sections { get; init; }
    public required string[] Sizes { get; init; }
    public required string[] Sources { get; init; }
    public required string[] DecisionRoles { get; init; }
    public required string[] FollowUpMethods { get; init; }
    public required DemoOwner[] Owners { get; init; }
    public required DemoTags Tags { get; init; }

    public static async Task<DemoWorld> LoadAsync(SqliteConnection connection, IDataDictionary dictionary, CancellationToken ct)
    {
        var districts = new List<DemoRegion>();
        foreach (var province in await dictionary.ListAsync(DictionaryTypes.Region, cancellationToken: ct))
            await CollectDistrictsAsync(dictionary, [province], districts, ct);

        var sections = new List<DemoSection>();
        foreach (var section in await dictionary.ListAsync(DictionaryTypes.Industry, cancellationToken: ct))
        {
            if (!DemoWords.Sections.TryGetValue(section.Code, out var words)) continue;
            var divisions = (await dictionary.ListAsync(DictionaryTypes.Industry, section.Code, cancellationToken: ct)).Select(d => d.Code).ToArray();
            if (divisions.Length > 0) sections.Add(new DemoSection(section.Code, divisions, words.Terms, words.Weight));
        }

        var world = new DemoWorld
        {
            Districts = [.. districts],
            Sections = [.. sections],
            Sizes = await CodesAsync(dictionary, DictionaryTypes.CompanySize, ct),
            Sources = await CodesAsync(dictionary, DictionaryTypes.CustomerSource, ct),
            DecisionRoles = await CodesAsync(dictionary, DictionaryTypes.DecisionRole, ct),
            FollowUpMethods = await CodesAsync(dictionary, DictionaryTypes.FollowUpMethod, ct),
            Owners = await OwnersAsync(connection, ct),
            Tags = await DemoTags.EnsureAsync(connection, ct),
        };
        if (world.Districts.Length == 0 || world.Sections.Length == 0)
            throw new InvalidOperationException("数据字典中没有行政区划或行业分类，无法生成演示数据");
        if (world.Owners.Length == 0)
            throw new InvalidOperationException("没有启用的用户，无法生成演示数据（请先运行 create-admin）");
        return world;
    }

    /// <summary>Walks down to the entries without children (districts and counties); each keeps the city it is in,
    /// which is how company names start (深圳市…).</summary>
    static async Task CollectDistrictsAsync(IDataDictionary dictionary, List<DictionaryEntryInfo> path, List<DemoRegion> into, CancellationToken ct)
    {
        var children = await dictionary.ListAsync(DictionaryTypes.Region, path[^1].Code, cancellationToken: ct);
        if (children.Count == 0)
        {
            if (path.Count < 2) return;
            var city = path.LastOrDefault(e => e.Name.EndsWith('市')) ?? path[^2];
            // "市辖区" and "省直辖县级行政区划" are levels of the code table, not of a postal address.
            var address = string.Concat(path.Where(e => !e.Name.Contains('辖')).Select(e => e.Name));
            into.Add(new DemoRegion(path[^1].Code, city.Name, address));
            return;
        }
        foreach (var child in children)
        {
            path.Add(child);
            await CollectDistrictsAsync(dictionary, path, into, ct);
            path.RemoveAt(path.Count - 1);
        }
    }

    static async Task<string[]> CodesAsync(IDataDictionary dictionary, string type, CancellationToken ct)
    {
        var codes = (await dictionary.ListAsync(type, cancellationToken: ct)).Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
        return codes.Length > 0 ? codes : throw new InvalidOperationException($"数据字典 {type} 没有可用的条目，无法生成演示数据");
    }

    // The host's users are read with plain SQL: modules don't reference the host, and only id and department matter.
    static async Task<DemoOwner[]> OwnersAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "DepartmentId" FROM host_users WHERE "Enabled" = 1 ORDER BY "CreatedAt" """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var owners = new List<DemoOwner>();
        while (await reader.ReadAsync(ct))
            owners.Add(new DemoOwner(Guid.Parse(reader.GetString(0)), reader.IsDBNull(1) ? null : Guid.Parse(reader.GetString(1))));
        return [.. owners];
    }
}

/// <summary>A district: its 6-digit code, the city that prefixes company names, and the address up to the district.</summary>
internal sealed record DemoRegion(string Code, string City, string Address);

internal sealed record DemoSection(string Code, string[] Divisions, string[] Terms, int Weight);

/// <summary>A user who can own demo customers.</summary>
internal sealed record DemoOwner(Guid Id, Guid? DepartmentId);

/// <summary>The tags demo customers get: the seeded system tags that follow from a customer's data, and the custom
/// ones (seeded plus <see cref="DemoWords.ExtraCustomTags"/>, created on the first run).</summary>
internal sealed class DemoTags
{
    public required IReadOnlyDictionary<string, int> ByName { get; init; }
    public required int[] NeedTraits { get; init; }
    public required int[] Custom { get; init; }

    public int? Find(string name) => ByName.TryGetValue(name, out var id) ? id : null;

    public static async Task<DemoTags> EnsureAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """INSERT OR IGNORE INTO cust_tags ("DimensionId", "Name", "NameKey") VALUES ($dimension, $name, $key)""";
            var dimension = insert.Parameters.AddWithValue("$dimension", TagSeed.CustomDimensionId);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            foreach (var tag in DemoWords.ExtraCustomTags)
            {
                name.Value = tag;
                key.Value = CustomerNameKey.Normalize(tag);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        var byName = new Dictionary<string, int>();
        var needTraits = new List<int>();
        var custom = new List<int>();
        await using var select = connection.CreateCommand();
        select.CommandText = """SELECT t."Id", t."DimensionId", t."Name", d."IsSystem" FROM cust_tags t JOIN cust_tag_dimensions d ON d."Id" = t."DimensionId" """;
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (id, dimension, name) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
            byName.TryAdd(name, id);
            if (!reader.GetBoolean(3)) custom.Add(id);
            else if (dimension == NeedTraitDimension) needTraits.Add(id);
        }
        return new DemoTags { ByName = byName, NeedTraits = [.. needTraits], Custom = [.. custom] };
    }

    static readonly int NeedTraitDimension = TagSeed.Dimensions.Single(d => d.Code == "need_trait").Id;
}
