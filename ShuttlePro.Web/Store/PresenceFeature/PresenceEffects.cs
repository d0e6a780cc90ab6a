using ShuttlePro.Core.Collaboration;
using ShuttlePro.Web.Live;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.PresenceFeature;

public sealed class LoadPresenceEffect(CollaborationService collaboration) : Effect<SessionLoadedAction>
{
    public override Task HandleAsync(SessionLoadedAction action, IDispatcher dispatcher)
    {
        dispatcher.Dispatch(new PresenceLoadedAction(collaboration.ActiveFor(Core.Directory.DirectoryService.ToActor(action.Me))));
        return Task.CompletedTask;
    }
}

/// <summary>Opening a thread makes this screen a viewer of it (and stops viewing the previous one).</summary>
public sealed class WatchConversationEffect(IState<SessionState> session, CircuitPresence circuit) : Effect<OpenConversationAction>
{
    public override async Task HandleAsync(OpenConversationAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is { } actor) await circuit.WatchAsync(actor, action.ConversationId);
    }
}

public sealed class UnwatchConversationEffect(IState<SessionState> session, CircuitPresence circuit) : Effect<CloseConversationAction>
{
    public override async Task HandleAsync(CloseConversationAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is { } actor) await circuit.UnwatchAsync(actor);
    }
}

public sealed class ComposerTypingEffect(IState<SessionState> session, CircuitPresence circuit) : Effect<ComposerTypingAction>
{
    public override async Task HandleAsync(ComposerTypingAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is { } actor) await circuit.TypingAsync(actor, action.ConversationId, action.Typing);
    }
}
