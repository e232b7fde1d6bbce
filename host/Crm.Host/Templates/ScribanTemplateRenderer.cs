using System.Collections;
using System.Collections.Concurrent;
using Crm.Abstractions.Templates;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Crm.Host.Data;

namespace Crm.Host.Templates;

/// <summary><see cref="ITemplateRenderer"/> over Scriban. A site file <c>templates/{module}/{name}.sbn</c> wins over the
/// module's embedded default; each template is parsed once (restart to pick up a changed file that parsed before;
/// one that failed to parse or was missing is looked up again on the next render).</summary>
internal sealed class ScribanTemplateRenderer(IEnumerable<TemplateSource> sources, IOptions<TemplateOptions> options, IHostEnvironment environment)
    : ITemplateRenderer
{
    readonly ConcurrentDictionary<(string Module, string Name), Lazy<Template>> cache = new();
    readonly string overrideRoot = Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public async Task<string> RenderAsync(string moduleId, string templateName, object model, CancellationToken cancellationToken = default)
    {
        var template = Get(moduleId, templateName);
        var context = NewContext(cancellationToken);
        var globals = new ScriptObject();
        Import(globals, model);
        context.PushGlobal(globals);
        var file = template.SourceFilePath ?? $"{moduleId}/{templateName}.sbn";
        try
        {
            return await template.RenderAsync(context);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateException(file, ex.Span.Start.Line + 1, ex.Span.Start.Column + 1, ex.OriginalMessage, ex);
        }
        catch (Exception ex) when (ex is not TemplateException)
        {
            // E.g. a model property that throws: still say where in the template it happened.
            var span = context.CurrentNode?.Span;
            throw new TemplateException(file, span is { } s ? s.Start.Line + 1 : 0, span is { } c ? c.Start.Column + 1 : 0, ex.Message, ex);
        }
    }

    /// <summary>Limits that keep a careless or hostile override from hanging or exhausting the host.</summary>
    static TemplateContext NewContext(CancellationToken cancellationToken) => new()
    {
        LoopLimit = 1000,
        RecursiveLimit = 50,
        ObjectRecursionLimit = 20,
        LimitToString = 1_000_000,
        OutputLimit = 5_000_000,
        CancellationToken = cancellationToken,
        // No include: a template is one file, and an include could read any file the host can.
        TemplateLoader = null,
    };

    /// <summary>The parsed template, cached once it parsed; a failure is not cached, so a fixed override file is used
    /// on the next render without a restart.</summary>
    Template Get(string moduleId, string templateName)
    {
        var key = (moduleId, templateName);
        var lazy = cache.GetOrAdd(key, k => new Lazy<Template>(() => Load(k.Module, k.Name)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<(string, string), Lazy<Template>>(key, lazy));
            throw;
        }
    }

    /// <summary>Where a template comes from: the override file if there is one, else the embedded resource.</summary>
    internal (string Path, string Text)? Find(string moduleId, string templateName)
    {
        if (!IsSafeName(moduleId) || !IsSafeName(templateName))
            throw new TemplateException($"{moduleId}/{templateName}.sbn", 0, 0, "模块 id 或模板名称无效");
        var file = Path.Combine(overrideRoot, moduleId, templateName + ".sbn");
        if (File.Exists(file))
            return (file, File.ReadAllText(file));

        foreach (var source in sources.Where(s => s.ModuleId == moduleId))
        {
            var resource = source.Assembly.GetManifestResourceNames()
                .FirstOrDefault(n => n.EndsWith($".{templateName}.sbn", StringComparison.Ordinal));
            if (resource is null) continue;
            using var stream = source.Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            return ($"{moduleId}:{templateName}.sbn (内置)", reader.ReadToEnd());
        }
        return null;
    }

    // Both parts become a path under the override folder: no separators, no "..", nothing rooted.
    static bool IsSafeName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.IndexOfAny(['/', '\\', ':']) < 0 && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>Every site override file with its parse errors, so that a broken override is shown, not ignored.</summary>
    internal IEnumerable<TemplateException> CheckOverrides()
    {
        if (!Directory.Exists(overrideRoot)) yield break;
        foreach (var file in Directory.EnumerateFiles(overrideRoot, "*.sbn", SearchOption.AllDirectories))
        {
            var parsed = Template.Parse(File.ReadAllText(file), file);
            if (parsed.HasErrors)
                yield return Error(parsed, file);
        }
    }

    Template Load(string moduleId, string templateName)
    {
        var (path, text) = Find(moduleId, templateName)
            ?? throw new TemplateException($"{moduleId}/{templateName}.sbn", 0, 0, $"模块 {moduleId} 没有模板 {templateName}");
        var template = Template.Parse(text, path);
        if (template.HasErrors)
            throw Error(template, path);
        return template;
    }

    static TemplateException Error(Template template, string path)
    {
        var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
        return new TemplateException(path, first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
    }

    static void Import(ScriptObject globals, object? model)
    {
        if (model is null) return;
        if (model is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
                globals[entry.Key.ToString()!] = entry.Value;
        }
        else
        {
            globals.Import(model);
        }
    }
}

internal static class TemplateServices
{
    public static IServiceCollection AddCrmTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TemplateOptions>(configuration.GetSection(TemplateOptions.Section));
        services.AddSingleton(new TemplateSource(HostDbContext.ModuleId, typeof(ScribanTemplateRenderer).Assembly));
        services.AddSingleton<ScribanTemplateRenderer>();
        services.AddSingleton<ITemplateRenderer>(sp => sp.GetRequiredService<ScribanTemplateRenderer>());
        return services;
    }
}
