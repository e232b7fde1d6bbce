using System.Globalization;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Import;

/// <summary><c>import customers|contacts FILE [--mapping NAME] [--mode create|update|upsert] [--match credit-code|code|name]
/// [--dry-run] [--encoding gb18030] [--sheet NAME] [--all-or-nothing] [--skip-flagged] [--as USERNAME]</c>: the same
/// import as the web pages, run in this process as a user (by default the first administrator), with the same summary;
/// the rows not imported are written next to the file (<c>FILE.errors.csv</c>). Exit code 0 when every row went in,
/// 1 when rows failed or the import was refused, 2 for a wrong command line.</summary>
internal static class ImportVerb
{
    public const string Name = "import";
    const string KindArgument = "kind", FileArgument = "file";
    const string Mapping = "mapping", Mode = "mode", Match = "match", DryRun = "dry-run", Encoding = "encoding", Sheet = "sheet",
        AllOrNothing = "all-or-nothing", SkipFlagged = "skip-flagged", As = "as";

    public static CliVerb Create() => new(Name, "导入客户或联系人（CSV/XLSX），与网页导入规则相同", RunAsync)
    {
        Arguments = [new CliArgument(KindArgument, "customers（客户）或 contacts（联系人）"), new CliArgument(FileArgument, "要导入的 CSV 或 XLSX 文件")],
        Options =
        [
            new CliOption(Mapping, "使用已保存的导入模板（列映射）"),
            new CliOption(Mode, "create（只新增，默认）、update（只更新）或 upsert（新增或更新）"),
            new CliOption(Match, "匹配已有客户的依据：credit-code（默认）、code 或 name"),
            new CliOption(DryRun, "只检查，不写入", IsFlag: true),
            new CliOption(Encoding, "CSV 编码：utf-8 或 gb18030（默认自动识别）"),
            new CliOption(Sheet, "XLSX 工作表名称（默认第一个）"),
            new CliOption(AllOrNothing, "有任何一行未通过检查就不写入", IsFlag: true),
            new CliOption(SkipFlagged, "跳过疑似重复和异常的行（默认导入并标记为待修正）", IsFlag: true),
            new CliOption(As, "以哪个用户的身份导入（用户名，默认第一个管理员）"),
        ],
    };

