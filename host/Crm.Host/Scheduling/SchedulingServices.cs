namespace Crm.Host.Scheduling;

internal static class SchedulingServices
{
    public static IServiceCollection AddCrmScheduling(this IServiceCollection services) => services;
}
