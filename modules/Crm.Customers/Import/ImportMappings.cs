using System.Text.Json;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Import;

/// <summary>Named column mappings (导入模板), shared by everyone who imports: saved from a file's headers and a mapping,
/// applied to another file by header text (the n-th occurrence for a header that repeats).</summary>
internal sealed class ImportMappings(CustomersDbContext db, ICurrentUser user)
{
    const string What = "导入模板";

    public async Task<IReadOnlyList<ImportMappingTemplate>> ListAsync(ImportKind? kind, CancellationToken ct)
    {
        var query = db.ImportMappings.AsNoTracking();
        if (kind is { } k) query = query.Where(m => m.Kind == k);
        return (await query.OrderBy(m => m.Name).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<IReadOnlyList<string>> NamesAsync(ImportKind kind, CancellationToken ct) =>
        await db.ImportMappings.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(ct);

    public async Task<Outcome<ImportMappingTemplate>> GetAsync(string name, CancellationToken ct) =>
        await FindAsync(name, ct) is { } mapping ? View(mapping) : Outcome<ImportMappingTemplate>.Missing(What);

    public async Task<Outcome<ImportMappingTemplate>> SaveAsync(string name, ImportMappingInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", "模板名称", name).MaxLength("name", "模板名称", name, 50);
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "导入类型只能是 Customers（客户）或 Contacts（联系人）");
        var headers = input.Headers ?? [];
        var columns = input.Columns ?? [];
        if (headers.Count == 0) errors.Add("headers", "请提供文件的列标题");
        if (columns.Count != headers.Count) errors.Add("columns", $"映射应与列标题一一对应（{headers.Count} 列，收到 {columns.Count} 个）");
        if (!errors.Any && ImportColumns.Problem(input.Kind, headers, columns) is { } problem) errors.Add("columns", problem);
        if (errors.Any) return Outcome<ImportMappingTemplate>.Invalid(errors);

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var saved = new List<ImportTemplateColumn>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = ImportFields.NormalizeHeader(headers[i]);
            var occurrence = seen[header] = seen.GetValueOrDefault(header) + 1;
            if (columns[i] is { } field) saved.Add(new ImportTemplateColumn(headers[i].Trim(), occurrence, field));
        }
        var trimmed = name.Trim();
        var mapping = await FindAsync(trimmed, ct, tracked: true);
        if (mapping is null) db.ImportMappings.Add(mapping = new ImportMapping { Name = trimmed });
        mapping.Kind = input.Kind;
        mapping.ColumnsJson = JsonSerializer.Serialize(saved, ImportJson.Options);
        mapping.UpdatedAt = DateTime.UtcNow;
        mapping.UpdatedBy = user.UserId;
        mapping.UpdatedByName = user.DisplayName;
        await db.SaveChangesAsync(ct);
        return View(mapping);
    }

    public async Task<Outcome<bool>> DeleteAsync(string name, CancellationToken ct)
    {
        if (await FindAsync(name, ct, tracked: true) is not { } mapping) return Outcome<bool>.Missing(What);
        db.ImportMappings.Remove(mapping);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The template's mapping for a file with these headers: a column gets the field saved for the same
    /// header text (and occurrence); columns the template does not know stay unmapped.</summary>
    public async Task<Outcome<IReadOnlyList<string?>>> ApplyAsync(string name, ImportKind kind, IReadOnlyList<string> headers, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is not { } mapping || mapping.Kind != kind)
            return Outcome<IReadOnlyList<string?>>.Invalid("mapping", $"没有名为「{name}」的{(kind == ImportKind.Contacts ? "联系人" : "客户")}导入模板");
        var saved = Columns(mapping).ToDictionary(c => (ImportFields.NormalizeHeader(c.Header), c.Occurrence), c => c.Field);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string?>();
        foreach (var header in headers)
        {
            var key = ImportFields.NormalizeHeader(header);
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            result.Add(saved.GetValueOrDefault((key, occurrence)));
        }
        return result;
    }

    async Task<ImportMapping?> FindAsync(string name, CancellationToken ct, bool tracked = false)
    {
        var trimmed = name.Trim();
        var query = tracked ? db.ImportMappings : db.ImportMappings.AsNoTracking();
        return await query.FirstOrDefaultAsync(m => m.Name == trimmed, ct);
    }

    static IReadOnlyList<ImportTemplateColumn> Columns(ImportMapping mapping) =>
        JsonSerializer.Deserialize<List<ImportTemplateColumn>>(mapping.ColumnsJson, ImportJson.Options) ?? [];

    static ImportMappingTemplate View(ImportMapping m) =>
        new(m.Name, m.Kind, Columns(m), m.UpdatedAt, m.UpdatedBy is { } id ? new ImportUserRef(id, m.UpdatedByName) : null);
}
