namespace ShuttlePro.Core.Conversations;

/// <summary>A customer's message as a channel hands it over (webhook, simulator).</summary>
public sealed record InboundMessage(
    string PhoneNumberId,
    string WaId,
    string? ProfileName,
    string WaMessageId,
    MessageType Type,
    string Body,
    DateTimeOffset SentAt,
    string? MediaId = null,
    string? MimeType = null,
    string? FileName = null);

public sealed record InboundOutcome(Guid ConversationId, Guid? MessageId, bool Duplicate, bool StartedConversation);

/// <summary>A template to send: its approved name, optionally its language, and the values of its numbered parameters.</summary>
public sealed record TemplateReply(string Name, string? Language, IReadOnlyList<string>? Parameters);
