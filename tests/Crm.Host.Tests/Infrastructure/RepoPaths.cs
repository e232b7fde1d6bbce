namespace Crm.Host.Tests.Infrastructure;

/// <summary>Where things are in the checkout, found from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The host's plugins folder, filled by the host's build with every module under modules/ and plugins/.</summary>
    public static string HostPlugins
    {
        get
        {
            // The test runs from tests/X/bin/<Configuration>/net10.0/; the host was built with the same configuration.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(Root, "host", "Crm.Host", "bin", configuration, "net10.0", "plugins");
        }
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CrmHost.sln")))
                return dir.FullName;
        throw new InvalidOperationException("CrmHost.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A new empty folder under the system temp folder, removed by the caller.</summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
