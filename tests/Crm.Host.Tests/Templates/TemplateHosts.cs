using Crm.Host.Tests.Infrastructure;

namespace Crm.Host.Tests.Templates;

/// <summary>A host whose site template folder (<c>Templates:Path</c>) holds the given files before it starts,
/// so its template cache starts empty.</summary>
public abstract class TemplateSiteHost : CrmHostFactory
{
    protected TemplateSiteHost(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var file = Path.Combine(TemplatesFolder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    public string TemplatesFolder => Path.Combine(DataFolder, "templates");
}

/// <summary>No override of the host's templates; a few site templates that exercise the renderer.</summary>
public sealed class RenderingHost() : TemplateSiteHost(
    ("host/model.sbn", "{{ sent_by }}|{{ customer.display_name }}|{{ for line in lines }}{{ line.unit_price }};{{ end }}"),
    ("host/dictionary.sbn", "{{ region }}:{{ stats.total }}:{{ stats[\"客户数\"] }}"),
    ("host/runtime-error.sbn", "第一行\n第二行 {{ no_such_function(1) }}\n"),
    ("host/endless.sbn", "{{ for i in 1..100000 }}x{{ end }}"),
    ("host/include.sbn", "{{ include 'model' }}"));

/// <summary>A site override of the host's test e-mail.</summary>
public sealed class OverrideHost() : TemplateSiteHost(
    ("host/test-email.sbn", "<p>本公司的测试邮件，发件人 {{ sent_by }}</p>"));

/// <summary>A site override of the host's test e-mail with a syntax error on line 3.</summary>
public sealed class BrokenOverrideHost() : TemplateSiteHost(
    ("host/test-email.sbn", "<h2>测试</h2>\n<p>{{ sent_by }}</p>\n<p>{{ 1 + }}</p>\n"));
