using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Tickets;

/// <summary>Reads of tickets for the ticket list, the ticket page, a conversation's chips and the API. Invisible tickets are not found.</summary>
public sealed class TicketQueries(IDbContextFactory<ShuttleDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<TicketSummary>>> ListAsync(Actor actor, TicketFilter filter, int limit = TicketFilter.DefaultLimit,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > TicketFilter.MaxLimit) return Problem.Validation($"limit must be between 1 and {TicketFilter.MaxLimit}.");
        if (filter.TeamId is { } teamId && !actor.CanSeeTeam(teamId)) return Problem.Forbidden("You are not a member of that team.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = Visible(db.Tickets.AsNoTracking(), actor);
        if (filter.Statuses is { Count: > 0 } statuses) tickets = tickets.Where(t => statuses.Contains(t.Status));
        if (filter.Open) tickets = tickets.Where(t => t.OpenTypeId != null);
        if (filter.Priority is { } priority) tickets = tickets.Where(t => t.Priority == priority);
        if (!string.IsNullOrWhiteSpace(filter.Type)) tickets = tickets.Where(t => t.Type.Name == filter.Type.Trim());
        if (filter.TeamId is { } team) tickets = tickets.Where(t => t.TeamId == team);
        if (filter.OwnerId is { } owner) tickets = tickets.Where(t => t.OwnerId == owner);
        if (filter.ConversationId is { } conversation) tickets = tickets.Where(t => t.ConversationId == conversation);
        var now = clock.GetUtcNow();
        if (filter.Overdue is { } overdue)
        {
            // Overdue = open and past a due time still to be met (the same rule as SlaState.Breached).
            tickets = overdue
                ? tickets.Where(t => t.OpenTypeId != null && (t.DueAt <= now || (t.FirstRespondedAt == null && t.FirstResponseDueAt <= now)))
                : tickets.Where(t => !(t.OpenTypeId != null && (t.DueAt <= now || (t.FirstRespondedAt == null && t.FirstResponseDueAt <= now))));
        }
        tickets = filter.Sort switch
        {
            TicketSort.Newest => tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Number),
            TicketSort.Priority => tickets.OrderBy(t => t.OpenTypeId == null).ThenByDescending(t => t.Priority).ThenBy(t => t.DueAt),
            // Open ones first, the most urgent due time on top; solved ones after.
            _ => tickets.OrderBy(t => t.OpenTypeId == null).ThenBy(t => t.DueAt).ThenBy(t => t.Number),
        };
        return await tickets.Take(limit).Select(TicketProjections.Summary).ToListAsync(cancellationToken);
    }

    public async Task<Result<TicketDetail>> GetAsync(Actor actor, Guid ticketId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var summary = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(TicketProjections.Summary).FirstOrDefaultAsync(cancellationToken);
        if (summary is null || !summary.Access.IsVisibleTo(actor)) return Problem.NotFound("The ticket");
        var more = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Description, t.Resolution, t.SourceMessageId, t.CreatedByName, t.WarnedAt, t.BreachedAt, t.FirstResponseBreachedAt })
            .FirstAsync(cancellationToken);
        var timeline = await Timeline(db, e => e.TicketId == ticketId).ToListAsync(cancellationToken);
        return new TicketDetail(summary, more.Description, more.Resolution, more.SourceMessageId, more.CreatedByName, more.WarnedAt, more.BreachedAt,
            more.FirstResponseBreachedAt, timeline);
    }

    /// <summary>The tickets whose numbers match (SP-1042 or 1042), for search.</summary>
    public async Task<TicketSummary?> FindByNumberAsync(Actor actor, string number, CancellationToken cancellationToken = default)
    {
        var digits = number.Trim().ToUpperInvariant().Replace(Ticket.NumberPrefix, "", StringComparison.Ordinal);
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(db.Tickets.AsNoTracking(), actor).Where(t => t.Number == value).Select(TicketProjections.Summary)
            .FirstOrDefaultAsync(cancellationToken);
    }

    internal static IQueryable<Ticket> Visible(IQueryable<Ticket> tickets, Actor actor)
    {
        if (actor.SeesAllTeams) return tickets;
        var teamIds = actor.TeamIds.ToList();
        var agentId = actor.AgentId;
        return tickets.Where(t => teamIds.Contains(t.TeamId) || teamIds.Contains(t.Conversation.TeamId)
                                  || t.Conversation.Participants.Any(p => p.AgentId == agentId));
    }

    internal static IQueryable<TicketEventView> Timeline(ShuttleDbContext db, System.Linq.Expressions.Expression<Func<TicketEvent, bool>> where) =>
        db.TicketEvents.AsNoTracking().Where(where).OrderBy(e => e.TicketId).ThenBy(e => e.Position)
            .Select(e => new TicketEventView(e.Id, e.TicketId, e.Kind, e.ActorId, e.ActorName, e.At, e.From, e.To, e.Body, e.MessageId));

    /// <summary>A conversation's tickets (chips) and their lines in its thread.</summary>
    internal static async Task<(IReadOnlyList<TicketSummary> Tickets, IReadOnlyList<TicketLine> Lines)> ForConversationAsync(ShuttleDbContext db,
        Guid conversationId, CancellationToken cancellationToken)
    {
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversationId).OrderBy(t => t.Number)
            .Select(TicketProjections.Summary).ToListAsync(cancellationToken);
        if (tickets.Count == 0) return ([], []);
        var ids = tickets.Select(t => t.Id).ToList();
        var events = await Timeline(db, e => ids.Contains(e.TicketId)
                && (e.Kind == TicketEventKind.Created || e.Kind == TicketEventKind.Solved || e.Kind == TicketEventKind.Reopened))
            .ToListAsync(cancellationToken);
        var byId = tickets.ToDictionary(t => t.Id);
        return (tickets, events.Select(e => new TicketLine(byId[e.TicketId], e)).ToList());
    }

    /// <summary>The live event of a committed change to a ticket, with the timeline lines it added.</summary>
    internal static async Task<TicketUpdated> UpdatedEventAsync(ShuttleDbContext db, Guid ticketId, IReadOnlyList<Guid> newEventIds,
        DateTimeOffset now, CancellationToken cancellationToken, int? previousTeamId = null)
    {
        var summary = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(TicketProjections.Summary).FirstAsync(cancellationToken);
        var events = newEventIds.Count == 0 ? [] : await Timeline(db, e => newEventIds.Contains(e.Id)).ToListAsync(cancellationToken);
        return new TicketUpdated(summary, events, now, previousTeamId);
    }
}

