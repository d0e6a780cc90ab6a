using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.InboxFeature;

public sealed class LoadInboxEffect(ConversationQueries queries) : Effect<LoadInboxAction>
{
    public override async Task HandleAsync(LoadInboxAction action, IDispatcher dispatcher)
    {
        var result = await queries.ListAsync(action.Viewer, action.Filter, InboxState.MaxRows);
        dispatcher.Dispatch(result.Succeeded
            ? new InboxLoadedAction(action.Filter, result.Value)
            : new InboxLoadFailedAction(action.Filter, result.Problem.Message));
    }
}

/// <summary>After missed live events (or new teams), reload the list with the current filter and actor.</summary>
public sealed class ResyncInboxEffect(IState<InboxState> inbox, IState<SessionState> session) : Effect<ResyncAction>
{
    public override Task HandleAsync(ResyncAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is { } actor) dispatcher.Dispatch(new LoadInboxAction(inbox.Value.Filter, actor));
        return Task.CompletedTask;
    }
}

/// <summary>Once the agent is known, show their teams' open conversations (everything, for supervisors without a team).</summary>
public sealed class InitialInboxEffect(IState<InboxState> inbox) : Effect<SessionLoadedAction>
{
    public override Task HandleAsync(SessionLoadedAction action, IDispatcher dispatcher)
    {
        if (inbox.Value.Viewer is not null) return Task.CompletedTask;
        var actor = Core.Directory.DirectoryService.ToActor(action.Me);
        var view = actor.TeamIds.Count == 0 && actor.SeesAllTeams ? InboxView.All : InboxView.Team;
        dispatcher.Dispatch(new LoadInboxAction(new ConversationFilter(view, ConversationStatus.Open), actor));
        return Task.CompletedTask;
    }
}
