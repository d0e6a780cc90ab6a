using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Quality;

public sealed record QaReviewView(Guid Id, long AuditSequence, Guid ConversationId, Guid AgentId, string AgentName, Guid ReviewerId,
    string ReviewerName, int Score, string Comment, DateTimeOffset CreatedAt);

/// <summary>What kind of work an audit event shows, when it is one that can be reviewed.</summary>
public enum ReviewedWork { Reply, Handoff }

/// <summary>The conversation's header as the snapshot shows it (as it is now: number, customer, brand and team).</summary>
public sealed record SnapshotHeader(Guid Id, int Number, ContactView Contact, ChannelView Channel, int TeamId, string TeamName);

/// <summary>
/// A conversation exactly as it was at one audited reply or handoff: the messages, notes and handoffs up to that moment,
/// its activity up to then, and the reviews already left for that event.
/// </summary>
public sealed record QaSnapshot(AuditEntry Event, ReviewedWork Work, Guid? AgentId, string AgentName, SnapshotHeader Conversation,
    IReadOnlyList<MessageView> Messages, IReadOnlyList<NoteView> Notes, IReadOnlyList<HandoffView> Handoffs,
    IReadOnlyList<ActivityItem> Activity, IReadOnlyList<QaReviewView> Reviews)
{
    /// <summary>The message or handoff the event is about, to highlight in the thread.</summary>
    public Guid? SubjectId => Guid.TryParse(Event.SubjectId, out var id) ? id : null;
}

/// <summary>An agent's QA scores (for the KPI page).</summary>
public sealed record AgentQaScore(Guid AgentId, string AgentName, int Reviews, double AverageScore, DateTimeOffset LastReviewedAt);
