using Crm.Abstractions.Results;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Files;
using Crm.Dictionaries.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Dictionaries.Domain;

/// <summary>One problem of one row of an imported file: the row number as in the file (header = 1), the column and why.</summary>
public sealed record DictionaryImportError(int Row, string Field, string Message);

/// <summary>What an import did (or, for a dry run, would do). With any error nothing is saved and the counts say what
/// the file would have done once corrected.</summary>
public sealed record DictionaryImportResult(int Created, int Updated, int Failed, IReadOnlyList<DictionaryImportError> Errors, bool DryRun)
{
    public bool Saved => !DryRun && Errors.Count == 0;
}

/// <summary>An exported table ready for download.</summary>
public sealed record DictionaryExportFile(byte[] Content, string FileName, string ContentType);

/// <summary>Export of a type's entries as CSV/XLSX and import of such a file into a custom type, all rows or none.
/// The field rules are <see cref="DictionaryService"/>'s own (code, name and alias text); the rules that look at the
/// whole file (duplicates, parents, cycles, sibling names, alias clashes) are checked here against the file and the
/// type's entries together, before one SaveChanges writes everything.</summary>
internal sealed class DictionaryTransfer(DictionariesDbContext db, DictionaryCache cache, IAuditLog audit, ITableFiles tables)
{
    public const string CodeColumn = "编码", NameColumn = "名称", ParentColumn = "上级编码", OrderColumn = "排序", AliasesColumn = "别名";
    static readonly char[] AliasSeparators = ['；', ';'];

