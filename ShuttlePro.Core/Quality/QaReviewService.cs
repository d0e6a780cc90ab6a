using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Quality;

/// <summary>
/// QA reviews of audited replies and handoffs by supervisors, admins and (for their teams) shift leads. The review and
/// its own audit event are saved in one transaction.
/// </summary>
public sealed class QaReviewService(UnitOfWork unitOfWork, TimeProvider clock)
{
    public static bool MayReview(Actor actor) => !actor.IsSystem && Permissions.MayLead(actor);

    /// <summary>Whether an audit action is work a reviewer can score.</summary>
    public static ReviewedWork? WorkOf(string action) => action switch
    {
        AuditActions.MessageSent => ReviewedWork.Reply,
        AuditActions.HandoffCreated => ReviewedWork.Handoff,
        _ => null,
    };

    public Task<Result<QaReviewView>> ReviewAsync(Actor actor, long auditSequence, int score, string? comment,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<QaReviewView>(async db =>
        {
            if (!MayReview(actor)) return Problem.Forbidden("QA reviews are for supervisors, admins and shift leads.");
            var reviewed = await db.AuditEvents.AsNoTracking().Where(a => a.Sequence == auditSequence)
                .Select(a => new { a.Sequence, a.Action, a.ActorId, a.ActorName, a.ConversationId, a.TeamId }).FirstOrDefaultAsync(cancellationToken);
            if (reviewed is null || !(actor.SeesAllTeams || reviewed.TeamId is { } team && actor.LeadsTeam(team)))
                return Problem.NotFound($"Audit event #{auditSequence}");
            if (WorkOf(reviewed.Action) is null || reviewed.ConversationId is not { } conversationId)
                return Problem.Validation("Only replies (message.sent) and handoffs (handoff.created) can be reviewed.");
            if (reviewed.ActorId is not { } agentId)
                return Problem.Validation($"#{auditSequence} was done by {reviewed.ActorName}, not by an agent: there is nobody to review.");

            var now = clock.GetUtcNow();
            var review = QaReview.Write(reviewed.Sequence, conversationId, reviewed.TeamId, agentId, reviewed.ActorName, actor, score, comment, now);
            db.QaReviews.Add(review);
            db.Record(actor, AuditActions.QaReviewed, AuditSubjects.QaReview, review.Id.ToString(), now, conversationId,
                after: new { auditSequence, agentId, agent = review.AgentName, score = review.Score, comment = review.Comment },
                teamId: reviewed.TeamId);
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<QaReviewView>(review.ToView());
        }, cancellationToken);
}
