using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Store.SessionFeature;

/// <summary>Load the signed-in agent and start live updates for this circuit.</summary>
public sealed record LoadSessionAction;

public sealed record SessionLoadedAction(AgentView Me);

public sealed record SessionLoadFailedAction(string Error);

public sealed record SetMyStatusAction(AgentStatus Status, bool OnShift);

public sealed record SetMyStatusFailedAction(string Error);

/// <summary>Live: an agent's profile, roles, teams or status changed (possibly the signed-in agent's own).</summary>
public sealed record LiveAgentChangedAction(AgentView Agent);

/// <summary>Live: this circuit missed events and must reload what it shows.</summary>
public sealed record ResyncAction;

public sealed record LiveConnectionChangedAction(bool Connected);

/// <summary>The bus across servers paused (Redis unreachable) or resumed.</summary>
public sealed record LiveBusStatusAction(bool Shared, string Message);
