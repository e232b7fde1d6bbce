using Crm.Host.Modules;

namespace Crm.Plugins.Tests.Modules;

/// <summary>A module built against another major version of Crm.Abstractions is refused before it can fail oddly.</summary>
public sealed class AbstractionsVersionTests
{
    [Theory]
    [InlineData("1.0.0", "1.0.0")]
    [InlineData("1.0.0", "1.7.0")]
    [InlineData("1.9.3", "1.0.0")]
    public void Same_major_version_is_compatible(string built, string host) =>
        Assert.Null(ModuleCatalog.AbstractionsVersionProblem("Acme.Crm.Visits", Version.Parse(built), Version.Parse(host)));

    [Theory]
    [InlineData("2.0.0", "1.0.0", "2.x", "1.x")]
    [InlineData("0.9.0", "1.0.0", "0.x", "1.x")]
    [InlineData("1.0.0", "2.1.0", "1.x", "2.x")]
    public void Other_major_version_is_refused_naming_the_module_and_both_versions(string built, string host, string builtMajor, string hostMajor)
    {
        var problem = ModuleCatalog.AbstractionsVersionProblem("Acme.Crm.Visits", Version.Parse(built), Version.Parse(host));

        Assert.NotNull(problem);
        Assert.Contains("Acme.Crm.Visits", problem);
        Assert.Contains(builtMajor, problem);
        Assert.Contains(hostMajor, problem);
    }
}
