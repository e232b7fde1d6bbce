using System.Reflection;
using Crm.Abstractions.Modules;
using Crm.Abstractions.Security;
using Crm.Dictionaries.Data;
using Crm.Dictionaries.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace Crm.Dictionaries;

/// <summary>数据字典: the code tables every other module stores codes of (regions, industries, statuses, ...).</summary>
public sealed class DictionariesModule : ICrmModule
{
    public string Id => DictionaryPermissions.ModuleId;
    public string DisplayName => "数据字典";
    public Version Version => new(1, 0, 0);

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(DictionaryPermissions.Read, "查看数据字典", "数据字典", Everyone: true),
        new(DictionaryPermissions.Manage, "维护数据字典", "数据字典"),
    ];

    public IReadOnlyList<MenuItem> MenuItems =>
        [new("数据字典", "/dictionaries", DictionaryPermissions.Manage, MudBlazor.Icons.Material.Filled.MenuBook, 890, "系统管理")];

    public Assembly? ComponentAssembly => typeof(DictionariesModule).Assembly;

    public void ConfigureServices(ModuleServiceContext context)
    {
        context.AddDbContext<DictionariesDbContext>();
        context.Services.AddDictionaryServices();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapDictionaryEndpoints();
}