    static async Task<int> RunAsync(CliInvocation invocation)
    {
        var output = invocation.Out;
        var errors = invocation.Error;
        var ct = invocation.CancellationToken;
        if (!Enum.TryParse<ImportKind>(invocation.Get(KindArgument), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return await UsageAsync(errors, $"要导入的内容应为 customers 或 contacts，而不是“{invocation.Get(KindArgument)}”");
        var path = invocation.Get(FileArgument) ?? "";
        if (!File.Exists(path)) return await UsageAsync(errors, $"找不到文件 {path}");
        if (ParseMode(invocation.Get(Mode)) is not { } mode) return await UsageAsync(errors, $"--{Mode} 应为 create、update 或 upsert");
        if (ParseMatch(invocation.Get(Match)) is not { } match) return await UsageAsync(errors, $"--{Match} 应为 credit-code、code 或 name");

        var services = invocation.Services;
        var actingAs = invocation.Get(As);
        if (await services.GetRequiredService<IActAsUser>().ActAsAsync(actingAs, ct) is not { } userName)
            return await UsageAsync(errors, actingAs is null ? "没有可用的管理员账号，请用 --as 指定用户" : $"用户“{actingAs}”不存在或已停用");
        if (!services.GetRequiredService<ICurrentUser>().HasPermission(CustomerPermissions.Import))
            return await UsageAsync(errors, $"用户“{userName}”没有导入客户的权限（{CustomerPermissions.Import}）");

        var service = services.GetRequiredService<ImportService>();
        if (new FileInfo(path).Length > service.MaxBytes)
            return await FailAsync(errors, ImportService.TooLarge(new FileInfo(path).Length, service.MaxBytes));
        Outcome<ImportService.StoredUpload> stored;
        await using (var content = File.OpenRead(path))
            stored = await service.StoreAsync(Path.GetFileName(path), content, ct);
        if (!stored.Succeeded) return await FailAsync(errors, stored.ErrorText);
        var upload = await service.UploadAsync(stored.Value!, kind, invocation.Get(Encoding), invocation.Get(Sheet), invocation.Get(Mapping), ct);
        if (!upload.Succeeded)
        {
            stored.Value!.Discard();
            return await FailAsync(errors, upload.ErrorText);
        }
        var file = upload.Value!;
        foreach (var warning in file.Warnings) await output.WriteLineAsync("提示：" + warning);
        await output.WriteLineAsync($"{(kind == ImportKind.Contacts ? "联系人" : "客户")}导入：{Path.GetFileName(path)}（{file.Encoding ?? file.Sheet}），以 {userName} 的身份");

        var options = new ImportOptions
        {
            Columns = file.Columns, Mode = mode, MatchKey = match, AllOrNothing = invocation.Has(AllOrNothing), FlagAnomalies = !invocation.Has(SkipFlagged),
            Encoding = invocation.Get(Encoding), Sheet = invocation.Get(Sheet),
        };
        if (invocation.Has(DryRun))
        {
            var analysis = await service.AnalyzeAsync(file.Batch.Id, options, ct);
            if (!analysis.Succeeded) return await FailAsync(errors, analysis.ErrorText);
            await DescribeAsync(output, analysis.Value!);
            return analysis.Value!.Failed > 0 ? 1 : 0;
        }

        var run = await service.RunNowAsync(file.Batch.Id, options, services.GetRequiredService<ImportRunner>(), ct);
        if (!run.Succeeded) return await FailAsync(errors, run.ErrorText);
        var batch = run.Value!;
        await output.WriteLineAsync($"导入批次 #{batch.Id}：{batch.Message}（{batch.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} 行/秒）");
        if (batch.HasErrorFile && (await service.ErrorFileAsync(batch.Id, ct)).Value is { } errorFile)
        {
            var target = path + ".errors" + Path.GetExtension(errorFile.Path);
            File.Copy(errorFile.Path, target, overwrite: true);
            await output.WriteLineAsync($"未导入的行已写入 {target}（原样保留各列，并在“{ImportFiles.ErrorColumn}”列说明原因），修正后可重新导入");
        }
        return batch.Status == ImportStatus.Completed && batch.Failed + batch.Skipped == 0 ? 0 : 1;
    }

    static async Task DescribeAsync(TextWriter output, ImportAnalysis a)
    {
        await output.WriteLineAsync($"检查（未写入）：共 {a.TotalRows} 行：新增 {a.New}，更新 {a.Updated}，未变化 {a.Unchanged}，失败 {a.Failed}" +
                                    (a.Skipped > 0 ? $"，跳过 {a.Skipped}" : "") + $"；疑似重复 {a.PossibleDuplicates}，待修正 {a.Flagged}");
        foreach (var value in a.UnknownValues)
            await output.WriteLineAsync($"不认识的{value.Label}「{value.Value}」：{value.Rows} 行" +
                                        (value.Suggestions.Count > 0 ? $"（可能是：{string.Join("、", value.Suggestions.Select(s => s.Name))}）" : ""));
        foreach (var row in a.Errors.Take(20))
            await output.WriteLineAsync($"第 {row.Row} 行：{string.Join("；", row.Errors.Select(e => e.Label.Length == 0 ? e.Message : $"{e.Label}：{e.Message}"))}");
        foreach (var note in a.Notes) await output.WriteLineAsync(note);
    }

    static ImportMode? ParseMode(string? text) => text?.ToLowerInvariant() switch
    {
        null or "create" => ImportMode.Create,
        "update" => ImportMode.Update,
        "upsert" => ImportMode.Upsert,
        _ => null,
    };

    static ImportMatchKey? ParseMatch(string? text) => text?.ToLowerInvariant() switch
    {
        null or "credit-code" => ImportMatchKey.CreditCode,
        "code" => ImportMatchKey.Code,
        "name" => ImportMatchKey.Name,
        _ => null,
    };

    static async Task<int> UsageAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync(message);
        return 2;
    }

    static async Task<int> FailAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync("导入失败：" + message);
        return 1;
    }
}
