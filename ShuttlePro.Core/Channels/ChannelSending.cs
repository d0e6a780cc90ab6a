namespace ShuttlePro.Core.Channels;

/// <summary>
/// A reply on its way to the customer. Built only from outbound messages: internal notes have no path here.
/// <paramref name="Template"/> is set for template messages; <paramref name="CallbackData"/> travels to WhatsApp and comes
/// back on status webhooks (our outbox entry id), so a send that crashed before its response was recorded is recognised.
/// </summary>
public sealed record OutboundMessage(Guid MessageId, Guid ConversationId, string PhoneNumberId, string ToWaId, string Body,
    string? AccessToken = null, OutboundTemplate? Template = null, string? CallbackData = null);

public sealed record OutboundTemplate(string Name, string Language, IReadOnlyList<string> Parameters);

public sealed record SendOutcome(SendOutcomeKind Kind, string? WaMessageId = null, string? Error = null, int? ErrorCode = null,
    TimeSpan? RetryAfter = null)
{
    public static SendOutcome Accepted(string waMessageId) => new(SendOutcomeKind.Accepted, waMessageId);
    public static SendOutcome RetryLater(string error, TimeSpan? retryAfter = null) => new(SendOutcomeKind.RetryLater, Error: error, RetryAfter: retryAfter);
    public static SendOutcome Rejected(string error, int? errorCode = null) => new(SendOutcomeKind.Rejected, Error: error, ErrorCode: errorCode);
}

public enum SendOutcomeKind
{
    Accepted,
    RetryLater,
    Rejected,
}

/// <summary>Sends a reply through a channel (the WhatsApp Cloud API, or the demo's simulated channel).</summary>
public interface IChannelSender
{
    Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
