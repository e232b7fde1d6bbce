using System.Reflection;

namespace Crm.Abstractions.Templates;

/// <summary>Renders a module's Scriban template (<c>{name}.sbn</c>). The module's embedded default is used unless
/// the site has a file <c>templates/{moduleId}/{name}.sbn</c>; parsed templates are cached.</summary>
public interface ITemplateRenderer
{
    /// <exception cref="TemplateException">The template is missing, does not parse, or fails while rendering.</exception>
    Task<string> RenderAsync(string moduleId, string templateName, object model, CancellationToken cancellationToken = default);
}

/// <summary>A template error with where it happened: template file, line and column (1-based; 0 when unknown).</summary>
public sealed class TemplateException(string template, int line, int column, string message, Exception? inner = null)
    : Exception($"{template}({line},{column}): {message}", inner)
{
    public string Template { get; } = template;
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>An assembly whose embedded resources named <c>*.Templates.{name}.sbn</c> are a module's default templates.</summary>
public sealed record TemplateSource(string ModuleId, Assembly Assembly);
