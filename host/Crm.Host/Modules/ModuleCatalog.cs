using System.Reflection;
using Crm.Abstractions.Modules;
using McMaster.NETCore.Plugins;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Modules;

/// <summary>State of a module as the host sees it.</summary>
public enum ModuleState { Loaded, Disabled, Failed }

/// <summary>A module found in the plugins folder, loaded or not, and why not.</summary>
public sealed record ModuleEntry(string Folder, string Id, string Name, string Version, ModuleState State, string? Reason, ICrmModule? Module);

/// <summary>Finds the modules in <c>plugins/&lt;Name&gt;/</c>, loads them with McMaster.NETCore.Plugins sharing the
/// SDK, ASP.NET, EF Core and MudBlazor types with the host, and orders them by their declared dependencies.</summary>
public sealed class ModuleCatalog
{
    // Types whose assemblies plugins must share with the host, or contracts and components would not match.
    static readonly Type[] SharedTypes =
    [
        typeof(ICrmModule), typeof(ComponentBase), typeof(DbContext), typeof(MudBlazor.MudComponentBase),
        typeof(SqliteDbContextOptionsBuilderExtensions),
    ];

    public IReadOnlyList<ModuleEntry> Entries { get; }

    /// <summary>Loaded modules in dependency order.</summary>
    public IReadOnlyList<ICrmModule> Modules { get; }

    ModuleCatalog(IReadOnlyList<ModuleEntry> entries, IReadOnlyList<ICrmModule> modules)
    {
        Entries = entries;
        Modules = modules;
    }

    public IEnumerable<ModuleEntry> Failures => Entries.Where(e => e.State == ModuleState.Failed);

    /// <summary>Loads every plugin folder under <paramref name="pluginsPath"/>. Problems are recorded per module
    /// rather than thrown, so that <c>Crm.Host modules</c> can list them; the web host refuses to start on any.</summary>
    public static ModuleCatalog Load(string pluginsPath, IReadOnlyCollection<string> disabled, bool pathRequired = false)
    {
        var entries = new List<ModuleEntry>();
        if (!Directory.Exists(pluginsPath))
        {
            if (pathRequired)
                entries.Add(Failed(pluginsPath, "?", $"配置 Modules:Path 指定的插件目录不存在: {pluginsPath}"));
            return new ModuleCatalog(entries, []);
        }

        string[] folders;
        try
        {
            folders = Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            entries.Add(Failed(pluginsPath, "?", $"无法读取插件目录 {pluginsPath}: {ex.Message}"));
            return new ModuleCatalog(entries, []);
        }

        foreach (var folder in folders)
            entries.Add(LoadFolder(folder, disabled));

        MarkDuplicates(entries);
        MarkUnknownDisabled(entries, disabled);
        var ordered = OrderByDependencies(entries);
        return new ModuleCatalog(entries, ordered);
    }

