using System.Runtime.CompilerServices;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Crm.E2E.Tests.Infrastructure;

/// <summary>Base of browser tests: runs the steps in a fresh browser context, keeps a screenshot when they fail,
/// and knows the login form.</summary>
public abstract class BrowserTest(BrowserHost browser, ITestOutputHelper output)
{
    protected CrmHostFactory Host => browser.Host;

    /// <summary>The absolute address of a path on the host, for exact URL assertions.</summary>
    protected string UrlOf(string path) => new Uri(browser.Address, path).ToString();

    protected async Task InBrowserAsync(Func<IPage, Task> steps, [CallerMemberName] string test = "")
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") output.WriteLine($"[browser console] {message.Text}"); };
        page.Response += (_, response) => { if (response.Status >= 400) output.WriteLine($"[{response.Status}] {response.Request.Method} {response.Url}"); };
        try
        {
            await steps(page);
        }
        catch
        {
            await SaveScreenshotAsync(page, test);
            throw;
        }
    }

    async Task SaveScreenshotAsync(IPage page, string test)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{GetType().Name}.{test}.png");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Failed at {page.Url}; screenshot: {file}");
        }
        catch (PlaywrightException ex)
        {
            output.WriteLine($"Failed at {page.Url}; no screenshot: {ex.Message}");
        }
    }

    /// <summary>Waits for the Blazor circuit: until then the page is only prerendered and clicks do nothing.</summary>
    protected static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync();

    protected static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }
}
