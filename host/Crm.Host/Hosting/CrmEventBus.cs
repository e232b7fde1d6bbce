using Crm.Abstractions.Events;

namespace Crm.Host.Hosting;

/// <summary>Calls every registered <see cref="ICrmEventHandler{TEvent}"/> in the publisher's scope, in order.</summary>
internal sealed class CrmEventBus(IServiceProvider services) : ICrmEventBus
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default) where TEvent : class
    {
        foreach (var handler in services.GetServices<ICrmEventHandler<TEvent>>())
            await handler.HandleAsync(domainEvent, cancellationToken);
    }
}
