namespace ShuttlePro.Core.Conversations;

public sealed record ContactView(string Name, string Phone);

public sealed record ChannelView(int Id, string Name, string Brand);

/// <summary>What a list row, a thread header and a live update need to know about a conversation.</summary>
public sealed record ConversationSummary(
    Guid Id,
    int Number,
    ConversationStatus Status,
    ContactView Contact,
    ChannelView Channel,
    int TeamId,
    string TeamName,
    Guid? OwnerId,
    string? OwnerName,
    DateTimeOffset? LastMessageAt,
    string LastMessagePreview,
    MessageDirection? LastMessageDirection,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? AwaitingReplySince,
    int Version,
    IReadOnlyList<Guid> ParticipantIds,
    IReadOnlyList<Workspace.LabelView> Labels)
{
    public ConversationAccess Access => new(TeamId, ParticipantIds);
}

public sealed record MessageView(
    Guid Id,
    Guid ConversationId,
    MessageDirection Direction,
    MessageType Type,
    string Body,
    Guid? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status,
    int Position = 0,
    MessageChannelDetails? Channel = null);

/// <summary>
/// What WhatsApp knows about a message: its wamid, its media (id, type, file name), why it failed, and for a
/// template which one was sent.
/// </summary>
public sealed record MessageChannelDetails(string? WaMessageId, string? MediaId, string? MimeType, string? FileName, int? ErrorCode,
    string? ErrorTitle, string? TemplateName);

public sealed record ConversationDetail(ConversationSummary Summary, IReadOnlyList<MessageView> Messages,
    IReadOnlyList<Collaboration.NoteView> Notes, IReadOnlyList<Collaboration.HandoffView> Handoffs)
{
    public ConversationDetail(ConversationSummary summary, IReadOnlyList<MessageView> messages) : this(summary, messages, [], []) { }

    /// <summary>Tickets escalated from this conversation (open and solved), for its chips.</summary>
    public IReadOnlyList<Tickets.TicketSummary> Tickets { get; init; } = [];

    /// <summary>The tickets' lines in the thread: created, solved, reopened.</summary>
    public IReadOnlyList<Tickets.TicketLine> TicketLines { get; init; } = [];
}
