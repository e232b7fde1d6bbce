using Crm.Host.Tests.Infrastructure;
using Crm.Plugins.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Crm.Plugins.Tests.Infrastructure.TestPluginFolder;

namespace Crm.Plugins.Tests.Cli;

/// <summary><c>Crm.Host</c> run as a real process with verbs, as an operator does: exit codes, output, one-line reasons.</summary>
public sealed class CommandLineTests
{
    const string GoodPassword = "Boss-Passw0rd";

    [Fact]
    public async Task Help_lists_the_host_verbs()
    {
        using var crm = new CrmCommandLine();

        var result = await crm.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("migrate", result.Out);
        Assert.Contains("create-admin", result.Out);
        Assert.Contains("modules", result.Out);
    }

    [Fact]
    public async Task Modules_lists_loaded_modules_and_succeeds()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha).Add(Beta);

        var result = await crm.RunAsync("modules");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Out.Split('\n'), line => line.StartsWith("alpha ") && line.Contains("1.2.3") && line.Contains("阿尔法测试模块"));
        Assert.Contains(result.Out.Split('\n'), line => line.StartsWith("beta "));
    }

    [Fact]
    public async Task Modules_lists_failed_modules_with_their_reasons_and_fails()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha).Add(Orphan).AddCorrupt("Test.Broken");

        var result = await crm.RunAsync("modules");

        Assert.NotEqual(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("alpha ") && line.Contains("加载"));
        Assert.Contains(lines, line => line.StartsWith("orphan ") && line.Contains("失败") && line.Contains("missing"));
        Assert.Contains(lines, line => line.StartsWith("Test.Broken ") && line.Contains("失败"));
    }

    [Fact]
    public async Task Migrate_creates_the_tables_of_a_new_database_then_reports_it_up_to_date()
    {
        using var crm = new CrmCommandLine();

        var first = await crm.RunAsync("migrate");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("已应用", first.Out);
        Assert.Contains("host_users", Tables(crm.DatabasePath));

        var second = await crm.RunAsync("migrate");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("数据库已是最新", second.Out);
    }

    [Fact]
    public async Task Create_admin_makes_an_administrator_who_can_sign_in()
    {
        using var host = new CrmHostFactory();
        using var crm = new CrmCommandLine { DatabasePath = host.DatabasePath };

        var result = await crm.RunAsync("create-admin", "--user", "boss", "--password", GoodPassword);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("boss", result.Out);
        var client = await host.ClientForAsync("boss", GoodPassword);
        var me = await client.GetStringAsync("/api/auth/me");
        Assert.Contains("\"isAdministrator\":true", me);
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase1")]
    [InlineData("NoDigitsHere")]
    public async Task Create_admin_with_a_weak_password_fails_with_a_one_line_reason_in_chinese(string password)
    {
        using var crm = new CrmCommandLine();

        var result = await crm.RunAsync("create-admin", "--user", "boss", "--password", password);

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.StartsWith("无法创建管理员", reason);
        Assert.Contains("密码", reason);
    }

    [Fact]
    public async Task Create_admin_without_a_password_fails_naming_the_option()
    {
        using var crm = new CrmCommandLine();

        var result = await crm.RunAsync("create-admin", "--user", "boss");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--password", result.Error);
    }

    [Fact]
    public async Task Unknown_verb_fails()
    {
        using var crm = new CrmCommandLine();

        var result = await crm.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error);
    }

    [Fact]
    public async Task Module_verb_runs_with_its_argument_and_options()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha);

        var help = await crm.RunAsync("--help");
        var result = await crm.RunAsync("alpha-hello", "boss", "--greeting", "早上好", "--shout");

        Assert.Contains("alpha-hello", help.Out);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("早上好, BOSS! (DATABASE: SQLITE)", result.Out);
    }

    [Fact]
    public async Task Module_verb_without_its_argument_fails()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha);

        var result = await crm.RunAsync("alpha-hello");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("alpha-hello", result.Error);
    }

    [Fact]
    public async Task Web_host_with_a_module_that_fails_to_register_exits_with_one_line_naming_it()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha).Add(Throwing);

        var result = await crm.RunAsync("--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.Contains("throwing", reason);
        Assert.Contains("缺少配置 Throwing:ApiKey", reason);
    }

    [Fact]
    public async Task Web_host_with_a_missing_dependency_exits_with_one_line_naming_the_module()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Alpha).Add(Orphan);

        var result = await crm.RunAsync("--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.Contains("orphan", reason);
        Assert.Contains("missing", reason);
    }

    [Fact]
    public async Task Verb_with_a_module_that_fails_to_register_exits_with_one_line_naming_it()
    {
        using var crm = new CrmCommandLine();
        crm.Plugins.Add(Throwing);

        var result = await crm.RunAsync("migrate");

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.Contains("throwing", reason);
    }

    [Fact]
    public async Task Database_the_host_cannot_write_gives_a_one_line_reason()
    {
        using var crm = new CrmCommandLine();
        Assert.Equal(0, (await crm.RunAsync("migrate")).ExitCode);
        crm.Environment["Database__ConnectionString"] = $"Data Source={crm.DatabasePath};Mode=ReadOnly";

        var result = await crm.RunAsync("create-admin", "--user", "boss", "--password", GoodPassword);

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.StartsWith("数据库无法写入", reason);
    }

    [Fact]
    public async Task Web_host_on_a_database_it_cannot_write_exits_with_one_line_reason()
    {
        using var crm = new CrmCommandLine();
        Assert.Equal(0, (await crm.RunAsync("migrate")).ExitCode);
        crm.Environment["Database__ConnectionString"] = $"Data Source={crm.DatabasePath};Mode=ReadOnly";

        var result = await crm.RunAsync("--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.StartsWith("数据库无法写入", reason);
    }

    [Fact]
    public async Task Unsupported_database_provider_gives_a_one_line_reason_naming_the_setting()
    {
        using var crm = new CrmCommandLine();
        crm.Environment["Database__Provider"] = "oracle";

        var result = await crm.RunAsync("migrate");

        Assert.NotEqual(0, result.ExitCode);
        var reason = Assert.Single(result.ErrorLines);
        Assert.Contains("Database:Provider", reason);
        Assert.Contains("oracle", reason);
    }

    static List<string> Tables(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }
}
