using Crm.Abstractions.Modules;

namespace Test.Throwing;

/// <summary>Fails while registering its services, as a module with a missing setting would.</summary>
public sealed class ThrowingModule : ICrmModule
{
    public const string Problem = "缺少配置 Throwing:ApiKey";

    public string Id => "throwing";
    public string DisplayName => "出错测试模块";
    public Version Version => new(1, 0, 0);

    public void ConfigureServices(ModuleServiceContext context) => throw new InvalidOperationException(Problem);
}
