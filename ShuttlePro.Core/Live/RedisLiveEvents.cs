using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Directory;
using StackExchange.Redis;

namespace ShuttlePro.Core.Live;

/// <summary>An event about this instance only (its own figures, its own subscribers' overflow): never sent to other instances.</summary>
public interface IInstanceLocalEvent;

/// <summary>
/// Whether live events reach the other instances. Supervisors and shift leads are told when they do not (Redis is
/// unreachable: each instance serves its own agents only) and when they do again.
/// </summary>
public sealed record LiveBusStatusChanged(bool Shared, string Message, DateTimeOffset At) : LiveEvent(At), IInstanceLocalEvent
{
    public override bool IsVisibleTo(Actor actor) => Permissions.MayLead(actor);
}

/// <summary>
/// The bus across instances (<c>LiveEvents:Redis</c> set): an event is delivered to this instance's subscribers at once
/// and published to Redis pub/sub, serialized once; every other instance hands what it receives to its own subscribers.
/// When Redis is unreachable the instance keeps serving with local events only, says so, and picks up again by itself
/// (StackExchange.Redis reconnects and resubscribes); subscribers are then told to resync what they missed.
/// </summary>
public sealed class RedisLiveEvents(InProcessLiveEvents local, TimeProvider clock, ILogger<RedisLiveEvents> logger) : ILiveEvents, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("shuttlepro:live");

    private readonly string _origin = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;
    private ISubscriber? _subscriber;
    private int _shared;
    private int _restoring;
    private int _started;
    private bool _subscribed;
    private TaskCompletionSource? _echo;

    /// <summary>True while events reach the other instances.</summary>
    public bool IsShared => Volatile.Read(ref _shared) == 1;

    /// <summary>This instance's own bus: what is published on it never reaches the other instances.</summary>
    internal ILiveEvents Local => local;

    /// <summary>The Redis database, for state the instances share (presence); null before the start.</summary>
    internal IDatabase? Database => _redis?.GetDatabase();

    /// <summary>Connects (without failing when Redis is down: the connection keeps retrying in the background) and subscribes.</summary>
    public async Task StartAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.ClientName ??= $"shuttlepro-{_origin[..8]}";
        options.ReconnectRetryPolicy ??= new LinearRetry(1000); // back within a second or two of Redis returning
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        _subscriber = _redis.GetSubscriber();
        // Publishing and subscribing use two connections; either failing pauses sharing, and each one coming back tries
        // to resume (the probe in RestoreAsync proves both work before sharing is announced).
        _redis.ConnectionFailed += (_, e) =>
        {
            logger.LogWarning(e.Exception, "Redis is unreachable ({Failure}, {Connection}): live events stay on this instance until it is back",
                e.FailureType, e.ConnectionType);
            _ = SetSharedAsync(false);
        };
        _redis.ConnectionRestored += (_, e) =>
        {
            logger.LogInformation("Redis is reachable again ({Connection})", e.ConnectionType);
            _ = RestoreAsync();
        };
        if (_redis.IsConnected) await RestoreAsync();
        if (Interlocked.Exchange(ref _started, 1) == 0 && !IsShared) await AnnounceAsync(false);
    }

    private async Task RestoreAsync()
    {
        // One restore at a time; the connection events can fire again while one runs.
        if (Interlocked.Exchange(ref _restoring, 1) == 1) return;
        try
        {
            while (_redis is { IsConnected: true } && !IsShared)
            {
                try
                {
                    if (!_subscribed)
                    {
                        await _subscriber!.SubscribeAsync(Channel, (_, message) => Receive(message));
                        _subscribed = true;
                    }
                    // Shared only once our own probe has come back through Redis: the subscription is live again, so
                    // what other instances publish from now on reaches us.
                    var echo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Volatile.Write(ref _echo, echo);
                    await _subscriber!.PublishAsync(Channel, LiveEventJson.Serialize(new ResyncRequired(clock.GetUtcNow()), _origin));
                    await echo.Task.WaitAsync(TimeSpan.FromSeconds(2));
                    if (await SetSharedAsync(true))
                        // Events of other instances were missed meanwhile: screens reload what they show.
                        await local.PublishAsync(new ResyncRequired(clock.GetUtcNow()));
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning(ex, "Redis is connected but not answering on the live channel yet; trying again");
                    await Task.Delay(TimeSpan.FromMilliseconds(500), clock);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _restoring, 0);
        }
    }

    /// <summary>Records the state and tells this instance's supervisors; true when it changed after the start.</summary>
    private async Task<bool> SetSharedAsync(bool shared)
    {
        if (Interlocked.Exchange(ref _shared, shared ? 1 : 0) == (shared ? 1 : 0)) return false;
        // Connecting at start is no news (and nothing was missed); a start without Redis is.
        if (shared && Interlocked.Exchange(ref _started, 1) == 0) return false;
        Volatile.Write(ref _started, 1);
        await AnnounceAsync(shared);
        return true;
    }

    public const string PausedMessage =
        "Live updates from other servers are paused (Redis is unreachable): you see this server's agents only until it is back.";

    private async Task AnnounceAsync(bool shared) =>
        await local.PublishAsync(new LiveBusStatusChanged(shared, shared ? "Live updates are shared across servers again." : PausedMessage,
            clock.GetUtcNow()));

    private void Receive(RedisValue message)
    {
        try
        {
            var (origin, liveEvent) = LiveEventJson.Deserialize(((ReadOnlyMemory<byte>)message).Span);
            if (origin == _origin)
            {
                // Our own publication came back: the subscription works (see RestoreAsync). Our subscribers already had it.
                Volatile.Read(ref _echo)?.TrySetResult();
                return;
            }
            if (liveEvent is null) return;
            _ = local.PublishAsync(liveEvent);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A live event from another instance could not be read; it is skipped");
        }
    }

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        await local.PublishAsync(liveEvent, cancellationToken);
        if (liveEvent is IInstanceLocalEvent || !IsShared || _subscriber is null) return;
        try
        {
            // Fire and forget keeps commit-to-screen latency off Redis's round trip; order is kept on the one connection.
            await _subscriber.PublishAsync(Channel, LiveEventJson.Serialize(liveEvent, _origin), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "A live event could not be sent to the other instances");
        }
    }

    public IDisposable Subscribe(Func<LiveEvent, bool> filter, Func<LiveEvent, CancellationToken, ValueTask> handler) =>
        local.Subscribe(filter, handler);

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
