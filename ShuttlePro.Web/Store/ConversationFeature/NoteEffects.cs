using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Workspace;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.NoticesFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

public sealed class WriteNoteEffect(IState<SessionState> session, NoteService notes) : Effect<WriteNoteAction>
{
    public override async Task HandleAsync(WriteNoteAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await notes.WriteAsync(actor, action.ConversationId, action.Body, action.Pinned);
        dispatcher.Dispatch(result.Succeeded
            ? new NoteWrittenAction(action.ConversationId, result.Value)
            : new NoteFailedAction(action.ConversationId, result.Problem));
    }
}

public sealed class PinNoteEffect(IState<SessionState> session, NoteService notes) : Effect<PinNoteAction>
{
    public override async Task HandleAsync(PinNoteAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await notes.PinAsync(actor, action.ConversationId, action.NoteId, action.Pinned);
        if (result.Succeeded) dispatcher.Dispatch(new LiveNoteUpdatedAction(result.Value));
        else dispatcher.Dispatch(new ShowNoticeAction(new Notice(Guid.NewGuid(), NoticeKind.Warning, result.Problem.Message)));
    }
}

public sealed class HandOffEffect(IState<SessionState> session, HandoffService handoffs) : Effect<HandOffAction>
{
    public override async Task HandleAsync(HandOffAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await handoffs.HandOffAsync(actor, action.ConversationId, action.Target, action.Note);
        if (!result.Succeeded)
        {
            dispatcher.Dispatch(new HandoffFailedAction(action.ConversationId, result.Problem));
            return;
        }
        dispatcher.Dispatch(new HandedOffAction(action.ConversationId, result.Value));
        var text = $"Handed off: {result.Value.Handoff.Route}." + string.Concat(result.Value.Warnings.Select(w => " " + w));
        dispatcher.Dispatch(new ShowNoticeAction(new Notice(Guid.NewGuid(),
            result.Value.Warnings.Count > 0 ? NoticeKind.Warning : NoticeKind.Info, text, action.ConversationId)));
    }
}

public sealed class LabelConversationEffect(IState<SessionState> session, WorkspaceService workspace) : Effect<LabelConversationAction>
{
    public override async Task HandleAsync(LabelConversationAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await workspace.LabelConversationAsync(actor, action.ConversationId, action.LabelId, action.Add);
        if (result.Succeeded) dispatcher.Dispatch(new LiveConversationUpdatedAction(result.Value));
        else dispatcher.Dispatch(new ShowNoticeAction(new Notice(Guid.NewGuid(), NoticeKind.Warning, result.Problem.Message)));
    }
}
