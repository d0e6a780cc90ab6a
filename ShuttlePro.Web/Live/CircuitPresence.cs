using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Live;

/// <summary>
/// This browser tab's presence session: which conversation it is viewing, heartbeats while the connection is up,
/// and everything cleared the moment the connection drops or the circuit ends.
/// </summary>
public sealed class CircuitPresence(CollaborationService collaboration, TimeProvider clock, ILogger<CircuitPresence> logger) : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private ITimer? _heartbeat;
    private Guid? _watching;

    public string SessionId { get; } = "circuit:" + Guid.NewGuid().ToString("N");

    public Guid? Watching
    {
        get
        {
            lock (_gate) return _watching;
        }
    }

    public async Task WatchAsync(Actor actor, Guid conversationId)
    {
        Guid? previous;
        lock (_gate)
        {
            previous = _watching;
            _watching = conversationId;
            _heartbeat ??= clock.CreateTimer(_ => _ = HeartbeatAsync(), null, HeartbeatInterval, HeartbeatInterval);
        }
        if (previous is { } old && old != conversationId) await collaboration.UnwatchAsync(actor, SessionId, old);
        await collaboration.WatchAsync(actor, SessionId, conversationId);
    }

    public async Task UnwatchAsync(Actor actor)
    {
        Guid? previous;
        lock (_gate)
        {
            previous = _watching;
            _watching = null;
        }
        if (previous is { } old) await collaboration.UnwatchAsync(actor, SessionId, old);
    }

    public Task TypingAsync(Actor actor, Guid conversationId, bool typing) =>
        collaboration.TypingAsync(actor, SessionId, conversationId, typing);

    /// <summary>The tab went away (closed, offline, asleep): nobody should see it as present any more.</summary>
    public ValueTask ConnectionDownAsync() => collaboration.DisconnectAsync(SessionId);

    private async Task HeartbeatAsync()
    {
        try
        {
            await collaboration.HeartbeatAsync(SessionId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Presence heartbeat failed for {Session}", SessionId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ITimer? heartbeat;
        lock (_gate)
        {
            heartbeat = _heartbeat;
            _heartbeat = null;
        }
        if (heartbeat is not null) await heartbeat.DisposeAsync();
        await collaboration.DisconnectAsync(SessionId);
    }
}