public static class TicketProjections
{
    public static readonly System.Linq.Expressions.Expression<Func<Ticket, TicketSummary>> Summary = t => new TicketSummary(
        t.Id,
        t.Number,
        t.ConversationId,
        t.Conversation.Number,
        t.Conversation.Contact.Name,
        t.Type.Name,
        t.Priority,
        t.Status,
        t.TeamId,
        t.Team.Name,
        t.OwnerId,
        t.Owner != null ? t.Owner.DisplayName : null,
        t.Title,
        t.CreatedAt,
        t.UpdatedAt,
        t.FirstResponseDueAt,
        t.FirstRespondedAt,
        t.WarnAt,
        t.DueAt,
        t.SolvedAt,
        t.ReplyDraft,
        t.Version,
        t.Conversation.TeamId,
        t.Conversation.Participants.Select(p => p.AgentId).ToList());
}

/// <summary>
/// A ticket was created or changed (status, priority, owner, team, a comment, an SLA moment). When it moved to another
/// team, <paramref name="PreviousTeamId"/> lets the event reach the team it left so their screens can drop it; they learn no more.
/// </summary>
public sealed record TicketUpdated(TicketSummary Ticket, IReadOnlyList<TicketEventView> Events, DateTimeOffset At, int? PreviousTeamId = null)
    : LiveEvent(At)
{
    public override bool IsVisibleTo(Actor actor) => Ticket.Access.IsVisibleTo(actor) || (PreviousTeamId is { } previous && actor.CanSeeTeam(previous));

    /// <summary>The actor could see the ticket before this change but no longer can.</summary>
    public bool RemovedFor(Actor actor) => !Ticket.Access.IsVisibleTo(actor);
}
