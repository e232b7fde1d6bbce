using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Crm.E2E.Tests.Infrastructure;

/// <summary>The real host on a loopback port with a fresh database, and one headless Chromium (Debian's, since no
/// browser can be downloaded here). One per test class; each test opens its own browser context (own cookies).
/// A subclass can configure the host, or start what it talks to, before it starts.</summary>
public class BrowserHost : IAsyncLifetime
{
    const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Long enough for a slow 2-core machine, where starting a Blazor circuit can take seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    IPlaywright? playwright;
    IBrowser? browser;

    public CrmHostFactory Host { get; } = new();
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does as root).");
        await BeforeHostStartsAsync();
        Address = Host.StartOnLoopback();
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (no cookies) whose relative URLs go to the host.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>Runs before the host starts: the place to fill <see cref="CrmHostFactory.Settings"/>.</summary>
    protected virtual Task BeforeHostStartsAsync() => Task.CompletedTask;

    /// <summary>Runs after the host has stopped.</summary>
    protected virtual Task AfterHostStopsAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await Host.DisposeAsync();
        await AfterHostStopsAsync();
    }
}
