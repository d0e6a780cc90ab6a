using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Conversations;

/// <summary>A WhatsApp message in a conversation, from the customer or to them. Internal notes are a different entity.</summary>
public sealed class Message
{
    /// <summary>WhatsApp's limit for a text message body.</summary>
    public const int MaxBodyLength = 4096;

    private Message() { }

    private Message(Guid conversationId, MessageDirection direction, MessageType type, string body,
        Guid? authorId, DeliveryStatus status, string? waMessageId, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ConversationId = conversationId;
        Direction = direction;
        Type = type;
        Body = body;
        AuthorId = authorId;
        Status = status;
        WaMessageId = waMessageId;
        CreatedAt = createdAt;
        StatusChangedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public MessageDirection Direction { get; private set; }
    public MessageType Type { get; private set; }
    public string Body { get; private set; } = "";

    /// <summary>WhatsApp's message id (wamid); unique, so a webhook delivered twice stores one message.</summary>
    public string? WaMessageId { get; private set; }

    public DeliveryStatus Status { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The agent who wrote an outbound message; null for the customer's messages.</summary>
    public Guid? AuthorId { get; private set; }

    public Directory.Agent? Author { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The message's place in its conversation (1, 2, 3…), given when it is added. Timestamps can tie (WhatsApp's
    /// have one-second resolution) or arrive out of order; positions never do, so "what is new since" uses them.
    /// </summary>
    public int Position { get; private set; }

    internal void PlaceAt(int position) => Position = position;

    internal static Message Inbound(Guid conversationId, string waMessageId, MessageType type, string body, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(waMessageId))
            throw new DomainException(Problem.Validation("An inbound message needs its WhatsApp message id."));
        return new Message(conversationId, MessageDirection.Inbound, type, body, null, DeliveryStatus.Received, waMessageId, at);
    }

    internal static Message Outbound(Guid conversationId, Guid authorId, string body, DateTimeOffset at) =>
        new(conversationId, MessageDirection.Outbound, MessageType.Text, ValidateReplyBody(body), authorId, DeliveryStatus.Pending, null, at);

    public static string ValidateReplyBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            throw new DomainException(Problem.Validation("A reply needs some text."));
        if (body.Length > MaxBodyLength)
            throw new DomainException(Problem.Validation($"A WhatsApp message holds at most {MaxBodyLength} characters; this one has {body.Length}."));
        return body.Trim();
    }

    /// <summary>The channel accepted the message and gave it its id.</summary>
    public bool MarkSent(string waMessageId, DateTimeOffset at)
    {
        if (Direction != MessageDirection.Outbound) return false;
        WaMessageId ??= waMessageId;
        return AdvanceStatus(DeliveryStatus.Sent, at);
    }

    /// <summary>
    /// Applies a delivery status. Statuses only move forward (a late "delivered" never undoes "read");
    /// returns false when nothing changed.
    /// </summary>
    public bool AdvanceStatus(DeliveryStatus status, DateTimeOffset at)
    {
        if (Direction != MessageDirection.Outbound || status is DeliveryStatus.Received or DeliveryStatus.Pending)
            return false;
        if (Status == DeliveryStatus.Failed || Rank(status) <= Rank(Status)) return false;
        Status = status;
        StatusChangedAt = at;
        return true;
    }

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => 0,
        DeliveryStatus.Sent => 1,
        DeliveryStatus.Delivered => 2,
        DeliveryStatus.Read => 3,
        DeliveryStatus.Failed => 4,
        _ => -1,
    };
}
