using System.Net;
using System.Runtime.CompilerServices;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Crm.E2E.Tests.Infrastructure;

/// <summary>Base of browser tests: runs the steps in a fresh browser context, keeps a screenshot when they fail,
/// knows the login form, and makes users with given permissions.</summary>
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

    /// <summary>A user with a role of exactly these permissions (all customers in scope), password already changed.</summary>
    protected async Task<(string Name, string Password)> CreateUserAsync(HttpClient admin, string[] permissions)
    {
        const string password = "Reader-Passw0rd";
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await admin.PostJsonAsync("/api/system/roles", new { name = "r" + suffix, displayName = "只读客户", dataScope = "All", permissions });
        var user = "u" + suffix;
        var created = await admin.PostJsonAsync("/api/system/users", new { userName = user, displayName = "王五", roles = new[] { "r" + suffix } });
        var oneTime = created.Str("oneTimePassword");
        var client = await Host.ClientForAsync(user, oneTime);
        await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = password }, HttpStatusCode.NoContent);
        return (user, password);
    }
}
