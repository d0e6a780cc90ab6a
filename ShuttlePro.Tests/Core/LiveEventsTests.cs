using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Tests.Core;

/// <summary>The in-process bus: order, filtering, isolation of slow subscribers, and the resync signal on overflow.</summary>
public sealed class LiveEventsTests
{
    private static InProcessLiveEvents NewBus(int capacity = 1024) =>
        new(Options.Create(new LiveEventsOptions { SubscriberQueueCapacity = capacity }), TimeProvider.System,
            NullLogger<InProcessLiveEvents>.Instance);

    private static AgentChanged Event(int n) =>
        new(new AgentView(Guid.NewGuid(), $"Agent {n}", "a@b.c", [], [], AgentStatus.Online, true, true), DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public async Task EventsArriveInPublishOrder()
    {
        using var bus = NewBus();
        var received = new List<string>();
        var done = new TaskCompletionSource();
        using var _ = bus.Subscribe(_ => true, (e, _) =>
        {
            received.Add(((AgentChanged)e).Agent.Name);
            if (received.Count == 100) done.SetResult();
            return ValueTask.CompletedTask;
        });

        for (var i = 0; i < 100; i++) await bus.PublishAsync(Event(i));

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"Agent {i}"), received);
    }

    [Fact]
    public async Task ASubscriberOnlyGetsWhatItsFilterLetsThrough()
    {
        using var bus = NewBus();
        var support = new Actor(Guid.NewGuid(), "Ayesha", new HashSet<string> { Roles.Agent }, new HashSet<int> { 1 });
        var received = new List<LiveEvent>();
        var marker = new TaskCompletionSource();
        using var _ = bus.Subscribe(e => e.IsVisibleTo(support), (e, _) =>
        {
            received.Add(e);
            if (e is AgentChanged) marker.SetResult();
            return ValueTask.CompletedTask;
        });

        await bus.PublishAsync(new MessageAdded(Message(), ShuttlePro.Core.Conversations.ConversationAccess.OfTeam(2), DateTimeOffset.UnixEpoch));
        await bus.PublishAsync(new MessageAdded(Message(), ShuttlePro.Core.Conversations.ConversationAccess.OfTeam(1), DateTimeOffset.UnixEpoch));
        await bus.PublishAsync(Event(1));

        await marker.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, received.Count);
        Assert.Equal(1, Assert.IsType<MessageAdded>(received[0]).TeamId);
    }

    [Fact]
    public async Task ASlowSubscriberNeitherBlocksPublishersNorOtherSubscribers()
    {
        using var bus = NewBus(capacity: 8);
        var release = new TaskCompletionSource();
        var fastCount = 0;
        var fastCaughtUp = new SemaphoreSlim(0);
        var slowReceived = new List<LiveEvent>();
        var resynced = new TaskCompletionSource();
        using var slow = bus.Subscribe(_ => true, async (e, _) =>
        {
            await release.Task;
            slowReceived.Add(e);
            if (e is ResyncRequired) resynced.TrySetResult();
        });
        using var fast = bus.Subscribe(_ => true, (_, _) =>
        {
            Interlocked.Increment(ref fastCount);
            fastCaughtUp.Release();
            return ValueTask.CompletedTask;
        });

        // The fast subscriber keeps up (it is waited for after every few events); the slow one is stuck.
        for (var i = 0; i < 100; i++)
        {
            await bus.PublishAsync(Event(i)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(await fastCaughtUp.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(100, fastCount);
        release.SetResult();
        await resynced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(slowReceived.Count < 100, "the slow subscriber's queue is bounded");
        Assert.IsType<ResyncRequired>(slowReceived[^1]);
    }

    [Fact]
    public async Task AFailingHandlerDoesNotStopTheSubscription()
    {
        using var bus = NewBus();
        var seen = 0;
        var second = new TaskCompletionSource();
        using var _ = bus.Subscribe(_ => true, (_, _) =>
        {
            if (Interlocked.Increment(ref seen) == 1) throw new InvalidOperationException("boom");
            second.TrySetResult();
            return ValueTask.CompletedTask;
        });

        await bus.PublishAsync(Event(1));
        await bus.PublishAsync(Event(2));

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task DisposingASubscriptionStopsDelivery()
    {
        using var bus = NewBus();
        var subscription = bus.Subscribe(_ => true, (_, _) => ValueTask.CompletedTask);
        Assert.Equal(1, bus.SubscriberCount);

        subscription.Dispose();
        await bus.PublishAsync(Event(1));

        Assert.Equal(0, bus.SubscriberCount);
    }

    private static ShuttlePro.Core.Conversations.MessageView Message() =>
        new(Guid.NewGuid(), Guid.NewGuid(), ShuttlePro.Core.Conversations.MessageDirection.Inbound,
            ShuttlePro.Core.Conversations.MessageType.Text, "Hi", null, null, DateTimeOffset.UnixEpoch,
            ShuttlePro.Core.Conversations.DeliveryStatus.Received);
}
