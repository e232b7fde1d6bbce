namespace Crm.Architecture.Tests;

/// <summary>The rule "modules never reference each other": a violation is a module whose project file or built
/// assembly references another module of the set.</summary>
public static class ModuleBoundaries
{
    public static IReadOnlyList<string> ProjectViolations(IReadOnlyCollection<Project> modules)
    {
        var moduleFiles = modules.Select(m => m.File).ToHashSet(StringComparer.Ordinal);
        return modules
            .SelectMany(m => m.ReferencedProjectFiles.Where(moduleFiles.Contains)
                .Select(r => $"{m.RelativePath} references module project {Path.GetFileName(r)}"))
            .ToList();
    }

    public static IReadOnlyList<string> AssemblyViolations(IReadOnlyCollection<Project> modules)
    {
        var moduleNames = modules.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return modules
            .Where(m => m.BuiltAssembly is not null)
            .SelectMany(m => Projects.AssemblyReferences(m.BuiltAssembly!).Where(moduleNames.Contains)
                .Select(r => $"{m.Name}.dll references module assembly {r}"))
            .ToList();
    }
}
