using Crm.Host.Tests.Infrastructure;

namespace Crm.Plugins.Tests.Infrastructure;

/// <summary>A plugins folder of a test's own, filled with some of the test plugins the build copied to
/// <c>bin/.../testplugins/&lt;Name&gt;/</c>, or with broken folders. Deleted on dispose.</summary>
public sealed class TestPluginFolder : IDisposable
{
    public const string Alpha = "Test.Alpha";
    public const string Beta = "Test.Beta";
    public const string Acme = "Test.Acme";
    public const string Orphan = "Test.Orphan";
    public const string AlphaTwin = "Test.AlphaTwin";
    public const string Throwing = "Test.Throwing";
    public const string Cycle1 = "Test.Cycle1";
    public const string Cycle2 = "Test.Cycle2";

    static readonly string BuiltPlugins = System.IO.Path.Combine(AppContext.BaseDirectory, "testplugins");

    public string Path { get; } = RepoPaths.NewTempFolder("crm-plugins");

    public static TestPluginFolder With(params string[] plugins)
    {
        var folder = new TestPluginFolder();
        foreach (var plugin in plugins)
            folder.Add(plugin);
        return folder;
    }

    public TestPluginFolder Add(string plugin)
    {
        var source = System.IO.Path.Combine(BuiltPlugins, plugin);
        if (!Directory.Exists(source))
            throw new InvalidOperationException($"Test plugin {plugin} was not built to {source}; build the test project.");
        CopyDirectory(source, System.IO.Path.Combine(Path, plugin));
        return this;
    }

    /// <summary>A plugin folder without the assembly it is named after.</summary>
    public TestPluginFolder AddEmpty(string name)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, name));
        File.WriteAllText(System.IO.Path.Combine(Path, name, "readme.txt"), "the dll is missing");
        return this;
    }

    /// <summary>A plugin folder whose assembly is not a .NET assembly at all (a failed copy, a truncated download).</summary>
    public TestPluginFolder AddCorrupt(string name)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, name));
        File.WriteAllBytes(System.IO.Path.Combine(Path, name, name + ".dll"), [0x4D, 0x5A, 0x90, 0x00, 0xDE, 0xAD, 0xBE, 0xEF]);
        return this;
    }

    static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(source))
            CopyDirectory(directory, System.IO.Path.Combine(target, System.IO.Path.GetFileName(directory)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
