using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Architecture.Tests;

/// <summary>A project of the repository as the rules see it: its file, its references, and its built assembly if any.</summary>
public sealed record Project(string File)
{
    readonly XDocument xml = XDocument.Load(File);

    public string Name => Path.GetFileNameWithoutExtension(File);
    public string Folder => Path.GetDirectoryName(File)!;
    public string RelativePath => Path.GetRelativePath(RepoPaths.Root, File);

    public IEnumerable<XElement> ProjectReferences => Items("ProjectReference");
    public IEnumerable<XElement> PackageReferences => Items("PackageReference");

    /// <summary>Full paths of the projects this one references.</summary>
    public IEnumerable<string> ReferencedProjectFiles =>
        ProjectReferences.Select(r => Path.GetFullPath(Path.Combine(Folder, ((string)r.Attribute("Include")!).Replace('\\', '/'))));

    public IEnumerable<string> ReferencedProjectNames => ReferencedProjectFiles.Select(Path.GetFileNameWithoutExtension).OfType<string>();

    /// <summary>The assembly this project built with the configuration of the running tests, when it was built.</summary>
    public string? BuiltAssembly
    {
        get
        {
            var path = Path.Combine(Folder, "bin", Projects.Configuration, "net10.0", Name + ".dll");
            return System.IO.File.Exists(path) ? path : null;
        }
    }

    IEnumerable<XElement> Items(string name) => xml.Descendants().Where(e => e.Name.LocalName == name);

    public override string ToString() => RelativePath;
}

/// <summary>Finds the projects of the repository and reads assembly references without loading the assemblies.</summary>
public static class Projects
{
    /// <summary>Debug or Release: the tests run from tests/X/bin/&lt;Configuration&gt;/net10.0/.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static Project Abstractions => new(Path.Combine(RepoPaths.Root, "host", "Crm.Abstractions", "Crm.Abstractions.csproj"));
    public static Project Host => new(Path.Combine(RepoPaths.Root, "host", "Crm.Host", "Crm.Host.csproj"));

    /// <summary>Modules the real host loads: every project under modules/ and plugins/.</summary>
    public static IReadOnlyList<Project> Modules => In("modules").Concat(In("plugins")).ToList();

    /// <summary>The plugins the tests load, built the way real modules are.</summary>
    public static IReadOnlyList<Project> TestPlugins => In(Path.Combine("tests", "TestPlugins"));

    /// <summary>Every project file of the repository.</summary>
    public static IReadOnlyList<Project> All =>
        Directory.EnumerateFiles(RepoPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal)
            .Select(f => new Project(f))
            .ToList();

    static IReadOnlyList<Project> In(string folder)
    {
        var path = Path.Combine(RepoPaths.Root, folder);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, "*.csproj", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .Order(StringComparer.Ordinal).Select(f => new Project(f)).ToList()
            : [];
    }

    /// <summary>Names of the assemblies an assembly references, read from its metadata.</summary>
    public static IReadOnlyList<string> AssemblyReferences(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }
}
