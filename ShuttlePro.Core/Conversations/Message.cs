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

    /// <summary>WhatsApp's media id of an image, document, audio, video or sticker (downloaded on demand).</summary>
    public string? MediaId { get; private set; }

    public string? MimeType { get; private set; }
    public string? FileName { get; private set; }

    /// <summary>Why sending failed, as WhatsApp said it (e.g. 131047 "Re-engagement message").</summary>
    public int? ErrorCode { get; private set; }

    public string? ErrorTitle { get; private set; }

    /// <summary>For a template message: which approved template, in which language, with which parameters (JSON array).</summary>
    public string? TemplateName { get; private set; }

    public string? TemplateLanguage { get; private set; }
    public string? TemplateParameters { get; private set; }

    /// <summary>What a list row shows: the text, or for a photo without caption, a voice note or a sticker, what it is.</summary>
    public string PreviewText => Body.Length > 0 ? Body : MessageKinds.Describe(Type);

    internal void AttachMedia(string? mediaId, string? mimeType, string? fileName)
    {
        MediaId = mediaId;
        MimeType = mimeType;
        FileName = fileName;
    }

    /// <summary>WhatsApp (or the channel) refused or could not deliver the message.</summary>
    public bool Fail(int? code, string? title, DateTimeOffset at)
    {
        if (Direction != MessageDirection.Outbound || Status is DeliveryStatus.Delivered or DeliveryStatus.Read) return false;
        ErrorCode = code;
        ErrorTitle = title is { Length: > 200 } ? title[..200] : title;
        Status = DeliveryStatus.Failed;
        StatusChangedAt = at;
        return true;
    }

    /// <summary>An agent sends a failed message again: it goes back to pending for the outbox.</summary>
    public void RetryAfterFailure(DateTimeOffset at)
    {
        if (Direction != MessageDirection.Outbound || Status != DeliveryStatus.Failed)
            throw new DomainException(Problem.Validation("Only a failed message can be sent again."));
        ErrorCode = null;
        ErrorTitle = null;
        Status = DeliveryStatus.Pending;
        StatusChangedAt = at;
    }

    internal static Message OutboundTemplate(Guid conversationId, Guid authorId, string name, string language, IReadOnlyList<string> parameters,
        string renderedBody, DateTimeOffset at)
    {
        var message = new Message(conversationId, MessageDirection.Outbound, MessageType.Template, renderedBody, authorId, DeliveryStatus.Pending, null, at)
        {
            TemplateName = name,
            TemplateLanguage = language,
            TemplateParameters = System.Text.Json.JsonSerializer.Serialize(parameters),
        };
        return message;
    }

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
