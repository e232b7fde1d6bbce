using Crm.Abstractions.Contracts;
using Crm.Abstractions.Ui;
using Crm.Dictionaries.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries;

/// <summary>The module's services.</summary>
internal static class DictionaryServices
{
    public static IServiceCollection AddDictionaryServices(this IServiceCollection services)
    {
        services.AddSingleton<DictionaryCache>();
        services.AddSingleton<IDataDictionary, DataDictionary>();
        services.AddScoped<DictionaryService>();
        services.AddScoped<DictionaryTransfer>();
        services.AddScoped<IDictionaryEditor, DictionaryEditor>();
        services.AddSingleton(new DictionaryPickerImplementation(typeof(Pages.DictionaryPickerView)));
        return services;
    }
}
