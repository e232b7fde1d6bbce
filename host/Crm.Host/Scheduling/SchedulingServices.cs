namespace Crm.Host.Scheduling;

internal static class SchedulingServices
{
    public static IServiceCollection AddCrmScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleTrigger>();
        services.AddScoped<ScheduleSynchronizer>();
        services.AddScoped<ScheduleAdminService>();
        services.AddHostedService<JobScheduler>();
        return services;
    }
}
