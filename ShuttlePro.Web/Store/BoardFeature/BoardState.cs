using System.Collections.Immutable;
using ShuttlePro.Core.Board;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Web.Store.BoardFeature;

/// <summary>
/// The shift lead board: the teams it covers, their open conversations (cards), open tickets per conversation,
/// cards on their way to another column (shown there until Core answers), refusals shown on the card they
/// snapped back to, and the lead's selection. Agents come from the directory feature.
/// </summary>
public sealed record BoardState(
    int? TeamFilter,
    ImmutableList<int> TeamIds,
    ImmutableList<ConversationSummary> Cards,
    ImmutableDictionary<Guid, ImmutableList<TicketSummary>> Tickets,
    ImmutableDictionary<Guid, BoardTarget> Moving,
    ImmutableDictionary<Guid, string> Refusals,
    ImmutableHashSet<Guid> Selected,
    bool Loading,
    bool Loaded,
    string? Error,
    ImmutableList<ConversationSummary> ArrivedWhileLoading)
{
    public static readonly BoardState Initial = new(null, [], [], ImmutableDictionary<Guid, ImmutableList<TicketSummary>>.Empty,
        ImmutableDictionary<Guid, BoardTarget>.Empty, ImmutableDictionary<Guid, string>.Empty, [], Loading: false, Loaded: false,
        Error: null, []);

    /// <summary>The last finished move (one card or many), for the snackbar; Sequence tells a new one from the last.</summary>
    public BoardMoveReport? LastReport { get; init; }

    /// <summary>The column a card shows in: where it is going while a move is under way, else its owner's or its team's queue.</summary>
    public string ColumnOf(ConversationSummary card) => Moving.TryGetValue(card.Id, out var target)
        ? BoardColumns.Of(target, card.TeamId)
        : card.OwnerId is { } owner ? BoardColumns.Agent(owner) : BoardColumns.Unassigned(card.TeamId);

    public IReadOnlyList<TicketSummary> TicketsOf(Guid conversationId) =>
        Tickets.TryGetValue(conversationId, out var tickets) ? tickets : [];
}

/// <summary>Column identifiers, shared by the drop zones and the state.</summary>
public static class BoardColumns
{
    public static string Agent(Guid agentId) => $"agent-{agentId:N}";

    public static string Unassigned(int teamId) => $"team-{teamId}";

    public static string Of(BoardTarget target, int cardTeamId) =>
        target.AgentId is { } agentId ? Agent(agentId) : Unassigned(target.TeamId == 0 ? cardTeamId : target.TeamId);

    public static BoardTarget? Parse(string column)
    {
        if (column.StartsWith("agent-", StringComparison.Ordinal) && Guid.TryParseExact(column[6..], "N", out var agentId))
            return BoardTarget.Agent(agentId);
        if (column.StartsWith("team-", StringComparison.Ordinal) && int.TryParse(column[5..], out var teamId))
            return BoardTarget.Unassigned(teamId);
        return null;
    }
}

/// <summary>How a move went: how many cards reached <paramref name="TargetName"/>, and why the others did not.</summary>
public sealed record BoardMoveReport(int Sequence, string TargetName, int Moved, IReadOnlyList<BoardMoveFailure> Failures);

public sealed record BoardMoveFailure(Guid ConversationId, int Number, string Reason);
