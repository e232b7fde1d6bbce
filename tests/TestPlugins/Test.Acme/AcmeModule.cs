using Crm.Abstractions.Modules;

namespace Test.Acme;

/// <summary>A company plugin on top of <c>beta</c>. Its id and folder sort before alpha's and beta's, so only
/// dependency ordering (not the folder or id order) puts it last.</summary>
public sealed class AcmeModule : ICrmModule
{
    public string Id => "acme";
    public string DisplayName => "Acme 公司插件";
    public Version Version => new(0, 9, 0);
    public IReadOnlyList<string> Dependencies => ["beta"];

    public void ConfigureServices(ModuleServiceContext context) { }
}
