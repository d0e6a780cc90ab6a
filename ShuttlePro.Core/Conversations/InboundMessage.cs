namespace ShuttlePro.Core.Conversations;

/// <summary>A customer's message as a channel hands it over (webhook, simulator).</summary>
public sealed record InboundMessage(
    string PhoneNumberId,
    string WaId,
    string? ProfileName,
    string WaMessageId,
    MessageType Type,
    string Body,
    DateTimeOffset SentAt);

public sealed record InboundOutcome(Guid ConversationId, Guid? MessageId, bool Duplicate, bool StartedConversation);