    static readonly Dictionary<string, string> HeaderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["编码"] = CodeColumn, ["code"] = CodeColumn,
        ["名称"] = NameColumn, ["name"] = NameColumn,
        ["上级编码"] = ParentColumn, ["parent code"] = ParentColumn, ["parentcode"] = ParentColumn, ["parent_code"] = ParentColumn, ["parent"] = ParentColumn,
        ["排序"] = OrderColumn, ["order"] = OrderColumn,
        ["别名"] = AliasesColumn, ["aliases"] = AliasesColumn, ["alias"] = AliasesColumn,
    };

    // ---- Export ----

    public async Task<Outcome<DictionaryExportFile>> ExportAsync(string typeCode, string? format, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        TableFormat tableFormat;
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "xlsx": tableFormat = TableFormat.Xlsx; break;
            case "csv": tableFormat = TableFormat.Csv; break;
            default: return Outcome<DictionaryExportFile>.Invalid("format", "导出格式只能是 csv 或 xlsx");
        }
        var type = await db.Types.AsNoTracking().SingleOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null) return Outcome<DictionaryExportFile>.Missing($"字典类型“{typeCode}”");

        var tree = new EntryTree(await db.Entries.AsNoTracking().Where(e => e.TypeId == type.Id).ToListAsync(ct));
        var aliases = (await db.Aliases.AsNoTracking().Where(a => db.Entries.Any(e => e.Id == a.EntryId && e.TypeId == type.Id)).ToListAsync(ct))
            .ToLookup(a => a.EntryId);
        // Tree order: every parent comes before its children, so the file imports as it is.
        var rows = tree.Descendants(null, includeDisabled: true).Select((x, i) => new TableRow(i + 2,
        [
            x.Entry.Code, x.Entry.Name, tree.CodeOf(x.Entry.ParentId) ?? "", x.Entry.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join("；", aliases[x.Entry.Id].Select(a => a.Label).Order(StringComparer.Ordinal)),
        ])).ToList();
        var table = new TableData([CodeColumn, NameColumn, ParentColumn, OrderColumn, AliasesColumn], rows);

        using var buffer = new MemoryStream();
        await tables.WriteAsync(buffer, tableFormat, table, ct);
        return tableFormat == TableFormat.Csv
            ? new DictionaryExportFile(buffer.ToArray(), $"{type.Code}.csv", "text/csv; charset=utf-8")
            : new DictionaryExportFile(buffer.ToArray(), $"{type.Code}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    // ---- Import ----

    sealed record ImportRow(int Number, string Code, string Name, string? ParentCode, int? Order, IReadOnlyList<string> Aliases)
    {
        public DictionaryEntry? Existing { get; set; }
    }

    public async Task<Outcome<DictionaryImportResult>> ImportAsync(string typeCode, Stream content, string fileName, string? encoding, bool dryRun, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var type = await db.Types.AsNoTracking().SingleOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null) return Outcome<DictionaryImportResult>.Missing($"字典类型“{typeCode}”");
        if (type.IsSystem) return Outcome<DictionaryImportResult>.Conflicting($"“{type.Name}”是系统字典类型，不能导入。请在自定义字典类型中导入。");

        TableData table;
        try
        {
            table = await tables.ReadAsync(content, fileName, new TableReadOptions(Encoding: string.IsNullOrWhiteSpace(encoding) ? null : encoding.Trim()), ct);
        }
        catch (TableFileException e)
        {
            return Outcome<DictionaryImportResult>.Invalid("file", e.Message);
        }

        var columns = new Dictionary<string, int>();
        for (var i = 0; i < table.Headers.Count; i++)
            if (HeaderNames.TryGetValue(table.Headers[i].Trim(), out var column)) columns.TryAdd(column, i);
        var missing = new[] { CodeColumn, NameColumn }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return Outcome<DictionaryImportResult>.Invalid("file", $"文件缺少列：{string.Join("、", missing)}（表头可用：编码/code、名称/name、上级编码/parent code、排序/order、别名/aliases）");

        var errors = new List<DictionaryImportError>();
        void Fail(int row, string field, string message) => errors.Add(new DictionaryImportError(row, field, message));
        string Cell(TableRow row, string column) => columns.TryGetValue(column, out var i) ? row.Cell(i).Trim() : "";

        // 1. Each row on its own, with the service's field rules.
        var rows = new List<ImportRow>();
        foreach (var row in table.Rows)
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            var fields = new FieldErrors();
            var code = Cell(row, CodeColumn);
            DictionaryService.ValidateCode(fields, code);
            var name = Cell(row, NameColumn);
            DictionaryService.ValidateNameText(fields, name);
            var orderText = Cell(row, OrderColumn);
            int? order = null;
            if (orderText.Length > 0)
            {
                if (int.TryParse(orderText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)) order = value;
                else fields.Add("order", $"排序“{orderText}”不是整数");
            }
            var aliases = new List<string>();
            foreach (var label in Cell(row, AliasesColumn).Split(AliasSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var aliasErrors = new FieldErrors();
                DictionaryService.ValidateAliasText(aliasErrors, label);
                foreach (var message in aliasErrors.ToDictionary().SelectMany(e => e.Value)) fields.Add("label", $"别名“{label}”：{message}");
                if (!aliasErrors.Any && !aliases.Any(a => LabelNormalizer.Normalize(a) == LabelNormalizer.Normalize(label))) aliases.Add(label);
            }
            foreach (var (field, messages) in fields.ToDictionary())
                foreach (var message in messages)
                    Fail(row.Number, ColumnOf(field), message);
            var parent = Cell(row, ParentColumn);
            rows.Add(new ImportRow(row.Number, code, name, parent.Length == 0 ? null : parent, order, aliases));
        }

        // 2. The file against itself and the type's entries.
        var existing = await db.Entries.Where(e => e.TypeId == type.Id).ToListAsync(ct);
        var tree = new EntryTree(existing);
        var existingAliases = await db.Aliases.Where(a => db.Entries.Any(e => e.Id == a.EntryId && e.TypeId == type.Id)).ToListAsync(ct);

        var byCode = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Code.Length > 0))
        {
            if (byCode.TryGetValue(row.Code, out var first)) Fail(row.Number, CodeColumn, $"编码“{row.Code}”与第 {first.Number} 行重复");
            else
            {
                byCode[row.Code] = row;
                row.Existing = tree.Find(row.Code);
            }
        }

        // Parent of every code after the import: the file's for its rows, the database's for the rest.
        string? ParentOf(string code) => byCode.TryGetValue(code, out var r) ? r.ParentCode : tree.CodeOf(tree.Find(code)?.ParentId);
        bool Known(string code) => byCode.ContainsKey(code) || tree.Find(code) is not null;

        foreach (var row in rows.Where(r => r.ParentCode is not null))
        {
            if (!type.Hierarchical) Fail(row.Number, ParentColumn, "该字典类型为平铺结构，字典项不能有上级");
            else if (row.ParentCode == row.Code) Fail(row.Number, ParentColumn, "上级不能是字典项自己");
            else if (!Known(row.ParentCode!)) Fail(row.Number, ParentColumn, $"上级编码“{row.ParentCode}”在文件和该字典类型中都不存在");
            else if (byCode.GetValueOrDefault(row.Code) == row)
            {
                // Walk up; coming back to this code is a cycle.
                var seen = new HashSet<string>(StringComparer.Ordinal) { row.Code };
                var cycle = false;
                for (var p = row.ParentCode; p is not null; p = ParentOf(p))
                {
                    if (!seen.Add(p)) { cycle = p == row.Code; break; }
                }
                if (cycle) Fail(row.Number, ParentColumn, $"上级关系形成循环（{string.Join(" → ", CyclePath(row.Code, ParentOf))}）");
            }
        }

        // Sibling names and alias clashes, on the type as it would be after the import.
        var finals = existing.Where(e => !byCode.ContainsKey(e.Code))
            .Select(e => (Code: e.Code, Name: e.Name, Parent: tree.CodeOf(e.ParentId), Row: (ImportRow?)null))
            .Concat(byCode.Values.Select(r => (Code: r.Code, Name: r.Name, Parent: r.ParentCode, Row: (ImportRow?)r)))
            .Where(e => e.Name.Length > 0).ToList();
        foreach (var group in finals.GroupBy(e => (e.Parent ?? "", LabelNormalizer.Normalize(e.Name))).Where(g => g.Count() > 1))
        {
            var members = group.ToList();
            foreach (var member in members.Where(m => m.Row is not null))
            {
                var other = members.First(m => m.Code != member.Code);
                var where = other.Row is { } otherRow ? $"第 {otherRow.Number} 行" : "已有字典项";
                Fail(member.Row!.Number, NameColumn, $"{(member.Parent is null ? "顶级字典项中" : "同一上级下")}已有同名项“{other.Name}”（{where}，编码 {other.Code}）");
            }
        }
        var nameOwners = finals.ToLookup(e => LabelNormalizer.Normalize(e.Name), e => e.Code);
        var aliasOwners = existingAliases.Select(a => (a.NormalizedLabel, Code: tree.Find(a.EntryId)?.Code ?? ""))
            .Concat(byCode.Values.SelectMany(r => r.Aliases.Select(a => (NormalizedLabel: LabelNormalizer.Normalize(a), Code: r.Code))))
            .ToLookup(a => a.NormalizedLabel, a => a.Code);
        foreach (var row in byCode.Values)
            foreach (var alias in row.Aliases)
            {
                var key = LabelNormalizer.Normalize(alias);
                if (key == LabelNormalizer.Normalize(row.Name)) Fail(row.Number, AliasesColumn, $"别名“{alias}”与名称相同");
                else if (nameOwners[key].Concat(aliasOwners[key]).FirstOrDefault(c => c != row.Code) is { } other)
                    Fail(row.Number, AliasesColumn, $"别名“{alias}”与字典项“{other}”的名称或别名相同");
            }

        var created = byCode.Values.Count(r => r.Existing is null);
        var updated = byCode.Values.Count - created;
        var sorted = errors.OrderBy(e => e.Row).ToList();
        var failed = sorted.Select(e => e.Row).Distinct().Count();
        if (errors.Count > 0 || dryRun) return new DictionaryImportResult(created, updated, failed, sorted, dryRun);

        // 3. Everything in one SaveChanges (one transaction), parents before children.
        var ids = existing.ToDictionary(e => e.Code, e => e.Id, StringComparer.Ordinal);
        var nextOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in existing) nextOrder[tree.CodeOf(e.ParentId) ?? ""] = Math.Max(nextOrder.GetValueOrDefault(tree.CodeOf(e.ParentId) ?? ""), e.Order);
        foreach (var row in DependencyOrder(byCode))
        {
            var entry = row.Existing ?? new DictionaryEntry { TypeId = type.Id, Code = row.Code };
            if (row.Existing is null)
            {
                db.Entries.Add(entry);
                ids[row.Code] = entry.Id;
            }
            var parentId = row.ParentCode is null ? (Guid?)null : ids[row.ParentCode];
            var parentKey = row.ParentCode ?? "";
            var order = row.Order ?? (entry.ParentId == parentId && row.Existing is not null ? entry.Order : nextOrder.GetValueOrDefault(parentKey) + 1);
            nextOrder[parentKey] = Math.Max(nextOrder.GetValueOrDefault(parentKey), order);
            if (row.Existing is null || entry.Name != row.Name || entry.ParentId != parentId || entry.Order != order)
            {
                entry.Name = row.Name;
                entry.ParentId = parentId;
                entry.Order = order;
                entry.Version = Guid.NewGuid();
            }
            foreach (var alias in row.Aliases)
            {
                var key = LabelNormalizer.Normalize(alias);
                if (existingAliases.Any(a => a.EntryId == entry.Id && a.NormalizedLabel == key)) continue;
                db.Aliases.Add(new DictionaryAlias { EntryId = entry.Id, Label = alias, NormalizedLabel = key });
                entry.Version = Guid.NewGuid();
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome<DictionaryImportResult>.Conflicting($"导入未保存：字典类型“{type.Name}”的数据刚被他人修改，或几项同时互换名称。请刷新后重新导入。");
        }
        cache.Invalidate();
        await audit.WriteAsync(new AuditRecord("import", nameof(DictionaryType), type.Id.ToString(),
            Summary: $"{type.Name}：从文件“{fileName}”导入，新增 {created} 项，更新 {updated} 项"), ct);
        return new DictionaryImportResult(created, updated, 0, [], false);
    }

    static string ColumnOf(string field) => field switch
    {
        "code" => CodeColumn,
        "name" => NameColumn,
        "order" => OrderColumn,
        "label" => AliasesColumn,
        _ => ParentColumn,
    };

    static List<string> CyclePath(string start, Func<string, string?> parentOf)
    {
        var path = new List<string> { start };
        for (var p = parentOf(start); p is not null && p != start && path.Count < 50; p = parentOf(p)) path.Add(p);
        path.Add(start);
        return path;
    }

    /// <summary>The rows with every parent from the file before its children (the file is free of cycles by now).</summary>
    static List<ImportRow> DependencyOrder(Dictionary<string, ImportRow> byCode)
    {
        var ordered = new List<ImportRow>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(ImportRow row)
        {
            if (!done.Add(row.Code)) return;
            if (row.ParentCode is { } parent && byCode.TryGetValue(parent, out var parentRow)) Visit(parentRow);
            ordered.Add(row);
        }
        foreach (var row in byCode.Values.OrderBy(r => r.Number)) Visit(row);
        return ordered;
    }
}
