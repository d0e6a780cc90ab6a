using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.NoticesFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

public sealed class ChangeOwnershipEffect(IState<SessionState> session, OwnershipService ownership) : Effect<ChangeOwnershipAction>
{
    public override async Task HandleAsync(ChangeOwnershipAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = action.Move switch
        {
            OwnershipMove.Take => await ownership.TakeAsync(actor, action.ConversationId),
            OwnershipMove.Release => await ownership.ReleaseAsync(actor, action.ConversationId),
            OwnershipMove.TakeOver => await ownership.TakeOverAsync(actor, action.ConversationId),
            _ => await ownership.AssignAsync(actor, action.ConversationId, action.AgentId),
        };
        if (result.Succeeded)
        {
            dispatcher.Dispatch(new OwnershipChangedAction(result.Value));
            dispatcher.Dispatch(new LiveConversationUpdatedAction(result.Value));
        }
        else
        {
            dispatcher.Dispatch(new OwnershipChangeFailedAction(action.ConversationId, result.Problem));
        }
    }
}

public sealed class RequestTakeoverEffect(IState<SessionState> session, OwnershipService ownership, IState<ConversationState> conversation)
    : Effect<RequestTakeoverAction>
{
    public override async Task HandleAsync(RequestTakeoverAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await ownership.RequestTakeoverAsync(actor, action.ConversationId, action.Note);
        if (!result.Succeeded)
        {
            dispatcher.Dispatch(new OwnershipChangeFailedAction(action.ConversationId, result.Problem));
            return;
        }
        var owner = conversation.Value.Summary?.Id == action.ConversationId ? conversation.Value.Summary.OwnerName : null;
        dispatcher.Dispatch(new TakeoverRequestSentAction(action.ConversationId, owner ?? "the owner"));
    }
}

public sealed class DecideTakeoverEffect(IState<SessionState> session, OwnershipService ownership) : Effect<DecideTakeoverAction>
{
    public override async Task HandleAsync(DecideTakeoverAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await ownership.DecideTakeoverAsync(actor, action.RequestId, action.Accept);
        dispatcher.Dispatch(new ShowNoticeAction(result.Succeeded
            ? new Notice(Guid.NewGuid(), NoticeKind.Info, action.Accept
                ? $"#{result.Value.ConversationNumber} now belongs to {result.Value.RequesterName}."
                : $"You declined {result.Value.RequesterName}'s request for #{result.Value.ConversationNumber}.", result.Value.ConversationId)
            : new Notice(Guid.NewGuid(), NoticeKind.Warning, result.Problem.Message)));
    }
}
