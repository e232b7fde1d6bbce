using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Abstractions;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Files;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>An export checked and ready to stream: how to write it, which columns, whether personal data goes out
/// in full, and what the download is called.</summary>
internal sealed record CustomerExportPlan(TableWriteOptions Options, IReadOnlyList<CustomerExportColumn> Columns, bool Reveal, string FileName, string ContentType);

/// <summary>客户导出: the customers the list's filter finds in the user's scope, as CSV or XLSX written straight to
/// the destination. Customers are read in keyset chunks by id with their primary contacts and tags, so an export
/// of any size holds one chunk. Every export is audited once it ends — also one the client broke off — with the
/// filter, the columns, the rows sent and whether personal data was masked.</summary>
internal sealed class CustomerExport(
    CustomersDbContext db,
    CustomerQuery query,
    CustomerAccess access,
    CustomerViews views,
    DictionaryLabels labels,
    PersonalData personal,
    IUserDirectory users,
    ITableFiles tables,
    IAuditLog audit)
{
    public const int ChunkSize = 2000;

    static readonly JsonSerializerOptions FilterJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Whether the user's exports carry personal data in full: only with both permissions, export and reveal.</summary>
    public static bool Reveals(ICurrentUser user) => user.HasPermission(CustomerPermissions.Export) && user.HasPermission(CustomerPermissions.RevealPii);

    /// <summary>Checks the request before anything is written: afterwards only the connection can fail.</summary>
    /// <param name="format">csv or xlsx (the default).</param>
    /// <param name="encoding">For CSV: utf8 (the default) or gb18030.</param>
    /// <param name="columns">Column keys separated by commas; none means <see cref="CustomerExportColumn.Defaults"/>.</param>
    public Outcome<CustomerExportPlan> Plan(string? format, string? encoding, string? columns, CustomerFilter filter)
    {
        if (!access.User.HasPermission(CustomerPermissions.Export)) return Outcome<CustomerExportPlan>.Refused("没有导出客户的权限");
        var errors = new FieldErrors();
        var tableFormat = TableFormat.Xlsx;
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "xlsx": break;
            case "csv": tableFormat = TableFormat.Csv; break;
            default: errors.Add("format", "导出格式只能是 csv 或 xlsx"); break;
        }
        var textEncoding = TableTextEncoding.Utf8Bom;
        switch (encoding?.Trim().ToLowerInvariant())
        {
            case null or "" or "utf8" or "utf-8": break;
            case "gb18030" or "gbk": textEncoding = TableTextEncoding.Gb18030; break;
            default: errors.Add("encoding", "编码只能是 utf8 或 gb18030"); break;
        }
        var keys = string.IsNullOrWhiteSpace(columns)
            ? CustomerExportColumn.Defaults
            : columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = keys.Where(k => !CustomerExportColumn.All.Any(c => c.Key.Equals(k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            errors.Add("columns", $"没有这些导出列：{string.Join("、", unknown)}（可用：{string.Join("、", CustomerExportColumn.All.Select(c => c.Key))}）");
        if (query.Refusal(filter) is { } refusal) errors.Add("deleted", refusal);
        if (errors.Any) return Outcome<CustomerExportPlan>.Invalid(errors);

        var chosen = keys.Select(k => CustomerExportColumn.All.First(c => c.Key.Equals(k, StringComparison.OrdinalIgnoreCase))).ToList();
        var csv = tableFormat == TableFormat.Csv;
        var gb18030 = textEncoding == TableTextEncoding.Gb18030;
        return new CustomerExportPlan(
            new TableWriteOptions(tableFormat, textEncoding),
            chosen,
            Reveals(access.User),
            $"客户导出-{ChinaTime.FromUtc(DateTime.UtcNow):yyyyMMdd-HHmm}.{(csv ? "csv" : "xlsx")}",
            !csv ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : gb18030 ? "text/csv; charset=gb18030" : "text/csv; charset=utf-8");
    }

    /// <summary>Writes the customers <paramref name="filter"/> finds (ordered by id) to <paramref name="destination"/>
    /// and returns how many rows were handed to the writer. The audit entry is written in any case, after the last
    /// byte or the failure.</summary>
    public async Task<int> WriteAsync(CustomerExportPlan plan, CustomerFilter filter, Stream destination, CancellationToken ct)
    {
        var sent = new RowCount();
        var finished = false;
        try
        {
            var customers = await query.FilterAsync(filter, ct);
            await tables.WriteAsync(destination, plan.Options, plan.Columns.Select(c => c.Header).ToList(), RowsAsync(customers, plan, sent, ct), ct);
            finished = true;
        }
        finally
        {
            // Not the request's token: a client that went away must still leave its entry.
            await audit.WriteAsync(new AuditRecord("export", nameof(Customer), null, Summary: Summary(plan, filter, sent.Rows, finished)), CancellationToken.None);
        }
        return sent.Rows;
    }

    sealed class RowCount
    {
        public int Rows;
    }

    async IAsyncEnumerable<IReadOnlyList<string>> RowsAsync(IQueryable<Customer> customers, CustomerExportPlan plan, RowCount sent,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var everyone = (await users.ListAsync(ct)).ToDictionary(u => u.Id);
        var departments = (await users.ListDepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var cells = new CustomerExportCells(labels, personal, plan.Reveal, ct);
        var needsContact = plan.Columns.Any(c => c.Key is "contact" or "position" or "mobile" or "officePhone" or "email");
        var needsTags = plan.Columns.Any(c => c.Key == "tags");
        var after = 0L;
        while (true)
        {
            var chunk = await customers.Where(c => c.Id > after).OrderBy(c => c.Id).Take(ChunkSize).AsNoTracking().ToListAsync(ct);
            if (chunk.Count == 0) yield break;
            after = chunk[^1].Id;
            var ids = chunk.Select(c => c.Id).ToList();
            var contacts = needsContact
                ? await db.Contacts.AsNoTracking().Where(x => ids.Contains(x.CustomerId) && x.IsPrimary).ToDictionaryAsync(x => x.CustomerId, ct)
                : new Dictionary<long, Contact>();
            var tags = needsTags ? await views.TagsAsync(ids, ct) : null;
            foreach (var customer in chunk)
            {
                var row = new CustomerExportRow(customer, contacts.GetValueOrDefault(customer.Id), tags?[customer.Id].ToList() ?? [],
                    everyone.GetValueOrDefault(customer.OwnerId), customer.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
                    views.IsChurnRisk(customer.LastFollowUpAt, customer.CreatedAt), cells);
                var values = new string[plan.Columns.Count];
                for (var i = 0; i < values.Length; i++) values[i] = await plan.Columns[i].Value(row);
                sent.Rows++;
                yield return values;
            }
            if (chunk.Count < ChunkSize) yield break;
        }
    }

    string Summary(CustomerExportPlan plan, CustomerFilter filter, int rows, bool finished)
    {
        var format = plan.Options.Format == TableFormat.Xlsx ? "Excel .xlsx"
            : plan.Options.Encoding == TableTextEncoding.Gb18030 ? "CSV GB18030" : "CSV UTF-8";
        var personalColumns = plan.Columns.Any(c => c.Personal)
            ? plan.Reveal ? "个人信息完整导出（未打码）" : "个人信息已打码"
            : "未导出个人信息";
        var shown = JsonSerializer.Serialize(filter with { Text = SearchTextForAudit(filter.Text) }, FilterJson);
        return $"导出客户 {rows} 条（{format}）{(finished ? "" : "，导出中断（连接断开或出错），以上为已发出的行数")}；" +
            $"列：{string.Join("、", plan.Columns.Select(c => c.Header))}；筛选：{(shown == "{}" ? "无" : shown)}；{personalColumns}";
    }

    /// <summary>The search text as the audit log may hold it: a complete mobile, ID number or e-mail address someone
    /// searched for is personal data, so it is masked like everywhere else.</summary>
    static string? SearchTextForAudit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return text;
        if (PhoneNumbers.NormalizeMobile(text) is not null) return Masking.Mobile(text);
        if (ResidentId.Normalize(text) is { Length: 18 }) return Masking.IdNumber(text);
        return text.Contains('@') ? Masking.Email(text) : text;
    }
}
