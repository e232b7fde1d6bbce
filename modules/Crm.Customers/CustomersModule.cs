using System.Reflection;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Modules;
using Crm.Abstractions.Security;
using Crm.Abstractions.Ui;
using Crm.Customers.Data;
using Crm.Customers.Demo;
using Crm.Customers.Endpoints;
using Crm.Customers.Jobs;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers;

/// <summary>客户档案: customers, contacts, needs, follow-ups, tags and attachments, with protected personal data.</summary>
public sealed class CustomersModule : ICrmModule
{
    public string Id => CustomerPermissions.ModuleId;
    public string DisplayName => "客户档案";
    public Version Version => new(1, 0, 0);
    public IReadOnlyList<string> Dependencies => ["dictionaries"];

    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(CustomerPermissions.Read, "查看客户", "客户档案"),
        new(CustomerPermissions.Create, "新建客户", "客户档案"),
        new(CustomerPermissions.Edit, "编辑客户", "客户档案"),
        new(CustomerPermissions.Delete, "删除和恢复客户", "客户档案"),
        new(CustomerPermissions.RevealPii, "查看完整个人信息（手机、电话、邮箱、身份证号）", "客户档案"),
        new(CustomerPermissions.Handover, "客户移交", "客户档案"),
        new(CustomerPermissions.ManageTags, "维护客户标签", "客户档案"),
        new(CustomerPermissions.Import, "导入客户", "客户档案"),
        new(CustomerPermissions.Export, "导出客户", "客户档案"),
        new(CustomerPermissions.Merge, "客户查重与合并（数据管理员）", "客户档案"),
    ];

    public IReadOnlyList<MenuItem> MenuItems =>
    [
        new("客户", "/customers", CustomerPermissions.Read, MudBlazor.Icons.Material.Filled.People, 100, "客户档案"),
        new("客户标签", "/customers/tags", CustomerPermissions.ManageTags, MudBlazor.Icons.Material.Filled.Label, 110, "客户档案"),
        new("客户移交", "/customers/handover", CustomerPermissions.Handover, MudBlazor.Icons.Material.Filled.SwapHoriz, 120, "客户档案"),
        new("客户导入", "/customers/import", CustomerPermissions.Import, MudBlazor.Icons.Material.Filled.UploadFile, 130, "客户档案"),
        new("导入记录", "/customers/imports", CustomerPermissions.Import, MudBlazor.Icons.Material.Filled.History, 140, "客户档案"),
        new("客户查重", "/customers/duplicates", CustomerPermissions.Merge, MudBlazor.Icons.Material.Filled.MergeType, 150, "客户档案"),
    ];

    public Assembly? ComponentAssembly => typeof(CustomersModule).Assembly;

    public IReadOnlyList<CliVerb> Verbs => [DemoDataVerb.Create(), Import.ImportVerb.Create()];

    public void ConfigureServices(ModuleServiceContext context)
    {
        context.AddDbContext<CustomersDbContext>();
        context.Services.AddCustomerServices(context.Configuration);
        context.AddTemplates(typeof(CustomersModule).Assembly);
        context.AddSlotComponent<Pages.CustomerDashboardCard>(UiSlots.DashboardCards, "客户概览", order: 10, permission: CustomerPermissions.Read);
        context.AddScheduledJob<NextActionReminderJob>(NextActionReminderJob.Key, NextActionReminderJob.DisplayName, NextActionReminderJob.Cron);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCustomerEndpoints();
}
