using System.Collections.Immutable;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.DirectoryFeature;

/// <summary>The organisation's active agents (for assigning and for names), kept current by live agent events.</summary>
public sealed record DirectoryState(ImmutableList<AgentView> Agents, ImmutableList<TeamView> Teams)
{
    public static readonly DirectoryState Initial = new(ImmutableList<AgentView>.Empty, ImmutableList<TeamView>.Empty);

    /// <summary>Active agents who may see a conversation of <paramref name="teamId"/>, by name.</summary>
    public IEnumerable<AgentView> WhoCanSee(int teamId) =>
        Agents.Where(a => a.IsActive && DirectoryService.ToActor(a).CanSeeTeam(teamId))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase);
}

public sealed record DirectoryLoadedAction(IReadOnlyList<AgentView> Agents, IReadOnlyList<TeamView>? Teams = null);

public static class DirectoryReducers
{
    public static DirectoryState OnLoaded(DirectoryState state, DirectoryLoadedAction action) =>
        new([.. action.Agents], action.Teams is null ? state.Teams : [.. action.Teams]);

    public static DirectoryState OnAgentChanged(DirectoryState state, LiveAgentChangedAction action)
    {
        var index = state.Agents.FindIndex(a => a.Id == action.Agent.Id);
        if (!action.Agent.IsActive) return index < 0 ? state : state with { Agents = state.Agents.RemoveAt(index) };
        return state with { Agents = index < 0 ? state.Agents.Add(action.Agent) : state.Agents.SetItem(index, action.Agent) };
    }
}

public sealed class LoadDirectoryEffect(DirectoryService directory) : Effect<SessionLoadedAction>
{
    public override async Task HandleAsync(SessionLoadedAction action, IDispatcher dispatcher) =>
        dispatcher.Dispatch(new DirectoryLoadedAction(await directory.ListAgentsAsync(), await directory.ListTeamsAsync()));
}
