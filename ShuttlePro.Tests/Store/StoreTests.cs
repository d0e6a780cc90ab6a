using Microsoft.Extensions.Logging.Abstractions;
using ShuttlePro.Web.Store;

namespace ShuttlePro.Tests.Store;

/// <summary>The store's promises: serialized dispatch from any thread, no recursion, reference-change notifications, disposal.</summary>
public sealed class StoreTests
{
    private sealed record CounterState(int Count);
    private sealed record Increment;
    private sealed record Noop;
    private sealed record Ping(int N);
    private sealed record Pong(int N);

    private static (ShuttlePro.Web.Store.Store Store, Feature<CounterState> Feature) NewStore(
        Func<CounterState, Increment, CounterState>? increment = null, params IEffect[] effects)
    {
        var feature = new Feature<CounterState>("Counter", new CounterState(0),
        [
            new Reducer<CounterState, Increment>(increment ?? ((s, _) => s with { Count = s.Count + 1 })),
            new Reducer<CounterState, Noop>((s, _) => s),
        ]);
        return (new ShuttlePro.Web.Store.Store([feature], () => effects, NullLogger<ShuttlePro.Web.Store.Store>.Instance), feature);
    }

    [Fact]
    public async Task ManyThreadsDispatchingNeverRunReducersAtTheSameTime()
    {
        var inside = 0;
        var overlaps = 0;
        var (store, feature) = NewStore((s, _) =>
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            Thread.SpinWait(50);
            Interlocked.Decrement(ref inside);
            return s with { Count = s.Count + 1 };
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++) store.Dispatch(new Increment());
        })));

        Assert.Equal(16_000, feature.Value.Count);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void SubscribersHearOfNewStatesOnly()
    {
        var (store, feature) = NewStore();
        var notifications = 0;
        feature.StateChanged += (_, _) => notifications++;

        store.Dispatch(new Noop());
        store.Dispatch(new Increment());
        store.Dispatch(new Noop());

        Assert.Equal(1, notifications);
    }

    [Fact]
    public void ADispatchFromInsideANotificationIsQueuedNotNested()
    {
        var (store, feature) = NewStore();
        var depth = 0;
        var maxDepth = 0;
        feature.StateChanged += (_, _) =>
        {
            depth++;
            maxDepth = Math.Max(maxDepth, depth);
            if (feature.Value.Count < 5) store.Dispatch(new Increment());
            depth--;
        };

        store.Dispatch(new Increment());

        Assert.Equal(5, feature.Value.Count);
        Assert.Equal(1, maxDepth);
    }

    private sealed class PingPongEffect : Effect<Ping>
    {
        public override async Task HandleAsync(Ping action, IDispatcher dispatcher)
        {
            await Task.Yield();
            dispatcher.Dispatch(new Pong(action.N));
        }
    }

    private sealed class ThrowingEffect : Effect<Increment>
    {
        public override Task HandleAsync(Increment action, IDispatcher dispatcher) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task EffectsRunAfterReducersAndReportBackWithActions()
    {
        var (store, _) = NewStore(effects: new PingPongEffect());
        var pong = new TaskCompletionSource<Pong>();
        store.ActionDispatched += action =>
        {
            if (action is Pong p) pong.TrySetResult(p);
        };

        store.Dispatch(new Ping(7));

        Assert.Equal(7, (await pong.Task.WaitAsync(TimeSpan.FromSeconds(5))).N);
    }

    [Fact]
    public async Task AFailingEffectIsReportedAsAnActionAndTheStoreKeepsWorking()
    {
        var (store, feature) = NewStore(effects: new ThrowingEffect());
        var failed = new TaskCompletionSource<EffectFailedAction>();
        store.ActionDispatched += action =>
        {
            if (action is EffectFailedAction f) failed.TrySetResult(f);
        };

        store.Dispatch(new Increment());

        Assert.Equal("boom", (await failed.Task.WaitAsync(TimeSpan.FromSeconds(5))).Exception.Message);
        store.Dispatch(new Increment());
        Assert.Equal(2, feature.Value.Count);
    }

    [Fact]
    public void ADisposedStoreIgnoresDispatches()
    {
        var (store, feature) = NewStore();
        store.Dispatch(new Increment());

        store.Dispose();
        store.Dispatch(new Increment());

        Assert.Equal(1, feature.Value.Count);
    }
}
