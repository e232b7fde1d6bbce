using Crm.Abstractions.Contracts;
using Crm.Abstractions.Data;
using Crm.Abstractions.Events;
using Crm.Customers.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Customers;

internal static class CustomerServices
{
    public static IServiceCollection AddCustomerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CustomerSettings>().Bind(configuration.GetSection(CustomerSettings.Section));
        // The key file is created beside the database on first use, readable by the host's user only.
        services.AddSingleton(sp => new PiiProtector(PiiKeyRing.LoadOrCreate(sp.GetRequiredService<ICrmDatabase>().DataFolder)));
        services.AddSingleton<PersonalData>();
        services.AddScoped<CustomerAccess>();
        services.AddScoped<DictionaryLabels>();
        services.AddScoped<TagRules>();
        services.AddScoped<CustomerViews>();
        services.AddScoped<CustomerService>();
        services.AddScoped<ContactService>();
        services.AddScoped<CustomerQuery>();
        services.AddScoped<CustomerExport>();
        services.AddScoped<TagService>();
        services.AddScoped<SavedFilterService>();
        services.AddScoped<NeedService>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<AttachmentService>();
        services.AddScoped<HandoverService>();
        services.AddScoped<CustomerHistory>();
        services.AddScoped<ICustomerDirectory, CustomerDirectory>();
        services.AddScoped<IDictionaryUsageProvider, CustomerDictionaryUsage>();
        services.AddScoped<ICrmEventHandler<ContractSigned>, ContractSignedHandler>();
        services.AddScoped<Import.ImportFiles>();
        services.AddScoped<Import.ImportMappings>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<Import.ImportPlanner>();
        services.AddScoped<Import.ImportEntries>();
        services.AddScoped<Import.ImportRunner>();
        services.AddScoped<Import.ImportUndo>();
        services.AddSingleton<Import.ImportProgress>();
        services.AddSingleton<Import.ImportQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<Import.ImportQueue>());
        services.AddHostedService<Jobs.NameCoreBackfill>();
        return services;
    }
}
