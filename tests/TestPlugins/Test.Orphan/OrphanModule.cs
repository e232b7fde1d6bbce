using Crm.Abstractions.Modules;

namespace Test.Orphan;

/// <summary>Depends on a module that no plugin folder provides.</summary>
public sealed class OrphanModule : ICrmModule
{
    public string Id => "orphan";
    public string DisplayName => "孤儿测试模块";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => ["missing"];

    public void ConfigureServices(ModuleServiceContext context) { }
}
