using ShuttlePro.Core.Common;
using ShuttlePro.Core.Queues;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.QueueFeature;

/// <summary>
/// The live queue board: the latest figures as this circuit's user may see them. Updates arrive already throttled and
/// coalesced by the server's publisher (a few a second at most), so a burst of events is a few renders, not one each.
/// </summary>
public sealed record QueueState(QueueStats? Stats, bool Loading, Problem? Problem, int Updates)
{
    public static readonly QueueState Initial = new(null, false, null, 0);
}

public sealed record LoadQueueAction;

public sealed record QueueLoadedAction(QueueStats Stats);

public sealed record QueueLoadFailedAction(Problem Problem);

/// <summary>The server published new figures (<c>queue.stats</c>), already cut to what this user may see.</summary>
public sealed record LiveQueueStatsAction(QueueStats Stats);

public static class QueueReducers
{
    public static QueueState OnLoad(QueueState state, LoadQueueAction _) => state with { Loading = true, Problem = null };

    public static QueueState OnLoaded(QueueState state, QueueLoadedAction action) => Newer(state, action.Stats) with { Loading = false, Problem = null };

    public static QueueState OnLoadFailed(QueueState state, QueueLoadFailedAction action) => state with { Loading = false, Problem = action.Problem };

    public static QueueState OnLive(QueueState state, LiveQueueStatsAction action) => Newer(state, action.Stats);

    /// <summary>Figures older than the ones shown (a slow load answering after a live update) are dropped.</summary>
    private static QueueState Newer(QueueState state, QueueStats stats) =>
        state.Stats is { } shown && shown.At > stats.At ? state : state with { Stats = stats, Updates = state.Updates + 1 };
}

public sealed class LoadQueueEffect(IState<SessionState> session, QueueStatsTracker tracker) : Effect<LoadQueueAction>
{
    public override async Task HandleAsync(LoadQueueAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var stats = await tracker.CurrentAsync(actor);
        dispatcher.Dispatch(stats.Succeeded ? new QueueLoadedAction(stats.Value) : new QueueLoadFailedAction(stats.Problem));
    }
}

/// <summary>After missed live events (or a change of the user's teams), reload the figures if the board was shown.</summary>
public sealed class ResyncQueueEffect(IState<QueueState> state) : Effect<ResyncAction>
{
    public override Task HandleAsync(ResyncAction action, IDispatcher dispatcher)
    {
        if (state.Value.Stats is not null) dispatcher.Dispatch(new LoadQueueAction());
        return Task.CompletedTask;
    }
}

public static class QueueRegistration
{
    public static IServiceCollection AddQueueFeature(this IServiceCollection services)
    {
        services.AddFeature("Queue", QueueState.Initial,
            new Reducer<QueueState, LoadQueueAction>(QueueReducers.OnLoad),
            new Reducer<QueueState, QueueLoadedAction>(QueueReducers.OnLoaded),
            new Reducer<QueueState, QueueLoadFailedAction>(QueueReducers.OnLoadFailed),
            new Reducer<QueueState, LiveQueueStatsAction>(QueueReducers.OnLive));
        services.AddScoped<IEffect, LoadQueueEffect>();
        services.AddScoped<IEffect, ResyncQueueEffect>();
        return services;
    }
}
