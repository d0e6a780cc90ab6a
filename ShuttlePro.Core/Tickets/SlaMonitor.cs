using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// Records the SLA moments of open tickets as they pass — approaching breach (80 %), breached, first response
/// missed — once each, in the ticket's timeline and the audit trail, and announces them live. Screens never poll:
/// they compute a ticket's state from its stored due times and re-render on these events. Safe with several
/// instances: a moment already recorded by another one is a concurrency conflict that reads again and finds nothing.
/// </summary>
public sealed class SlaMonitor(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, TimeProvider clock)
{
    public const int BatchSize = 200;

    /// <summary>Records what is due now; returns the next moment still to come (null when no open ticket waits for one).</summary>
    public async Task<DateTimeOffset?> RecordDueMomentsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Tickets.AsNoTracking()
                .Where(t => t.OpenTypeId != null
                            && ((t.FirstRespondedAt == null && t.FirstResponseBreachedAt == null && t.FirstResponseDueAt <= now)
                                || (t.WarnedAt == null && t.WarnAt <= now)
                                || (t.BreachedAt == null && t.DueAt <= now)))
                .OrderBy(t => t.DueAt).Select(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }
        foreach (var ticketId in due) await RecordAsync(ticketId, now, cancellationToken);

        await using var reader = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = reader.Tickets.AsNoTracking().Where(t => t.OpenTypeId != null);
        var firstResponse = await open.Where(t => t.FirstRespondedAt == null && t.FirstResponseBreachedAt == null)
            .OrderBy(t => t.FirstResponseDueAt).Select(t => (DateTimeOffset?)t.FirstResponseDueAt).FirstOrDefaultAsync(cancellationToken);
        var warning = await open.Where(t => t.WarnedAt == null).OrderBy(t => t.WarnAt).Select(t => (DateTimeOffset?)t.WarnAt)
            .FirstOrDefaultAsync(cancellationToken);
        var breach = await open.Where(t => t.BreachedAt == null).OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new[] { firstResponse, warning, breach }.Where(m => m is not null).Min();
    }

    private Task RecordAsync(Guid ticketId, DateTimeOffset now, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
            if (ticket is null) return new Committed<bool>(false);
            var moments = ticket.RecordSlaMoments(now);
            if (moments.Count == 0) return new Committed<bool>(false);
            List<TicketEvent> lines = [];
            foreach (var kind in moments)
            {
                var (action, at) = kind switch
                {
                    TicketEventKind.SlaWarning => (AuditActions.TicketSlaWarning, ticket.WarnAt),
                    TicketEventKind.SlaBreached => (AuditActions.TicketSlaBreached, ticket.DueAt),
                    _ => (AuditActions.TicketFirstResponseBreached, ticket.FirstResponseDueAt),
                };
                lines.Add(TicketEvent.Change(ticket, kind, Actor.System, at, null, null));
                db.Record(Actor.System, action, AuditSubjects.Ticket, ticket.Id.ToString(), now, ticket.ConversationId,
                    after: new { number = ticket.HumanNumber, dueAt = at });
            }
            db.TicketEvents.AddRange(lines);
            await db.SaveChangesAsync(cancellationToken);
            var updated = await TicketQueries.UpdatedEventAsync(db, ticket.Id, lines.Select(l => l.Id).ToList(), now, cancellationToken);
            return new Committed<bool>(true, [updated]);
        }, cancellationToken);
}
