using Crm.Abstractions.Security;
using Crm.Abstractions.Ui;

namespace Crm.Host.Hosting;

/// <summary>Components registered for a slot, filtered by the current user's permissions, in order.</summary>
internal sealed class UiSlotRegistry(IEnumerable<SlotComponent> components, ICurrentUser user) : IUiSlotRegistry
{
    public IReadOnlyList<SlotComponent> For(string slot) =>
        components.Where(c => c.Slot == slot && (c.Permission is null || user.HasPermission(c.Permission)))
            .OrderBy(c => c.Order).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
}
