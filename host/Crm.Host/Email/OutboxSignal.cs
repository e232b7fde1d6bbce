using System.Threading.Channels;

namespace Crm.Host.Email;

/// <summary>Wakes <see cref="EmailSender"/> when a message is enqueued or retried in this process, so it need not
/// wait for the next poll. Other instances still find the message by polling.</summary>
internal sealed class OutboxSignal
{
    // One pending wake-up is enough: the sender drains every due message when it wakes.
    readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => channel.Writer.TryWrite(true);

    /// <summary>Returns when woken or when <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
