using Crm.Abstractions.Cli;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Modules;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Import;

/// <summary>The <c>import</c> verb of the loaded module on the real host's database: the same rules and summary as the
/// web import, the error file next to the input, and exit codes a script can act on.</summary>
public sealed class ImportVerbTests(ImportWorld world) : IClassFixture<ImportWorld>, IDisposable
{
    readonly string folder = RepoPaths.NewTempFolder("import-verb");

    async Task<(int Code, string Output)> RunAsync(params (string Name, string? Value)[] values)
    {
        var output = new StringWriter();
        await using var scope = world.World.Host.Services.CreateAsyncScope();
        var verb = world.World.Host.Services.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.Verbs).Single(v => v.Name == "import");
        var code = await verb.RunAsync(new CliInvocation(values.ToDictionary(v => v.Name, v => v.Value), scope.ServiceProvider, output, output, CancellationToken.None));
        return (code, output.ToString());
    }

    string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task A_file_with_failing_rows_exits_1_with_the_summary_and_the_error_file_beside_it()
    {
        var path = Write("命令行.csv", ImportSheets.Csv(["客户名称", "手机", "联系人"],
            [["命令行甲有限公司", "13800008801", "张三"], ["命令行乙有限公司", "123", "李四"]], "gb18030"));

        var dry = await RunAsync(("kind", "customers"), ("file", path), ("dry-run", "true"), ("as", "importadmin"));
        Assert.Equal(1, dry.Code);
        Assert.Contains("检查（未写入）：共 2 行：新增 1，更新 0，未变化 0，失败 1", dry.Output);
        Assert.Contains("第 3 行：手机：手机号应为 11 位中国大陆手机号码", dry.Output);
        Assert.Empty(await world.Admin.FindAsync("命令行甲"));

        var run = await RunAsync(("kind", "customers"), ("file", path), ("as", "importadmin"));
        Assert.Equal(1, run.Code);
        Assert.Contains("客户导入：命令行.csv（gb18030），以 导入管理员 的身份", run.Output);
        Assert.Contains("共 2 行：新增 1，更新 0，未变化 0，失败 1", run.Output);
        Assert.Contains($"未导入的行已写入 {path}.errors.csv", run.Output);
        Assert.True(File.Exists(path + ".errors.csv"));
        var customer = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync("命令行甲")));
        Assert.Equal(world.DataAdmin.Id, customer.GetProperty("ownerId").GetGuid());
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM host_audit_log WHERE \"Action\" = 'import' AND \"Summary\" LIKE '%命令行.csv%' AND \"UserName\" = 'importadmin'"));
    }

    [Fact]
    public async Task A_clean_file_exits_0_and_acts_as_the_first_administrator_by_default()
    {
        var path = Write("干净.csv", ImportSheets.Csv(["客户名称"], [["命令行丙有限公司"]]));
        var (code, output) = await RunAsync(("kind", "customers"), ("file", path));
        Assert.Equal(0, code);
        Assert.Contains("以 系统管理员 的身份", output);
        Assert.Contains("新增 1", output);
        Assert.False(File.Exists(path + ".errors.csv"));
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2()
    {
        var path = Write("参数.csv", ImportSheets.Csv(["客户名称"], [["命令行丁有限公司"]]));
        Assert.Equal(2, (await RunAsync(("kind", "orders"), ("file", path))).Code);
        Assert.Equal(2, (await RunAsync(("kind", "customers"), ("file", path + ".missing"))).Code);
        Assert.Equal(2, (await RunAsync(("kind", "customers"), ("file", path), ("mode", "replace"))).Code);
        var noUser = await RunAsync(("kind", "customers"), ("file", path), ("as", "nobody"));
        Assert.Equal((2, "用户“nobody”不存在或已停用"), (noUser.Code, noUser.Output.Trim()));
        var noRight = await RunAsync(("kind", "customers"), ("file", path), ("as", world.World.RepA.UserName));
        Assert.Equal(2, noRight.Code);
        Assert.Contains("没有导入客户的权限", noRight.Output);
        Assert.Empty(await world.Admin.FindAsync("命令行丁"));
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
