using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Live;

namespace ShuttlePro.Web.Store.SessionFeature;

public sealed class LoadSessionEffect(AuthenticationStateProvider authentication, DirectoryService directory, LiveBridge bridge)
    : Effect<LoadSessionAction>
{
    public override async Task HandleAsync(LoadSessionAction action, IDispatcher dispatcher)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var agentId))
        {
            dispatcher.Dispatch(new SessionLoadFailedAction("You are not signed in."));
            return;
        }
        var me = await directory.GetAgentAsync(agentId);
        if (me is not { IsActive: true })
        {
            dispatcher.Dispatch(new SessionLoadFailedAction("This account is not active."));
            return;
        }
        dispatcher.Dispatch(new SessionLoadedAction(me));
        bridge.Start(DirectoryService.ToActor(me));
    }
}

public sealed class SetMyStatusEffect(IState<SessionState> session, DirectoryService directory) : Effect<SetMyStatusAction>
{
    public override async Task HandleAsync(SetMyStatusAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await directory.SetStatusAsync(actor, action.Status, action.OnShift);
        // Success arrives for every circuit alike as a live AgentChanged event.
        if (!result.Succeeded) dispatcher.Dispatch(new SetMyStatusFailedAction(result.Problem.Message));
    }
}

/// <summary>When the signed-in agent's roles or teams change, live filtering must use the new actor at once.</summary>
public sealed class OwnAgentChangedEffect(IState<SessionState> session, LiveBridge bridge) : Effect<LiveAgentChangedAction>
{
    public override Task HandleAsync(LiveAgentChangedAction action, IDispatcher dispatcher)
    {
        if (session.Value.Me?.Id == action.Agent.Id && session.Value.Actor is { } actor)
        {
            if (!action.Agent.IsActive) dispatcher.Dispatch(new SessionLoadFailedAction("This account was deactivated."));
            else if (bridge.UpdateActor(actor)) dispatcher.Dispatch(new ResyncAction());
        }
        return Task.CompletedTask;
    }
}
