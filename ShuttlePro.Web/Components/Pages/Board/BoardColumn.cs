using ShuttlePro.Core.Board;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.DirectoryFeature;

namespace ShuttlePro.Web.Components.Pages.Board;

/// <summary>One column of the board: a team's Unassigned queue, or an agent with their load against capacity.</summary>
public sealed record BoardColumn(string Id, string Title, BoardTarget Target, AgentView? Agent, int Load, int Capacity)
{
    /// <summary>
    /// Unassigned per team first, then the teams' agents: on shift before off shift, online before away before
    /// offline, then by name. Anyone else who owns a card on the board (a supervisor, say, or an agent deactivated while
    /// still owning conversations) gets a column too, so no card is hidden.
    /// </summary>
    public static IReadOnlyList<BoardColumn> Build(BoardState board, DirectoryState directory)
    {
        var loads = board.Cards.Where(c => c.OwnerId is not null).GroupBy(c => c.OwnerId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var queues = board.Cards.Where(c => c.OwnerId is null).GroupBy(c => c.TeamId).ToDictionary(g => g.Key, g => g.Count());
        var teamNames = directory.Teams.ToDictionary(t => t.Id, t => t.Name);
        foreach (var card in board.Cards) teamNames.TryAdd(card.TeamId, card.TeamName);

        List<BoardColumn> columns = [.. board.TeamIds.Select(id => new BoardColumn(BoardColumns.Unassigned(id),
            teamNames.GetValueOrDefault(id) ?? $"Team {id}", BoardTarget.Unassigned(id), null, queues.GetValueOrDefault(id), 0))];

        var agents = directory.Agents
            .Where(a => (a.IsActive && a.Teams.Any(t => board.TeamIds.Contains(t.Id))) || loads.ContainsKey(a.Id))
            .OrderBy(a => a.IsActive ? 0 : -1) // a deactivated agent's leftovers first: they need a new owner
            .ThenByDescending(a => a.OnShift)
            .ThenBy(a => a.Status.Rank())
            .ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase);
        columns.AddRange(agents.Select(a => new BoardColumn(BoardColumns.Agent(a.Id), a.Name, BoardTarget.Agent(a.Id), a,
            loads.GetValueOrDefault(a.Id), a.Capacity)));
        return columns;
    }
}
