using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Board;

/// <summary>
/// What the shift lead board starts with: the teams it covers, their open and pending conversations, and the open
/// tickets of those conversations (for the chips). Agents come from the directory, which stays current live.
/// </summary>
public sealed record BoardSnapshot(IReadOnlyList<int> TeamIds, IReadOnlyList<ConversationSummary> Conversations,
    IReadOnlyList<TicketSummary> OpenTickets);

/// <summary>Where a card is dropped: an agent's column (assign) or a team's Unassigned column (release).</summary>
public sealed record BoardTarget(int TeamId, Guid? AgentId)
{
    public static BoardTarget Agent(Guid agentId) => new(0, agentId);

    public static BoardTarget Unassigned(int teamId) => new(teamId, null);
}
