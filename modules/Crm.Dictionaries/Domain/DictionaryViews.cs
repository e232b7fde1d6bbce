using Crm.Abstractions.Contracts;

namespace Crm.Dictionaries.Domain;

/// <summary>A dictionary type with its number of entries.</summary>
public sealed record DictionaryTypeView(Guid Id, string Code, string Name, string? Description, bool Hierarchical, bool IsSystem, int EntryCount, Guid Version);

/// <summary>A new or changed type. On update, a null <see cref="Code"/> or <see cref="Hierarchical"/> keeps the current value.</summary>
public sealed record DictionaryTypeInput(string? Code, string? Name, string? Description = null, bool? Hierarchical = null, Guid? Version = null);

/// <summary>An entry in a list: its parent's code, its depth below the listed parent (0 = top) and its number of children.</summary>
public sealed record DictionaryEntryView(Guid Id, string Code, string Name, string? ParentCode, int Depth, int Order, bool Enabled,
    bool IsSystem, bool SiteModified, int ChildCount, Guid Version);

/// <summary>One entry with its full path ("广东省 / 深圳市 / 南山区") and its aliases.</summary>
public sealed record DictionaryEntryDetail(Guid Id, string TypeCode, string Code, string Name, string? ParentCode, string Path, int Order,
    bool Enabled, bool IsSystem, bool SiteModified, IReadOnlyList<string> Aliases, Guid Version);

/// <summary>A new or changed entry. The parent is given by code or by id; none means top level.
/// A null <see cref="Order"/> puts a new (or newly re-parented) entry last among its siblings.</summary>
public sealed record DictionaryEntryInput(string? Code, string? Name, string? ParentCode = null, Guid? ParentId = null, int? Order = null, Guid? Version = null);

/// <summary>Moves an entry one place among its siblings: <c>up</c> or <c>down</c>.</summary>
public sealed record DictionaryMoveInput(string? Direction);

/// <summary>The complete order of the children of <see cref="ParentCode"/> (top level when null), first to last.</summary>
public sealed record DictionaryOrderInput(string? ParentCode, IReadOnlyList<string>? Codes);

public sealed record DictionaryAliasInput(string? Label);

/// <summary>Where an entry is used, per module that reports it, and in total.</summary>
public sealed record DictionaryUsageView(string TypeCode, string Code, long Total, IReadOnlyList<DictionaryUsage> Usages);
