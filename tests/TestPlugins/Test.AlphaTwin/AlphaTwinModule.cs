using Crm.Abstractions.Modules;

namespace Test.AlphaTwin;

/// <summary>Claims the id of <c>Test.Alpha</c>; two modules with one id must both be refused.</summary>
public sealed class AlphaTwinModule : ICrmModule
{
    public string Id => "alpha";
    public string DisplayName => "阿尔法的双胞胎";
    public Version Version => new(1, 0, 0);

    public void ConfigureServices(ModuleServiceContext context) { }
}
