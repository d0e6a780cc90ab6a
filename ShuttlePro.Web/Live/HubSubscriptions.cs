using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Api;

namespace ShuttlePro.Web.Live;

/// <summary>
/// Fans live events out to the signed-in <c>/hubs/inbox</c> connections, each under its agent's visibility rule. One bus
/// subscription serves them all: for each event, every connection is checked, each distinct payload
/// (<see cref="ApiContracts.AudienceOf"/>) is built and serialized once, and written to the connections that get it —
/// as SignalR's own <c>Clients.All</c> does, instead of a queue, a payload and a serialization per connection.
/// A slow client never holds up the others: writes to it are not awaited, at most
/// <see cref="LiveEventsOptions.SubscriberQueueCapacity"/> of them wait at a time; beyond that it misses events and,
/// once it has caught up, is told to resync.
/// </summary>
public sealed class HubSubscriptions : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, HubConnectionContext> _contexts = new();
    private readonly ConcurrentDictionary<string, Connection> _byConnection = new();
    private ImmutableArray<Connection> _connections = [];
    private readonly IDisposable _subscription;

    public HubSubscriptions(ILiveEvents live, IOptions<LiveEventsOptions> options, TimeProvider clock, ILogger<HubSubscriptions> logger)
    {
        _logger = logger;
        _clock = clock;
        _capacity = Math.Max(1, options.Value.SubscriberQueueCapacity);
        _subscription = live.Subscribe(_ => !_connections.IsEmpty, FanOutAsync);
    }

    public int Count => _byConnection.Count;

    /// <summary>The presence session of a hub connection.</summary>
    public static string SessionIdOf(string connectionId) => "hub:" + connectionId;

    public IEnumerable<string> SessionIds => _byConnection.Keys.Select(SessionIdOf);

    public Actor? ActorOf(string connectionId) => _byConnection.TryGetValue(connectionId, out var connection) ? connection.Actor : null;

    /// <summary>SignalR opened a connection (called by <see cref="InboxHubLifetimeManager"/> before the hub's own OnConnected).</summary>
    internal void Opened(HubConnectionContext context) => _contexts[context.ConnectionId] = context;

    /// <summary>The connection is signed in as <paramref name="actor"/>: from now on it receives what the actor may see.</summary>
    public void Add(string connectionId, Actor actor)
    {
        if (!_contexts.TryGetValue(connectionId, out var context))
            throw new InvalidOperationException($"The hub connection {connectionId} is not open.");
        var connection = new Connection(actor, context, this);
        if (_byConnection.TryAdd(connectionId, connection)) ImmutableInterlocked.Update(ref _connections, list => list.Add(connection));
    }

    public void Remove(string connectionId)
    {
        _contexts.TryRemove(connectionId, out _);
        if (_byConnection.TryRemove(connectionId, out var connection))
            ImmutableInterlocked.Update(ref _connections, list => list.Remove(connection));
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _byConnection.Clear();
        _contexts.Clear();
        _connections = [];
    }

    // Runs on the bus subscription's reader, one event at a time in publish order, so each connection's writes are
    // started in that order; SignalR's per-connection write lock hands them out first come, first served.
    private ValueTask FanOutAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var audiences = new Dictionary<string, SerializedHubMessage?>(StringComparer.Ordinal);
        foreach (var connection in _connections)
        {
            var actor = connection.Actor;
            if (!liveEvent.IsVisibleTo(actor)) continue;
            var audience = liveEvent.AudienceOf(actor);
            if (!audiences.TryGetValue(audience, out var message))
                audiences[audience] = message = liveEvent.ToApiFor(actor) is { } payload ? Serialize(payload) : null;
            if (message is not null) connection.Send(message);
        }
        return ValueTask.CompletedTask;
    }

    private static SerializedHubMessage Serialize(ApiLiveEvent payload) =>
        new(new InvocationMessage(InboxHub.EventMethod, [payload]));

    private sealed class Connection(Actor actor, HubConnectionContext context, HubSubscriptions owner)
    {
        private int _waiting;
        private int _missed;

        public Actor Actor { get; } = actor;

        public void Send(SerializedHubMessage message)
        {
            if (Volatile.Read(ref _waiting) >= owner._capacity)
            {
                Volatile.Write(ref _missed, 1);
                return;
            }
            Write(message);
        }

        private void Write(SerializedHubMessage message)
        {
            ValueTask write;
            try
            {
                write = context.WriteAsync(message);
            }
            catch (Exception ex)
            {
                owner._logger.LogWarning(ex, "A live event could not be written to hub connection {ConnectionId}", context.ConnectionId);
                return;
            }
            if (write.IsCompletedSuccessfully) return;
            Interlocked.Increment(ref _waiting);
            _ = CompleteAsync(write);
        }

        private async Task CompleteAsync(ValueTask write)
        {
            try
            {
                await write;
            }
            catch (Exception ex)
            {
                owner._logger.LogDebug(ex, "A live event to hub connection {ConnectionId} was not delivered", context.ConnectionId);
            }
            // Caught up after missing some: the client reloads what it shows rather than trust it.
            if (Interlocked.Decrement(ref _waiting) == 0 && Interlocked.Exchange(ref _missed, 0) == 1)
                Write(Serialize(new ResyncRequired(owner._clock.GetUtcNow()).ToApi()!));
        }
    }
}

/// <summary>SignalR's in-memory lifetime manager for <see cref="InboxHub"/>, telling <see cref="HubSubscriptions"/> of each connection.</summary>
public sealed class InboxHubLifetimeManager(ILogger<DefaultHubLifetimeManager<InboxHub>> logger, HubSubscriptions subscriptions)
    : DefaultHubLifetimeManager<InboxHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        subscriptions.Opened(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        subscriptions.Remove(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}
