using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Board;

/// <summary>
/// The shift lead board: what it shows, and moving a card, which is an ordinary assign or release (same checks,
/// audit and live events) guarded by the owner the lead saw when they dragged it.
/// </summary>
public sealed class BoardService(IDbContextFactory<ShuttleDbContext> dbFactory, OwnershipService ownership)
{
    /// <summary>How many conversations a board loads at most (newest activity first).</summary>
    public const int MaxCards = 2000;

    public static bool MayUseBoard(Actor actor) => !actor.IsSystem && Permissions.MayLead(actor);

    /// <summary>The teams the actor leads (all teams for supervisors and admins), or just <paramref name="teamId"/>.</summary>
    public async Task<Result<BoardSnapshot>> LoadAsync(Actor actor, int? teamId = null, CancellationToken cancellationToken = default)
    {
        if (!MayUseBoard(actor)) return Problem.Forbidden("The board is for shift leads, supervisors and admins.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        List<int> teamIds;
        if (teamId is { } only)
        {
            if (!actor.LeadsTeam(only) || !await db.Teams.AnyAsync(t => t.Id == only, cancellationToken))
                return Problem.Forbidden("You do not lead that team.");
            teamIds = [only];
        }
        else if (actor.SeesAllTeams)
            teamIds = await db.Teams.OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(cancellationToken);
        else
            teamIds = actor.TeamIds.Where(actor.LeadsTeam).Order().ToList();

        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => teamIds.Contains(c.TeamId) && c.Status != ConversationStatus.Resolved)
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Number)
            .Take(MaxCards)
            .Select(ConversationProjections.Summary)
            .ToListAsync(cancellationToken);
        var ids = conversations.Select(c => c.Id).ToList();
        var closed = new[] { TicketStatus.Solved, TicketStatus.Closed };
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.ConversationId) && !closed.Contains(t.Status))
            .Select(TicketProjections.Summary)
            .ToListAsync(cancellationToken);
        return new BoardSnapshot(teamIds, conversations, tickets);
    }

    /// <summary>
    /// Moves a card: assigns to an agent, or releases to its team's queue. Refused with a conflict when the
    /// conversation no longer has <paramref name="expectedOwnerId"/> (someone moved it meanwhile); moving it to
    /// another team's queue is a handoff, which needs a note, so the board refuses that too.
    /// </summary>
    public async Task<Result<ConversationSummary>> MoveAsync(Actor actor, Guid conversationId, Guid? expectedOwnerId, BoardTarget target,
        CancellationToken cancellationToken = default)
    {
        if (!MayUseBoard(actor)) return Problem.Forbidden("The board is for shift leads, supervisors and admins.");
        ConversationSummary? current;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            current = await ConversationQueries.FindSummaryAsync(db, conversationId, cancellationToken);
        if (current is null || !current.Access.IsVisibleTo(actor)) return Problem.NotFound("The conversation");

        if (target.AgentId is null && target.TeamId != current.TeamId)
            return Problem.Validation($"#{current.Number} belongs to {current.TeamName}: moving it to another team's queue is a handoff " +
                                      "with a note — open the conversation and hand it off.");
        if (current.OwnerId == expectedOwnerId && current.OwnerId == target.AgentId) return current; // dropped where it was
        // The owner the lead saw is checked again inside the change's transaction.
        return await ownership.MoveIfStillOwnedByAsync(actor, conversationId, expectedOwnerId, target.AgentId, cancellationToken);
    }
}
