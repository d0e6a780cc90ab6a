using System.Collections.Immutable;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;
using ShuttlePro.Web.Store.TicketsFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

/// <summary>
/// The open thread's activity timeline (the context panel's "Activity" tab): loaded when the tab is shown, and again when
/// something happens to the conversation while it is. A change during a load marks it stale and reloads once after,
/// so a burst of live events costs two queries, not one per event.
/// </summary>
public sealed record ActivityState(Guid? ConversationId, bool Shown, ImmutableList<ActivityItem> Items, bool Loading, bool Stale, Problem? Problem)
{
    public static readonly ActivityState Initial = new(null, false, [], false, false, null);
}

/// <summary>The Activity tab was shown or hidden for the open conversation.</summary>
public sealed record ShowActivityAction(Guid ConversationId, bool Shown);

public sealed record LoadActivityAction(Guid ConversationId);

/// <summary>Something happened while a load was running: load once more when it is back.</summary>
public sealed record ActivityStaleAction(Guid ConversationId);

public sealed record ActivityLoadedAction(Guid ConversationId, IReadOnlyList<ActivityItem> Items);

public sealed record ActivityLoadFailedAction(Guid ConversationId, Problem Problem);

public static class ActivityReducers
{
    public static ActivityState OnShow(ActivityState state, ShowActivityAction action) =>
        state with
        {
            Shown = action.Shown,
            ConversationId = action.ConversationId,
            Items = state.ConversationId == action.ConversationId ? state.Items : [],
            Problem = null,
        };

    public static ActivityState OnOpenConversation(ActivityState state, OpenConversationAction action) =>
        state.ConversationId == action.ConversationId ? state
            : state with { ConversationId = action.ConversationId, Items = [], Loading = false, Stale = false, Problem = null };

    public static ActivityState OnCloseConversation(ActivityState state, CloseConversationAction _) => ActivityState.Initial with { Shown = state.Shown };

    public static ActivityState OnLoad(ActivityState state, LoadActivityAction action) =>
        state with { ConversationId = action.ConversationId, Loading = true, Stale = false };

    public static ActivityState OnStale(ActivityState state, ActivityStaleAction action) =>
        state.ConversationId != action.ConversationId || state.Stale ? state : state with { Stale = true };

    public static ActivityState OnLoaded(ActivityState state, ActivityLoadedAction action) =>
        state.ConversationId != action.ConversationId ? state : state with { Items = [.. action.Items], Loading = false, Problem = null };

    public static ActivityState OnLoadFailed(ActivityState state, ActivityLoadFailedAction action) =>
        state.ConversationId != action.ConversationId ? state : state with { Loading = false, Problem = action.Problem };
}

public sealed class LoadActivityEffect(IState<SessionState> session, AuditQueries audit) : Effect<LoadActivityAction>
{
    public override async Task HandleAsync(LoadActivityAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await audit.ConversationActivityAsync(actor, action.ConversationId);
        if (!result.Succeeded)
        {
            dispatcher.Dispatch(new ActivityLoadFailedAction(action.ConversationId, result.Problem));
            return;
        }
        dispatcher.Dispatch(new ActivityLoadedAction(action.ConversationId, result.Value)); // Core leaves QA reviews out for agents
    }
}

/// <summary>Loads the timeline when the tab is shown or another conversation opens under it, and reloads it on live changes.</summary>
public sealed class RefreshActivityEffect(IState<ActivityState> activity) : IEffect
{
    public bool ShouldHandle(object action) => action is ShowActivityAction or OpenConversationAction or ActivityLoadedAction || ConversationOf(action) is not null;

    public Task HandleAsync(object action, IDispatcher dispatcher)
    {
        var state = activity.Value;
        if (!state.Shown || state.ConversationId is not { } id) return Task.CompletedTask;
        switch (action)
        {
            case ShowActivityAction or OpenConversationAction:
                dispatcher.Dispatch(new LoadActivityAction(id));
                break;
            case ActivityLoadedAction loaded when loaded.ConversationId == id && state.Stale:
                dispatcher.Dispatch(new LoadActivityAction(id));
                break;
            case var change when ConversationOf(change) == id:
                dispatcher.Dispatch(state.Loading ? new ActivityStaleAction(id) : new LoadActivityAction(id));
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>The conversation a live change (or this circuit's own change) is about, for the changes the timeline shows.</summary>
    private static Guid? ConversationOf(object action) => action switch
    {
        LiveMessageAddedAction a => a.Message.ConversationId,
        LiveMessageUpdatedAction a => a.Message.ConversationId,
        LiveNoteAddedAction a => a.Note.ConversationId,
        LiveNoteUpdatedAction a => a.Note.ConversationId,
        LiveHandoffAddedAction a => a.Handoff.ConversationId,
        LiveConversationUpdatedAction a => a.Summary.Id,
        LiveTicketUpdatedAction a => a.Ticket.ConversationId,
        _ => null,
    };
}
