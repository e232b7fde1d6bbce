using System.Globalization;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Demo;

/// <summary><c>demo-data --customers N</c>: fills the database with N demo customers.</summary>
internal static class DemoDataVerb
{
    public const string Name = "demo-data";
    public const string CustomersOption = "customers";
    const int DefaultCustomers = 1_000;

    public static CliVerb Create() => new(Name, "生成演示客户数据（客户、联系人、跟进记录、标签）", RunAsync)
    {
        Options = [new CliOption(CustomersOption, $"生成的客户数量（默认 {DefaultCustomers:N0}）")],
    };

    static async Task<int> RunAsync(CliInvocation invocation)
    {
        var text = invocation.Get(CustomersOption);
        var customers = DefaultCustomers;
        if (text is not null && (!int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out customers) || customers <= 0))
        {
            await invocation.Error.WriteLineAsync($"--{CustomersOption} 应为正整数，而不是 “{text}”");
            return 2;
        }

        var services = invocation.Services;
        var demo = new DemoData(
            services.GetRequiredService<CustomersDbContext>(), services.GetRequiredService<IDataDictionary>(), services.GetRequiredService<PiiProtector>(),
            services.GetRequiredService<IAuditLog>());
        var result = await demo.GenerateAsync(customers, invocation.Out, invocation.CancellationToken);
        await invocation.Out.WriteLineAsync(result.Describe());
        return 0;
    }
}
