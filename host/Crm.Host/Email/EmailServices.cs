using Crm.Abstractions.Email;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crm.Host.Email;

internal static class EmailServices
{
    /// <summary>The outbox, its background sender (sections <c>Smtp</c> and <c>Email</c>) and its administration.</summary>
    public static IServiceCollection AddCrmEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<OutboxSignal>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<OutboxAdminService>();
        services.AddHostedService<EmailSender>();
        return services;
    }
}
