using Crm.Abstractions.Modules;
using Test.Alpha;

namespace Test.Coupled;

/// <summary>Breaks the module boundary on purpose: it references <c>Test.Alpha</c>'s assembly instead of talking
/// through a contract. The architecture tests must catch it, which proves they would catch a real module doing so.</summary>
public sealed class CoupledModule : ICrmModule
{
    public string Id => "coupled";
    public string DisplayName => "越界测试模块";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => [new AlphaModule().Id];

    public void ConfigureServices(ModuleServiceContext context) { }
}
