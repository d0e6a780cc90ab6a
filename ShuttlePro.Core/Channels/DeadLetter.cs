namespace ShuttlePro.Core.Channels;

/// <summary>
/// A webhook change for a number we do not serve. Answered 200 (so Meta stops retrying) and kept here for admins:
/// usually a number added in Meta's dashboard but not yet in <c>WhatsApp:Channels</c>.
/// </summary>
public sealed class DeadLetter
{
    public const int MaxPayloadLength = 100_000;

    private DeadLetter() { }

    public DeadLetter(string phoneNumberId, string reason, string payload, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        PhoneNumberId = phoneNumberId.Length > 64 ? phoneNumberId[..64] : phoneNumberId;
        Reason = reason;
        Payload = Common.Text.Cut(payload, MaxPayloadLength);
        ReceivedAt = at;
    }

    public Guid Id { get; private set; }
    public string PhoneNumberId { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
}

public sealed record DeadLetterView(Guid Id, string PhoneNumberId, string Reason, string Payload, DateTimeOffset ReceivedAt);
