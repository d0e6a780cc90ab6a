using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Quality;

/// <summary>
/// A supervisor's QA comment on one audited reply or handoff: who did it (the reviewed agent), who reviewed it, a score
/// from 1 to 5 and why. Written once; a second opinion is another review.
/// </summary>
public sealed class QaReview
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 2000;

    private QaReview() { }

    private QaReview(long auditSequence, Guid conversationId, int? teamId, Guid agentId, string agentName, Actor reviewer, int score,
        string comment, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        AuditSequence = auditSequence;
        ConversationId = conversationId;
        TeamId = teamId;
        AgentId = agentId;
        AgentName = agentName;
        ReviewerId = reviewer.AgentId;
        ReviewerName = reviewer.Name;
        Score = score;
        Comment = comment;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The reviewed event (a <c>message.sent</c> or <c>handoff.created</c>) in the audit trail.</summary>
    public long AuditSequence { get; private set; }

    public Guid ConversationId { get; private set; }

    /// <summary>The team the event belonged to, so shift leads see the reviews of their teams.</summary>
    public int? TeamId { get; private set; }

    public Guid AgentId { get; private set; }
    public string AgentName { get; private set; } = "";
    public Guid ReviewerId { get; private set; }
    public string ReviewerName { get; private set; } = "";
    public int Score { get; private set; }
    public string Comment { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static QaReview Write(long auditSequence, Guid conversationId, int? teamId, Guid agentId, string agentName, Actor reviewer,
        int score, string? comment, DateTimeOffset at)
    {
        if (score is < MinScore or > MaxScore)
            throw new DomainException(Problem.Validation($"A score is from {MinScore} to {MaxScore}; {score} is not."));
        var text = comment?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(Problem.Validation("A review needs a comment: what was good, what to do differently."));
        if (text.Length > MaxCommentLength)
            throw new DomainException(Problem.Validation($"A comment holds at most {MaxCommentLength} characters; this one has {text.Length}."));
        if (reviewer.AgentId == agentId)
            throw new DomainException(Problem.Forbidden("You cannot review your own reply or handoff."));
        return new QaReview(auditSequence, conversationId, teamId, agentId, agentName, reviewer, score, text, at);
    }

    public QaReviewView ToView() => new(Id, AuditSequence, ConversationId, AgentId, AgentName, ReviewerId, ReviewerName, Score, Comment, CreatedAt);
}
