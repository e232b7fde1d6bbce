namespace Crm.Abstractions.Ui;

/// <summary>A component a module places in a named slot of a page it does not own (see <see cref="UiSlots"/>).</summary>
public sealed record SlotComponent(string Slot, Type ComponentType, string Title, int Order, string? Permission, string ModuleId);

/// <summary>Names of the UI extension slots pages offer. A component in a slot receives the page's
/// parameters (e.g. <c>CustomerId</c>) as a cascading value of type <see cref="SlotContext"/>.</summary>
public static class UiSlots
{
    /// <summary>Tabs on the customer detail page (sales, tickets, company plugins).</summary>
    public const string CustomerDetailTabs = "customer.detail.tabs";

    /// <summary>Cards on the home dashboard.</summary>
    public const string DashboardCards = "dashboard.cards";
}

/// <summary>What the page hosting a slot tells the components in it, e.g. the id of the customer shown.</summary>
public sealed record SlotContext(IReadOnlyDictionary<string, object?> Values)
{
    public T? Get<T>(string key) => Values.TryGetValue(key, out var value) && value is T typed ? typed : default;
}

/// <summary>The components placed in a slot that the current user may see, in order.</summary>
public interface IUiSlotRegistry
{
    IReadOnlyList<SlotComponent> For(string slot);
}
