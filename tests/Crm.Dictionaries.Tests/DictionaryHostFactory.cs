using Crm.Abstractions.Contracts;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries.Tests;

/// <summary>The real host plus a module stand-in that reports usage: every entry coded <see cref="UsedCode"/>, in any
/// type, is used by 12 customers.</summary>
public sealed class DictionaryHostFactory : CrmHostFactory
{
    public const string UsedCode = "in-use";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IDictionaryUsageProvider>(new CustomersUsage()));
    }

    sealed class CustomersUsage : IDictionaryUsageProvider
    {
        public Task<IReadOnlyList<DictionaryUsage>> CountUsageAsync(string typeCode, string code, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<DictionaryUsage>>(code == UsedCode ? [new DictionaryUsage("customers", "客户档案 · 行业", 12)] : []);
    }
}
