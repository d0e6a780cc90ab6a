using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Quality;

/// <summary>
/// Reads for QA: a conversation as it was at an audited reply or handoff, and the reviews per agent. For the readers of the
/// audit trail (supervisors, admins, shift leads for their teams).
/// </summary>
public sealed class QaReviewQueries(IDbContextFactory<ShuttleDbContext> dbFactory, AuditQueries audit)
{
    public async Task<Result<QaSnapshot>> SnapshotAsync(Actor actor, long auditSequence, CancellationToken cancellationToken = default)
    {
        var found = await audit.GetAsync(actor, auditSequence, cancellationToken);
        if (!found.Succeeded) return found.Problem;
        var entry = found.Value;
        if (QaReviewService.WorkOf(entry.Action) is not { } work || entry.ConversationId is not { } conversationId)
            return Problem.Validation("Only replies (message.sent) and handoffs (handoff.created) can be reviewed.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var header = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new SnapshotHeader(c.Id, c.Number, new ContactView(c.Contact.Name, "+" + c.Contact.WaId),
                new ChannelView(c.ChannelId, c.Channel.Name, c.Channel.Brand.Name), c.TeamId, c.Team.Name))
            .FirstOrDefaultAsync(cancellationToken);
        if (header is null) return Problem.NotFound("The conversation");

        // Audit times are kept to the millisecond; the reviewed reply or handoff itself was written within that millisecond.
        var at = entry.At;
        var before = at.AddMilliseconds(1);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.CreatedAt < before)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Position).Select(ConversationProjections.Message).ToListAsync(cancellationToken);
        var notes = await CollaborationQueries.Notes(db, n => n.ConversationId == conversationId && n.CreatedAt < before).ToListAsync(cancellationToken);
        var handoffs = await CollaborationQueries.Handoffs(db, h => h.ConversationId == conversationId && h.CreatedAt < before).ToListAsync(cancellationToken);
        var reviews = await Project(db.QaReviews.AsNoTracking().Where(r => r.AuditSequence == auditSequence).OrderBy(r => r.CreatedAt))
            .ToListAsync(cancellationToken);

        // The conversation may since have moved to a team the reader does not lead: the event (visible to them) still shows its thread.
        var activity = await audit.ConversationActivityAsync(actor, conversationId, upTo: at, cancellationToken);
        return new QaSnapshot(entry, work, entry.ActorId, entry.ActorName, header, messages, notes, handoffs,
            activity.Succeeded ? activity.Value : [], reviews);
    }

    /// <summary>Each reviewed agent's count and average score, best first; shift leads see the reviews of their teams.</summary>
    public async Task<Result<IReadOnlyList<AgentQaScore>>> ScoresByAgentAsync(Actor actor, DateTimeOffset? from = null, DateTimeOffset? to = null,
        CancellationToken cancellationToken = default)
    {
        if (!QaReviewService.MayReview(actor)) return Problem.Forbidden("QA reviews are for supervisors, admins and shift leads.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Visible(db, actor).Where(r => (from == null || r.CreatedAt >= from) && (to == null || r.CreatedAt <= to))
            .Select(r => new { r.AgentId, r.AgentName, r.Score, r.CreatedAt }).ToListAsync(cancellationToken);
        // Grouped in memory: SQLite cannot aggregate the DateTimeOffset (stored as ticks) with MAX through EF.
        return rows.GroupBy(r => r.AgentId)
            .Select(g => new AgentQaScore(g.Key, g.OrderByDescending(r => r.CreatedAt).First().AgentName, g.Count(),
                Math.Round(g.Average(r => r.Score), 2), g.Max(r => r.CreatedAt)))
            .OrderByDescending(s => s.AverageScore).ThenBy(s => s.AgentName).ToList();
    }

    /// <summary>One agent's reviews, newest first.</summary>
    public async Task<Result<IReadOnlyList<QaReviewView>>> ReviewsOfAgentAsync(Actor actor, Guid agentId, int limit = 100,
        CancellationToken cancellationToken = default)
    {
        if (!QaReviewService.MayReview(actor)) return Problem.Forbidden("QA reviews are for supervisors, admins and shift leads.");
        if (limit is < 1 or > 1000) return Problem.Validation("limit must be between 1 and 1000.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Project(Visible(db, actor).Where(r => r.AgentId == agentId).OrderByDescending(r => r.CreatedAt).Take(limit))
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<QaReview> Visible(ShuttleDbContext db, Actor actor)
    {
        var reviews = db.QaReviews.AsNoTracking();
        if (actor.SeesAllTeams) return reviews;
        var teams = actor.TeamIds.ToList();
        return reviews.Where(r => r.TeamId != null && teams.Contains(r.TeamId.Value));
    }

    private static IQueryable<QaReviewView> Project(IQueryable<QaReview> reviews) =>
        reviews.Select(r => new QaReviewView(r.Id, r.AuditSequence, r.ConversationId,
            r.AgentId, r.AgentName, r.ReviewerId, r.ReviewerName, r.Score, r.Comment, r.CreatedAt));
}
