namespace Crm.Abstractions.Events;

/// <summary>In-process domain events between modules (e.g. "contract signed" moves a customer to 成交).
/// Handlers run in the publisher's scope, in registration order; an exception stops the publish and reaches the publisher.</summary>
public interface ICrmEventBus
{
    Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default) where TEvent : class;
}

/// <summary>Handles one kind of domain event; register it as a scoped service.</summary>
public interface ICrmEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
