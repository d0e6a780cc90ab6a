using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>The queue figures computed from the database alone: the reconciliation the live tracker is checked against.</summary>
public sealed class QueueStatsCalculator(IDbContextFactory<ShuttleDbContext> dbFactory, DirectoryService directory, TimeProvider clock)
{
    public async Task<QueueData> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Select(t => new TeamView(t.Id, t.Name, t.AutoAssign)).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Resolved)
            .Select(c => new ConversationEntry(c.Id, c.TeamId, c.OwnerId, c.Status, c.AwaitingReplySince, c.LastInboundAt, c.Version))
            .ToListAsync(cancellationToken);
        var closed = new[] { TicketStatus.Solved, TicketStatus.Closed };
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => !closed.Contains(t.Status))
            .Select(t => new TicketEntry(t.Id, t.TeamId, t.Status, t.SolvedAt, t.WarnAt, t.DueAt, t.FirstResponseDueAt, t.FirstRespondedAt, t.Version))
            .ToListAsync(cancellationToken);
        var agents = (await directory.ListAgentsAsync(cancellationToken: cancellationToken)).Select(AgentEntry.Of).ToList();
        return new QueueData(teams, conversations, tickets, agents);
    }

    public async Task<QueueStats> ComputeAsync(CancellationToken cancellationToken = default) =>
        Compute(await LoadAsync(cancellationToken), clock.GetUtcNow());

    /// <summary>Counts from scratch (the tracker keeps its counters incrementally; the two are compared in tests).</summary>
    public static QueueStats Compute(QueueData data, DateTimeOffset now)
    {
        var open = data.Conversations.Where(c => c.IsOpen).ToList();
        var openTickets = data.Tickets.Where(t => t.IsOpen).ToList();
        var teams = QueueStats.Ordered(data.Teams, t => t.Name, t => t.Id).Select(team =>
        {
            var mine = open.Where(c => c.TeamId == team.Id).ToList();
            var waiting = mine.Where(QueueStats.IsWaiting).ToList();
            var sla = openTickets.Where(t => t.TeamId == team.Id).Select(t => t.SlaAt(now)).ToList();
            return new TeamQueueStats(team.Id, team.Name, mine.Count, mine.Count(c => c.OwnerId is null), waiting.Count,
                waiting.Count == 0 ? 0 : waiting.Max(c => QueueStats.WaitSeconds(c.AwaitingReplySince!.Value, now)),
                mine.Count(c => QueueStats.WindowClosesSoon(c, now)),
                sla.Count(s => s == SlaState.Approaching), sla.Count(s => s == SlaState.Breached));
        }).ToList();
        var agents = QueueStats.Ordered(data.Agents.Where(a => a.IsActive), a => a.Name, a => a.Id)
            .Select(a => new AgentQueueStats(a.Id, a.Name, a.Status, a.OnShift, open.Count(c => c.OwnerId == a.Id), a.Capacity, a.TeamIds))
            .ToList();
        return new QueueStats(now, teams, agents);
    }
}
