using Crm.Abstractions.Modules;

namespace Test.Cycle2;

/// <summary>With <c>cycle1</c>, a dependency cycle.</summary>
public sealed class Cycle2Module : ICrmModule
{
    public string Id => "cycle2";
    public string DisplayName => "循环二";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => ["cycle1"];

    public void ConfigureServices(ModuleServiceContext context) { }
}
