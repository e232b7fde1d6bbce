namespace Crm.E2E.Tests.Infrastructure;

/// <summary>Browser test classes run one after another: each starts a host and a Chromium, which on a 2-core
/// machine would otherwise starve each other into timeouts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