    static ModuleEntry LoadFolder(string folder, IReadOnlyCollection<string> disabled)
    {
        var name = Path.GetFileName(folder);
        var assemblyPath = Path.Combine(folder, name + ".dll");
        if (!File.Exists(assemblyPath))
            return Failed(folder, name, $"插件目录 {name} 中缺少 {name}.dll");
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            var incompatible = AbstractionsVersionProblem(assembly);
            if (incompatible is not null)
                return Failed(folder, name, incompatible);

            var moduleTypes = assembly.GetTypes()
                .Where(t => typeof(ICrmModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToList();
            if (moduleTypes.Count != 1)
                return Failed(folder, name, moduleTypes.Count == 0
                    ? $"{name}.dll 中没有实现 ICrmModule 的类型"
                    : $"{name}.dll 中有多个 ICrmModule 实现: {string.Join(", ", moduleTypes.Select(t => t.Name))}");

            var module = (ICrmModule)Activator.CreateInstance(moduleTypes[0])!;
            var isDisabled = disabled.Contains(module.Id, StringComparer.OrdinalIgnoreCase)
                             || disabled.Contains(name, StringComparer.OrdinalIgnoreCase);
            return new ModuleEntry(folder, module.Id, module.DisplayName, module.Version.ToString(),
                isDisabled ? ModuleState.Disabled : ModuleState.Loaded, isDisabled ? "已在配置 Modules:Disabled 中禁用" : null, module);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var detail = ex is ReflectionTypeLoadException rtle
                ? string.Join("; ", rtle.LoaderExceptions.Select(e => e?.Message).Distinct())
                : ex.GetBaseException().Message;
            return Failed(folder, name, $"无法加载模块 {name}: {detail}");
        }
    }

    /// <summary>A module built against another major version of Crm.Abstractions would fail at run time in ways
    /// that are hard to read; refuse it up front.</summary>
    internal static string? AbstractionsVersionProblem(Assembly assembly)
    {
        var hostVersion = typeof(ICrmModule).Assembly.GetName().Version!;
        var referenced = assembly.GetReferencedAssemblies()
            .FirstOrDefault(a => a.Name == typeof(ICrmModule).Assembly.GetName().Name);
        if (referenced?.Version is null)
            return $"{assembly.GetName().Name} 没有引用 Crm.Abstractions";
        return AbstractionsVersionProblem(assembly.GetName().Name!, referenced.Version, hostVersion);
    }

    internal static string? AbstractionsVersionProblem(string module, Version built, Version host) =>
        built.Major == host.Major
            ? null
            : $"模块 {module} 基于 Crm.Abstractions {built.Major}.x 构建，而主机提供 {host.Major}.x，版本不兼容";

    static void MarkDuplicates(List<ModuleEntry> entries)
    {
        foreach (var group in entries.Where(e => e.Module is not null).GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var folders = string.Join(", ", group.Select(e => Path.GetFileName(e.Folder)));
            foreach (var entry in group.ToList())
                entries[entries.IndexOf(entry)] = entry with { State = ModuleState.Failed, Reason = $"模块 id '{entry.Id}' 重复（{folders}）" };
        }
    }

    static void MarkUnknownDisabled(List<ModuleEntry> entries, IReadOnlyCollection<string> disabled)
    {
        foreach (var id in disabled.Where(d => !entries.Any(e =>
                     string.Equals(e.Id, d, StringComparison.OrdinalIgnoreCase) ||
                     string.Equals(Path.GetFileName(e.Folder), d, StringComparison.OrdinalIgnoreCase))))
            entries.Add(Failed("(configuration)", id, $"配置 Modules:Disabled 中的模块 '{id}' 不存在"));
    }

    /// <summary>Topological order; a module whose dependency is missing, disabled or failed fails itself, naming it.</summary>
    static List<ICrmModule> OrderByDependencies(List<ModuleEntry> entries)
    {
        bool changed;
        do
        {
            changed = false;
            var available = entries.Where(e => e.State == ModuleState.Loaded).Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (entry.State != ModuleState.Loaded) continue;
                var missing = entry.Module!.Dependencies.Where(d => !available.Contains(d)).ToList();
                if (missing.Count == 0) continue;
                entries[i] = entry with { State = ModuleState.Failed, Reason = $"模块 {entry.Id} 依赖的模块不存在或未启用: {string.Join(", ", missing)}" };
                changed = true;
            }
        } while (changed);

        var loaded = entries.Where(e => e.State == ModuleState.Loaded).ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ICrmModule>();
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cycle = false;
        foreach (var id in loaded.Keys.Order(StringComparer.Ordinal))
            Visit(id);
        // A module in a cycle failed; those that depend on it must fail too.
        return cycle ? OrderByDependencies(entries) : ordered;

        void Visit(string id)
        {
            if (done.Contains(id)) return;
            if (!visiting.Add(id))
            {
                var i = entries.FindIndex(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
                entries[i] = entries[i] with { State = ModuleState.Failed, Reason = $"模块 {id} 存在循环依赖" };
                cycle = true;
                return;
            }
            foreach (var dependency in loaded[id].Module!.Dependencies)
                Visit(dependency);
            visiting.Remove(id);
            done.Add(id);
            if (entries.First(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)).State == ModuleState.Loaded)
                ordered.Add(loaded[id].Module!);
        }
    }

    static ModuleEntry Failed(string folder, string name, string reason) =>
        new(folder, name, name, "", ModuleState.Failed, reason, null);
}

/// <summary>Thrown at startup when a module cannot be loaded or registered; the message names the module.</summary>
public sealed class ModuleLoadException(string message, Exception? inner = null) : Exception(message, inner);
