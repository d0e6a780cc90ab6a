using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

public sealed class OpenConversationEffect(IState<SessionState> session, ConversationQueries queries) : Effect<OpenConversationAction>
{
    public override async Task HandleAsync(OpenConversationAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await queries.GetAsync(actor, action.ConversationId);
        dispatcher.Dispatch(result.Succeeded
            ? new ConversationLoadedAction(result.Value)
            : new ConversationLoadFailedAction(action.ConversationId, result.Problem));
    }
}

public sealed class SendReplyEffect(IState<SessionState> session, ConversationService conversations) : Effect<SendReplyAction>
{
    public override async Task HandleAsync(SendReplyAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await conversations.ReplyAsync(actor, action.ConversationId, action.Body, action.LastSeenMessageId);
        dispatcher.Dispatch(result.Succeeded
            ? new ReplySentAction(action.ConversationId, result.Value)
            : new ReplyFailedAction(action.ConversationId, result.Problem));
    }
}

public sealed class ChangeConversationStatusEffect(IState<SessionState> session, ConversationService conversations)
    : Effect<ChangeConversationStatusAction>
{
    public override async Task HandleAsync(ChangeConversationStatusAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = action.Status switch
        {
            ConversationStatus.Resolved => await conversations.ResolveAsync(actor, action.ConversationId),
            ConversationStatus.Pending => await conversations.MarkPendingAsync(actor, action.ConversationId),
            _ => await conversations.ReopenAsync(actor, action.ConversationId),
        };
        dispatcher.Dispatch(result.Succeeded
            ? new ConversationStatusChangedAction(result.Value)
            : new ConversationStatusChangeFailedAction(action.ConversationId, result.Problem));
        if (result.Succeeded) dispatcher.Dispatch(new LiveConversationUpdatedAction(result.Value));
    }
}

/// <summary>After missed live events, reload the open thread too.</summary>
public sealed class ResyncConversationEffect(IState<ConversationState> conversation) : Effect<ResyncAction>
{
    public override Task HandleAsync(ResyncAction action, IDispatcher dispatcher)
    {
        if (conversation.Value.OpenId is { } id) dispatcher.Dispatch(new OpenConversationAction(id));
        return Task.CompletedTask;
    }
}
