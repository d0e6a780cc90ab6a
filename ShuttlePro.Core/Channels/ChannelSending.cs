namespace ShuttlePro.Core.Channels;

/// <summary>A reply on its way to the customer. Built only from outbound messages: internal notes have no path here.</summary>
public sealed record OutboundMessage(Guid MessageId, Guid ConversationId, string PhoneNumberId, string ToWaId, string Body);

public sealed record SendOutcome(SendOutcomeKind Kind, string? WaMessageId = null, string? Error = null)
{
    public static SendOutcome Accepted(string waMessageId) => new(SendOutcomeKind.Accepted, waMessageId);
    public static SendOutcome RetryLater(string error) => new(SendOutcomeKind.RetryLater, Error: error);
    public static SendOutcome Rejected(string error) => new(SendOutcomeKind.Rejected, Error: error);
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
