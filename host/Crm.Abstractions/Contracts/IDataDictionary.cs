namespace Crm.Abstractions.Contracts;

/// <summary>Code tables (数据字典) provided by the dictionaries module: industries, regions, statuses, ...
/// Consumers store codes and resolve labels through this contract.</summary>
public interface IDataDictionary
{
    Task<DictionaryEntryInfo?> FindAsync(string typeCode, string code, CancellationToken cancellationToken = default);

    /// <summary>Resolves a label or alias (trimmed, full-width/half-width insensitive) to an entry code, or null.</summary>
    Task<string?> ResolveCodeAsync(string typeCode, string labelOrAlias, CancellationToken cancellationToken = default);

    /// <summary>Whether the code exists in the type (and is enabled, when <paramref name="forNewRecords"/>).</summary>
    Task<bool> IsValidAsync(string typeCode, string code, bool forNewRecords, CancellationToken cancellationToken = default);

    /// <summary>Entries of a type, or the children of <paramref name="parentCode"/> in a hierarchical type.</summary>
    Task<IReadOnlyList<DictionaryEntryInfo>> ListAsync(string typeCode, string? parentCode = null, bool includeDisabled = false, CancellationToken cancellationToken = default);

    /// <summary>Full path of a hierarchical entry, e.g. "广东省 / 深圳市 / 南山区".</summary>
    Task<string?> GetPathAsync(string typeCode, string code, CancellationToken cancellationToken = default);
}

/// <summary>One dictionary entry as other modules see it.</summary>
public sealed record DictionaryEntryInfo(string TypeCode, string Code, string Name, string? ParentCode, int Order, bool Enabled);

/// <summary>Answers how many of a module's records use a dictionary entry, so that an entry in use is not deleted.</summary>
public interface IDictionaryUsageProvider
{
    Task<IReadOnlyList<DictionaryUsage>> CountUsageAsync(string typeCode, string code, CancellationToken cancellationToken = default);
}

/// <summary>Where a dictionary entry is used (e.g. "客户档案 · 行业") and how often.</summary>
public sealed record DictionaryUsage(string ModuleId, string Where, long Count);
