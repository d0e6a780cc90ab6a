using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>The queue figures computed from the database alone: the reconciliation the live tracker is checked against.</summary>
public sealed class QueueStatsCalculator(IDbContextFactory<ShuttleDbContext> dbFactory, DirectoryService directory, IPresenceTracker presence,
    TimeProvider clock)
{
    public async Task<QueueData> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Select(t => new TeamView(t.Id, t.Name, t.AutoAssign)).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Resolved)
            .Select(c => new ConversationEntry(c.Id, c.Number, c.TeamId, c.ChannelId, c.Channel.Name, c.Channel.Brand.Name, c.Contact.Name, c.OwnerId,
                c.Owner != null ? c.Owner.DisplayName : null, c.Status, c.AwaitingReplySince, c.LastInboundAt, c.Version))
            .ToListAsync(cancellationToken);
        var closed = new[] { TicketStatus.Solved, TicketStatus.Closed };
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => !closed.Contains(t.Status))
            .Select(t => new TicketEntry(t.Id, t.Number, t.ConversationId, t.TeamId, t.Status, t.SolvedAt, t.WarnAt, t.DueAt, t.FirstResponseDueAt,
                t.FirstRespondedAt, t.Version))
            .ToListAsync(cancellationToken);
        var agents = (await directory.ListAgentsAsync(cancellationToken: cancellationToken)).Select(AgentEntry.Of).ToList();
        // Served by the partial index on agents' messages by time; inbound messages (no author) are not in it.
        var since = clock.GetUtcNow() - QueueStats.RepliesWindow;
        var replies = await db.Messages.AsNoTracking()
            .Where(m => m.AuthorId != null && m.CreatedAt > since && m.Direction == MessageDirection.Outbound)
            .Select(m => new ReplyEntry(m.Id, m.AuthorId!.Value, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return new QueueData(teams, conversations, tickets, agents, replies, presence.Active());
    }

    public async Task<QueueStats> ComputeAsync(CancellationToken cancellationToken = default) =>
        QueueFigures.Compute(await LoadAsync(cancellationToken), clock.GetUtcNow());
}
