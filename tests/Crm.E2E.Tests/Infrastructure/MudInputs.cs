using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Infrastructure;

/// <summary>Drives MudBlazor inputs the way a user does: they are not native form controls.</summary>
public static class MudInputs
{
    /// <summary>Opens the MudSelect labelled <paramref name="label"/> inside <paramref name="form"/> and picks the option
    /// whose text is exactly <paramref name="option"/>; waits until the select shows it.</summary>
    public static async Task ChooseAsync(this ILocator form, string label, string option)
    {
        var select = form.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        // The combobox sits under the select's input box, which takes the click and opens the list.
        await select.Locator("..").ClickAsync();
        // The open select's list lives in a popover at the end of the page (other lists on the page are not it).
        var list = form.Page.Locator(".mud-popover-open").GetByRole(AriaRole.Listbox);
        await list.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(list).ToBeHiddenAsync();
        await Expect(select).ToHaveTextAsync(option);
    }
}
