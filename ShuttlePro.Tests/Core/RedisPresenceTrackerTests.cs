using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// Presence and reply locks shared through a real Redis by two instances: viewers on both servers are seen together, a
/// lock taken on one holds on the other, a closed tab clears everywhere, expired entries are swept by anyone.
/// </summary>
public sealed class RedisPresenceTrackerTests : IAsyncLifetime
{
    private static readonly ConversationAccess Support = ConversationAccess.OfTeam(1);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<IAsyncDisposable> _disposables = [];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables) await disposable.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private sealed record Instance(RedisPresenceTracker Presence, LiveEventRecorder Heard) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Presence.Dispose();
            Heard.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private readonly Dictionary<RedisPresenceTracker, RedisLiveEvents> _buses = [];

    private RedisLiveEvents GetBus(Instance instance) => _buses[instance.Presence];

    private async Task<Instance> InstanceAsync()
    {
        var local = new InProcessLiveEvents(Options.Create(new LiveEventsOptions()), TimeProvider.System, NullLogger<InProcessLiveEvents>.Instance);
        var bus = new RedisLiveEvents(local, TimeProvider.System, NullLogger<RedisLiveEvents>.Instance);
        _disposables.Add(bus);
        await bus.StartAsync(_redis.ConnectionString);
        var instance = new Instance(new RedisPresenceTracker(bus, _clock, Options.Create(new PresenceOptions()), NullLogger<RedisPresenceTracker>.Instance),
            new LiveEventRecorder(bus, e => e is PresenceChanged));
        _disposables.Add(instance);
        _buses[instance.Presence] = bus;
        return instance;
    }

    private static PresenceSession Session(string id, string name) =>
        new(id, new Actor(Guid.NewGuid(), name, new HashSet<string> { Roles.Agent }, new HashSet<int> { 1 }));

    private static Task<PresenceChanged> SeenAsync(Instance instance, Guid conversationId, Func<ConversationPresence, bool> match) =>
        instance.Heard.WaitForAsync<PresenceChanged>(e => e.ConversationId == conversationId && match(e.Presence));

    [Fact]
    public async Task ViewersOnTwoServersShouldBeSeenTogetherOnBoth()
    {
        var (a, b) = (await InstanceAsync(), await InstanceAsync());
        var conversation = Guid.NewGuid();

        await a.Presence.WatchAsync(Session("tab-a", "Ayesha Siddiqui"), conversation, Support);
        await b.Presence.WatchAsync(Session("tab-b", "Bilal Ahmed"), conversation, Support);

        await SeenAsync(a, conversation, p => p.Viewers.Count == 2);
        Assert.Equal(["Ayesha Siddiqui", "Bilal Ahmed"], a.Presence.Get(conversation).Viewers.Select(v => v.Name));
        Assert.Equal(["Ayesha Siddiqui", "Bilal Ahmed"], b.Presence.Get(conversation).Viewers.Select(v => v.Name));
        Assert.Contains(b.Presence.Active(), p => p.ConversationId == conversation);
    }

    [Fact]
    public async Task AReplyLockTakenOnOneServerShouldHoldOnTheOther()
    {
        var (a, b) = (await InstanceAsync(), await InstanceAsync());
        var conversation = Guid.NewGuid();
        var ayesha = Session("tab-a", "Ayesha Siddiqui");

        var held = await a.Presence.TypingAsync(ayesha, conversation, Support, typing: true, mayHoldLock: true);
        Assert.Equal(ayesha.Actor.AgentId, held?.AgentId);
        await SeenAsync(b, conversation, p => p.Lock is not null);

        var bilals = await b.Presence.TypingAsync(Session("tab-b", "Bilal Ahmed"), conversation, Support, typing: true, mayHoldLock: true);

        Assert.Equal("Ayesha Siddiqui", bilals?.Name); // Bilal types, but the lock stays Ayesha's
        Assert.Equal("Ayesha Siddiqui", b.Presence.Get(conversation).Lock?.Name);
        Assert.Equal(["Ayesha Siddiqui", "Bilal Ahmed"], b.Presence.Get(conversation).Typing.Select(t => t.Name));

        await a.Presence.ReleaseLockAsync(ayesha.Actor.AgentId, conversation);
        await SeenAsync(b, conversation, p => p.Lock is null);
        Assert.Null(b.Presence.Get(conversation).Lock);
    }

    [Fact]
    public async Task AClosedTabShouldClearItsPresenceAndLockOnEveryServer()
    {
        var (a, b) = (await InstanceAsync(), await InstanceAsync());
        var conversation = Guid.NewGuid();
        await a.Presence.TypingAsync(Session("tab-a", "Ayesha Siddiqui"), conversation, Support, typing: true, mayHoldLock: true);
        await SeenAsync(b, conversation, p => p.Lock is not null);

        await a.Presence.DisconnectAsync("tab-a");

        await SeenAsync(b, conversation, p => p.IsEmpty);
        Assert.True(b.Presence.Get(conversation).IsEmpty);
        Assert.DoesNotContain(b.Presence.Active(), p => p.ConversationId == conversation);
    }

    [Fact]
    public async Task AViewerNotHeardFromShouldBeSweptByAnyServer()
    {
        var (a, b) = (await InstanceAsync(), await InstanceAsync());
        var conversation = Guid.NewGuid();
        await a.Presence.WatchAsync(Session("tab-a", "Ayesha Siddiqui"), conversation, Support);
        await SeenAsync(b, conversation, p => p.Viewers.Count == 1);

        _clock.Advance(new PresenceOptions().ViewerTimeToLive + TimeSpan.FromSeconds(1)); // server A went away without a goodbye
        await b.Presence.SweepAsync();

        await SeenAsync(a, conversation, p => p.IsEmpty);
        Assert.True(a.Presence.Get(conversation).IsEmpty);
    }

    [Fact]
    public async Task WhileRedisIsAwayPresenceStaysOnTheServerAndIsHandedOverWhenRedisReturns()
    {
        var (a, b) = (await InstanceAsync(), await InstanceAsync());
        var conversation = Guid.NewGuid();
        using var status = new LiveEventRecorder(GetBus(a), e => e is LiveBusStatusChanged);
        using var statusOnB = new LiveEventRecorder(GetBus(b), e => e is LiveBusStatusChanged);
        await _redis.StopAsync();

        await status.WaitForAsync<LiveBusStatusChanged>(e => !e.Shared);
        await a.Presence.WatchAsync(Session("tab-a", "Ayesha Siddiqui"), conversation, Support);
        Assert.Equal(["Ayesha Siddiqui"], a.Presence.Get(conversation).Viewers.Select(v => v.Name)); // her own server still shows her

        await _redis.RestartAsync();
        await status.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
        await statusOnB.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));

        // The other server shows her once the hand-over reached it (its screens get it as a PresenceChanged).
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            while (b.Presence.Get(conversation).Viewers.Count == 0) await Task.Delay(20, timeout.Token);
        Assert.Equal(["Ayesha Siddiqui"], b.Presence.Get(conversation).Viewers.Select(v => v.Name));
        await SeenAsync(b, conversation, p => p.Viewers.Count == 1);
    }
}
