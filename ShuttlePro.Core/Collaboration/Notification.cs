namespace ShuttlePro.Core.Collaboration;

public enum NotificationKind
{
    Mention,
    Handoff,
    Ticket,
}

/// <summary>Something an agent should look at: a mention of them (or their team), or a conversation handed to them.</summary>
public sealed class Notification
{
    public const int MaxTextLength = 300;

    private Notification() { }

    public Notification(Guid recipientId, NotificationKind kind, string text, Guid? conversationId, Guid? noteId, Guid? actorId,
        string actorName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        RecipientId = recipientId;
        Kind = kind;
        Text = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
        ConversationId = conversationId;
        NoteId = noteId;
        ActorId = actorId;
        ActorName = actorName;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public Guid? ConversationId { get; private set; }
    public Guid? NoteId { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public bool MarkRead(DateTimeOffset at)
    {
        if (ReadAt is not null) return false;
        ReadAt = at;
        return true;
    }
}
