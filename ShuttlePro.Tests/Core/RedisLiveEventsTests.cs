using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// Two instances' buses on one real Redis: events cross once, instance-local ones stay home, and when Redis goes away each
/// instance keeps serving locally, says so, and rejoins by itself when Redis is back.
/// </summary>
public sealed class RedisLiveEventsTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private readonly List<IAsyncDisposable> _buses = [];

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var bus in _buses) await bus.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<(RedisLiveEvents Bus, LiveEventRecorder Heard)> InstanceAsync(bool expectShared = true)
    {
        var local = new InProcessLiveEvents(Options.Create(new LiveEventsOptions()), TimeProvider.System, NullLogger<InProcessLiveEvents>.Instance);
        var bus = new RedisLiveEvents(local, TimeProvider.System, NullLogger<RedisLiveEvents>.Instance);
        _buses.Add(bus);
        var heard = new LiveEventRecorder(bus);
        await bus.StartAsync(_redis.ConnectionString);
        Assert.Equal(expectShared, bus.IsShared);
        return (bus, heard);
    }

    private static AgentChanged Change(string name) => new(new AgentView(Guid.NewGuid(), name, $"{name}@shuttlepro.test", [Roles.Agent], [new TeamView(1, "Support")],
        AgentStatus.Online, true, true), DateTimeOffset.UtcNow);

    private static Func<AgentChanged, bool> Named(string name) => e => e.Agent.Name == name;

    [Fact]
    public async Task AnEventPublishedOnOneInstanceShouldReachTheOtherOnceAndItsOwnSubscribersOnce()
    {
        var (a, heardOnA) = await InstanceAsync();
        var (b, heardOnB) = await InstanceAsync();

        await a.PublishAsync(Change("bilal"));
        await b.PublishAsync(Change("zara"));

        var arrived = await heardOnB.WaitForAsync(Named("bilal"));
        Assert.Equal("bilal@shuttlepro.test", arrived.Agent.Email);
        await heardOnA.WaitForAsync(Named("zara"));
        // A marker after them: once it has arrived, anything echoed back would have too (one connection keeps order).
        await b.PublishAsync(Change("marker"));
        await heardOnA.WaitForAsync(Named("marker"));
        Assert.Single(heardOnA.OfType<AgentChanged>(), e => e.Agent.Name == "bilal");
        Assert.Single(heardOnB.OfType<AgentChanged>(), e => e.Agent.Name == "bilal");
    }

    [Fact]
    public async Task AnInstancesOwnFiguresShouldStayOnThatInstance()
    {
        var (a, heardOnA) = await InstanceAsync();
        var (_, heardOnB) = await InstanceAsync();

        await a.PublishAsync(new QueueStatsChanged(new QueueStats(DateTimeOffset.UtcNow, [], [], [], []), DateTimeOffset.UtcNow));
        await a.PublishAsync(Change("after"));

        await heardOnB.WaitForAsync(Named("after"));
        await heardOnA.WaitForAsync<QueueStatsChanged>();
        Assert.Empty(heardOnB.OfType<QueueStatsChanged>());
    }

    [Fact]
    public async Task WithRedisGoneEachInstanceShouldServeLocallySayItAndRejoinByItselfWhenRedisIsBack()
    {
        var (a, heardOnA) = await InstanceAsync();
        var (_, heardOnB) = await InstanceAsync();

        await _redis.StopAsync();

        var down = await heardOnA.WaitForAsync<LiveBusStatusChanged>(e => !e.Shared);
        Assert.Contains("Redis is unreachable", down.Message);
        Assert.False(a.IsShared);
        await a.PublishAsync(Change("while-down"));
        await heardOnA.WaitForAsync(Named("while-down")); // this instance's agents still see it

        await _redis.RestartAsync();

        await heardOnA.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
        await heardOnB.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
        await heardOnA.WaitForAsync<ResyncRequired>(); // screens reload what they missed meanwhile
        await a.PublishAsync(Change("after-return"));
        await heardOnB.WaitForAsync(Named("after-return"));
        Assert.DoesNotContain(heardOnB.OfType<AgentChanged>(), e => e.Agent.Name == "while-down");
    }

    [Fact]
    public async Task AnInstanceStartedWhileRedisIsDownShouldServeSayItAndJoinWhenRedisComes()
    {
        var (a, heardOnA) = await InstanceAsync();
        await _redis.StopAsync();
        await heardOnA.WaitForAsync<LiveBusStatusChanged>(e => !e.Shared);

        var (late, heardOnLate) = await InstanceAsync(expectShared: false);
        await heardOnLate.WaitForAsync<LiveBusStatusChanged>(e => !e.Shared);
        await _redis.RestartAsync();

        await heardOnLate.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
        await heardOnA.WaitForAsync<LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
        await late.PublishAsync(Change("hello"));
        await heardOnA.WaitForAsync(Named("hello"));
        Assert.True(a.IsShared);
    }
}
