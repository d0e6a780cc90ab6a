using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

public sealed class OpenConversationEffect(IState<SessionState> session, ConversationQueries queries, ChannelDirectory channels)
    : Effect<OpenConversationAction>
{
    public override async Task HandleAsync(OpenConversationAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await queries.GetAsync(actor, action.ConversationId);
        if (!result.Succeeded)
        {
            dispatcher.Dispatch(new ConversationLoadFailedAction(action.ConversationId, result.Problem));
            return;
        }
        var templates = await channels.TemplatesForConversationAsync(actor, action.ConversationId);
        dispatcher.Dispatch(new ConversationLoadedAction(result.Value, templates.Succeeded ? templates.Value : []));
    }
}

public sealed class SendReplyEffect(IState<SessionState> session, ConversationService conversations) : Effect<SendReplyAction>
{
    public override async Task HandleAsync(SendReplyAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = action.Template is { } template
            ? await conversations.SendTemplateAsync(actor, action.ConversationId, template, action.LastSeenMessageId)
            : await conversations.ReplyAsync(actor, action.ConversationId, action.Body, action.LastSeenMessageId);
        dispatcher.Dispatch(result.Succeeded
            ? new ReplySentAction(action.ConversationId, result.Value, KeepDraft: action.Template is not null)
            : new ReplyFailedAction(action.ConversationId, result.Problem));
    }
}

public sealed class RetryMessageEffect(IState<SessionState> session, DeliveryService delivery) : Effect<RetryMessageAction>
{
    public override async Task HandleAsync(RetryMessageAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await delivery.RetryFailedAsync(actor, action.ConversationId, action.MessageId);
        dispatcher.Dispatch(result.Succeeded
            ? new LiveMessageUpdatedAction(result.Value)
            : new MessageRetryFailedAction(action.ConversationId, result.Problem));
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
