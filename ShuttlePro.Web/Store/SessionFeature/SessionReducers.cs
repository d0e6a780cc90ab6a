using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Store.SessionFeature;

public static class SessionReducers
{
    public static SessionState OnLoad(SessionState state, LoadSessionAction _) => state with { Loading = true, Error = null };

    public static SessionState OnLoaded(SessionState state, SessionLoadedAction action) =>
        state with { Me = action.Me, Actor = DirectoryService.ToActor(action.Me), Loading = false, Error = null };

    public static SessionState OnLoadFailed(SessionState state, SessionLoadFailedAction action) =>
        state with { Loading = false, Error = action.Error };

    public static SessionState OnAgentChanged(SessionState state, LiveAgentChangedAction action) =>
        state.Me?.Id == action.Agent.Id
            ? state with { Me = action.Agent, Actor = DirectoryService.ToActor(action.Agent) }
            : state;

    public static SessionState OnSetStatusFailed(SessionState state, SetMyStatusFailedAction action) => state with { Error = action.Error };

    public static SessionState OnLiveConnectionChanged(SessionState state, LiveConnectionChangedAction action) =>
        state.LiveConnected == action.Connected ? state : state with { LiveConnected = action.Connected };

    public static SessionState OnLiveBusStatus(SessionState state, LiveBusStatusAction action) =>
        state with { BusPaused = action.Shared ? null : action.Message };
}
