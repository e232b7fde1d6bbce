using Crm.Abstractions.Modules;

namespace Test.Cycle1;

/// <summary>With <c>cycle2</c>, a dependency cycle.</summary>
public sealed class Cycle1Module : ICrmModule
{
    public string Id => "cycle1";
    public string DisplayName => "循环一";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => ["cycle2"];

    public void ConfigureServices(ModuleServiceContext context) { }
}
