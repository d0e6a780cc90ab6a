using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

public sealed record MentionView(Guid? AgentId, int? TeamId, string Name);

public sealed record NoteView(Guid Id, Guid ConversationId, string Body, Guid AuthorId, string AuthorName, DateTimeOffset CreatedAt,
    bool Pinned, IReadOnlyList<MentionView> Mentions);

public sealed record HandoffView(Guid Id, Guid ConversationId, Guid ByAgentId, string ByName, Guid? FromAgentId, string? FromAgentName,
    int FromTeamId, string FromTeamName, Guid? ToAgentId, string? ToAgentName, int? ToTeamId, string? ToTeamName, string Note,
    DateTimeOffset CreatedAt)
{
    /// <summary>"Ayesha Siddiqui → Ops" as the thread shows it.</summary>
    public string Route => $"{FromAgentName ?? FromTeamName + " queue"} → {ToAgentName ?? ToTeamName}";
}

public sealed record NotificationView(Guid Id, NotificationKind Kind, string Text, Guid? ConversationId, Guid? NoteId, string ActorName,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NoteAdded(NoteView Note, ConversationAccess Access, DateTimeOffset At) : ConversationLiveEvent(Note.ConversationId, Access, At);

/// <summary>A note was pinned or unpinned (the context card changed).</summary>
public sealed record NoteUpdated(NoteView Note, ConversationAccess Access, DateTimeOffset At) : ConversationLiveEvent(Note.ConversationId, Access, At);

public sealed record HandoffCreated(HandoffView Handoff, ConversationAccess Access, DateTimeOffset At)
    : ConversationLiveEvent(Handoff.ConversationId, Access, At);

/// <summary>A notification for one agent; nobody else receives it.</summary>
public sealed record NotificationCreated(NotificationView Notification, Guid RecipientId, DateTimeOffset At) : LiveEvent(At)
{
    public override bool IsVisibleTo(Actor actor) => actor.AgentId == RecipientId;
}
