using Crm.Abstractions.Results;

namespace Crm.Abstractions.Contracts;

/// <summary>Adds dictionary entries on behalf of the current user, for a module that meets a value the dictionary does
/// not know yet (an import's "新建选项"). Provided by the dictionaries module; a consumer that finds it missing offers
/// only mapping to an existing entry.</summary>
public interface IDictionaryEditor
{
    /// <summary>Whether the current user may add entries (the dictionaries' maintenance permission).</summary>
    bool CanAddEntries { get; }

    /// <summary>Adds an enabled top-level entry named <paramref name="name"/> with the next free numeric code (001,
    /// 002 …), under the same rules and audit as the dictionary pages; field errors when the name is taken.</summary>
    Task<Outcome<DictionaryEntryInfo>> AddEntryAsync(string typeCode, string name, CancellationToken cancellationToken = default);
}
