using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShuttlePro.Core.Live;

public sealed class LiveEventsOptions
{
    /// <summary>How many undelivered events a subscriber may have before it is told to resync.</summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// A StackExchange.Redis connection string (<c>LiveEvents:Redis</c>): when set, live events are shared with the other
    /// instances through Redis pub/sub; when empty, the bus is this process's own.
    /// </summary>
    public string? Redis { get; set; }
}

/// <summary>The single-instance bus: a singleton fanning out to a bounded queue per subscriber.</summary>
public sealed class InProcessLiveEvents(IOptions<LiveEventsOptions> options, TimeProvider clock,
    ILogger<InProcessLiveEvents> logger) : ILiveEvents, IDisposable
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;
    private ImmutableArray<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        foreach (var subscription in _subscriptions) subscription.Offer(liveEvent);
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(Func<LiveEvent, bool> filter, Func<LiveEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new Subscription(this, filter, handler, Math.Max(1, options.Value.SubscriberQueueCapacity));
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        subscription.Start();
        return subscription;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    private sealed class Subscription(
        InProcessLiveEvents bus,
        Func<LiveEvent, bool> filter,
        Func<LiveEvent, CancellationToken, ValueTask> handler,
        int capacity) : IDisposable
    {
        private readonly Channel<LiveEvent> _queue = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly CancellationTokenSource _stop = new();
        private int _overflowed;

        public void Start() => _ = Task.Run(ReadAsync);

        public void Offer(LiveEvent liveEvent)
        {
            bool wanted;
            try
            {
                wanted = filter(liveEvent);
            }
            catch (Exception ex)
            {
                bus._logger.LogError(ex, "A live-event filter threw; the event is not delivered to that subscriber");
                return;
            }
            if (wanted && !_queue.Writer.TryWrite(liveEvent)) Interlocked.Exchange(ref _overflowed, 1);
        }

        private async Task ReadAsync()
        {
            var token = _stop.Token;
            try
            {
                while (await _queue.Reader.WaitToReadAsync(token))
                {
                    while (_queue.Reader.TryRead(out var liveEvent)) await DeliverAsync(liveEvent, token);
                    if (Interlocked.Exchange(ref _overflowed, 0) == 1)
                        await DeliverAsync(new ResyncRequired(bus._clock.GetUtcNow()), token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }

        private async ValueTask DeliverAsync(LiveEvent liveEvent, CancellationToken token)
        {
            try
            {
                await handler(liveEvent, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                bus._logger.LogError(ex, "A live-event subscriber failed to handle {EventType}", liveEvent.GetType().Name);
            }
        }

        public void Dispose()
        {
            bus.Remove(this);
            _queue.Writer.TryComplete();
            if (!_stop.IsCancellationRequested) _stop.Cancel();
        }
    }
}
