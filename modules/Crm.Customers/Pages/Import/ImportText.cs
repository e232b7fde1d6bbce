using System.Globalization;
using Crm.Customers.Import;
using MudBlazor;

namespace Crm.Customers.Pages.Import;

/// <summary>How the import pages name the import's enums and numbers in Chinese.</summary>
internal static class ImportText
{
    public static string Of(ImportKind kind) => kind switch
    {
        ImportKind.Customers => "客户",
        ImportKind.Contacts => "联系人",
        _ => kind.ToString(),
    };

    public static string Of(ImportMode mode) => mode switch
    {
        ImportMode.Create => "仅新增",
        ImportMode.Update => "仅更新",
        ImportMode.Upsert => "新增或更新",
        _ => mode.ToString(),
    };

    /// <summary>How a batch imported: its mode, or, for a contacts file (which has none), what it does.</summary>
    public static string ModeOf(ImportBatchView batch) => batch.Kind == ImportKind.Contacts ? "添加联系人" : Of(batch.Mode);

    public static string Of(ImportMatchKey key) => key switch
    {
        ImportMatchKey.CreditCode => "统一社会信用代码",
        ImportMatchKey.Code => "客户编号",
        ImportMatchKey.Name => "客户名称",
        _ => key.ToString(),
    };

    public static string Of(ImportStatus status) => status switch
    {
        ImportStatus.Uploaded => "已上传，未导入",
        ImportStatus.Running => "导入中",
        ImportStatus.Completed => "已完成",
        ImportStatus.Failed => "失败",
        ImportStatus.Interrupted => "已中断",
        ImportStatus.Undone => "已撤销",
        _ => status.ToString(),
    };

    public static Color ColorOf(ImportStatus status) => status switch
    {
        ImportStatus.Running => Color.Info,
        ImportStatus.Completed => Color.Success,
        ImportStatus.Failed => Color.Error,
        ImportStatus.Interrupted => Color.Warning,
        _ => Color.Default,
    };

    public static string Of(ImportRowOutcome outcome) => outcome switch
    {
        ImportRowOutcome.New => "新增",
        ImportRowOutcome.Updated => "更新",
        ImportRowOutcome.Unchanged => "不变",
        ImportRowOutcome.Failed => "失败",
        ImportRowOutcome.Skipped => "跳过",
        _ => outcome.ToString(),
    };

    public static string Of(ImportValueAction action) => action switch
    {
        ImportValueAction.Map => "映射到已有选项",
        ImportValueAction.Create => "新建选项",
        ImportValueAction.Reject => "拒绝这些行",
        _ => action.ToString(),
    };

    /// <summary>How a CSV was decoded, as the reader names it ("utf-8", "gb18030").</summary>
    public static string Encoding(string? name) => name?.ToLowerInvariant() switch
    {
        null => "",
        "utf-8" => "UTF-8",
        "gb18030" => "GB18030（GBK）",
        _ => name,
    };

    public static string Delimiter(string? delimiter) => delimiter switch
    {
        null => "",
        "," => "逗号",
        ";" => "分号",
        "\t" => "制表符",
        "|" => "竖线",
        _ => $"“{delimiter}”",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Rate(double rowsPerSecond) => rowsPerSecond.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>An issue as the reports show it: "手机：手机号格式不正确", or the message alone for the row as a whole.</summary>
    public static string Of(ImportIssue issue) => string.IsNullOrEmpty(issue.Label) ? issue.Message : $"{issue.Label}：{issue.Message}";

    public static string UndoQuestion(ImportBatchView batch) => batch.Kind == ImportKind.Contacts
        ? $"撤销“{batch.FileName}”的导入？本次添加的 {batch.Created} 个联系人将被删除；导入后又被修改过的客户不会撤销，会在结果中列出。"
        : $"撤销“{batch.FileName}”的导入？本次新增的 {batch.Created} 个客户将被删除，更新的 {batch.Updated} 个客户恢复为导入前的值；" +
          "导入后又被修改过的客户不会撤销，会在结果中列出。";
}
