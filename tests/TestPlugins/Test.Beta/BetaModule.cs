using Crm.Abstractions.Modules;

namespace Test.Beta;

/// <summary>Depends on <c>alpha</c>, so it must be ordered after it.</summary>
public sealed class BetaModule : ICrmModule
{
    public string Id => "beta";
    public string DisplayName => "贝塔测试模块";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => ["alpha"];

    public void ConfigureServices(ModuleServiceContext context) { }
}
