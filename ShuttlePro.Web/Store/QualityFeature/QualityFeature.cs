using ShuttlePro.Core.Common;
using ShuttlePro.Core.Quality;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.QualityFeature;

/// <summary>The QA review page: the conversation as it was at one audited reply or handoff, and the review being written.</summary>
public sealed record QualityState(long? Sequence, QaSnapshot? Snapshot, bool Loading, Problem? LoadProblem)
{
    public static readonly QualityState Initial = new(null, null, false, null);

    public bool Submitting { get; init; }

    /// <summary>The last refusal of a review (shown with the form, which keeps what was typed).</summary>
    public Problem? ReviewProblem { get; init; }

    /// <summary>Counts reviews that came back (saved or refused), so the form knows its submit is over.</summary>
    public int ReviewsFinished { get; init; }
}

public sealed record OpenQaSnapshotAction(long Sequence);

public sealed record QaSnapshotLoadedAction(long Sequence, QaSnapshot Snapshot);

public sealed record QaSnapshotLoadFailedAction(long Sequence, Problem Problem);

public sealed record SubmitQaReviewAction(long Sequence, int Score, string Comment);

public sealed record QaReviewFinishedAction(long Sequence, QaReviewView? Review, Problem? Problem);

public static class QualityReducers
{
    public static QualityState OnOpen(QualityState state, OpenQaSnapshotAction action) => state with
    {
        Sequence = action.Sequence,
        Snapshot = state.Snapshot?.Event.Sequence == action.Sequence ? state.Snapshot : null,
        Loading = true,
        LoadProblem = null,
        ReviewProblem = null,
        Submitting = false,
    };

    public static QualityState OnLoaded(QualityState state, QaSnapshotLoadedAction action) =>
        state.Sequence != action.Sequence ? state : state with { Snapshot = action.Snapshot, Loading = false };

    public static QualityState OnLoadFailed(QualityState state, QaSnapshotLoadFailedAction action) =>
        state.Sequence != action.Sequence ? state : state with { Loading = false, LoadProblem = action.Problem, Snapshot = null };

    public static QualityState OnSubmit(QualityState state, SubmitQaReviewAction action) => state with { Submitting = true, ReviewProblem = null };

    public static QualityState OnFinished(QualityState state, QaReviewFinishedAction action)
    {
        var snapshot = state.Snapshot;
        if (action.Review is { } review && snapshot?.Event.Sequence == action.Sequence && snapshot.Reviews.All(r => r.Id != review.Id))
            snapshot = snapshot with { Reviews = [.. snapshot.Reviews, review] };
        return state with
        {
            Snapshot = snapshot,
            Submitting = false,
            ReviewProblem = action.Problem,
            ReviewsFinished = state.ReviewsFinished + 1,
        };
    }
}

public sealed class OpenQaSnapshotEffect(IState<SessionState> session, QaReviewQueries queries) : Effect<OpenQaSnapshotAction>
{
    public override async Task HandleAsync(OpenQaSnapshotAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var snapshot = await queries.SnapshotAsync(actor, action.Sequence);
        dispatcher.Dispatch(snapshot.Succeeded
            ? new QaSnapshotLoadedAction(action.Sequence, snapshot.Value)
            : new QaSnapshotLoadFailedAction(action.Sequence, snapshot.Problem));
    }
}

public sealed class SubmitQaReviewEffect(IState<SessionState> session, QaReviewService reviews) : Effect<SubmitQaReviewAction>
{
    public override async Task HandleAsync(SubmitQaReviewAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await reviews.ReviewAsync(actor, action.Sequence, action.Score, action.Comment);
        dispatcher.Dispatch(new QaReviewFinishedAction(action.Sequence, result.Value, result.Problem));
    }
}

public static class QualityRegistration
{
    public static IServiceCollection AddQualityFeature(this IServiceCollection services)
    {
        services.AddFeature("Quality", QualityState.Initial,
            new Reducer<QualityState, OpenQaSnapshotAction>(QualityReducers.OnOpen),
            new Reducer<QualityState, QaSnapshotLoadedAction>(QualityReducers.OnLoaded),
            new Reducer<QualityState, QaSnapshotLoadFailedAction>(QualityReducers.OnLoadFailed),
            new Reducer<QualityState, SubmitQaReviewAction>(QualityReducers.OnSubmit),
            new Reducer<QualityState, QaReviewFinishedAction>(QualityReducers.OnFinished));
        services.AddScoped<IEffect, OpenQaSnapshotEffect>();
        services.AddScoped<IEffect, SubmitQaReviewEffect>();
        return services;
    }
}
