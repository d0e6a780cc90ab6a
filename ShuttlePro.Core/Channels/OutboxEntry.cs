namespace ShuttlePro.Core.Channels;

public enum OutboxStatus
{
    Pending = 0,
    Acknowledged = 1,
    Failed = 2,
}

/// <summary>
/// A reply waiting to leave, committed in the same transaction as the message itself, so nothing is lost on a crash.
/// A dispatcher claims it for a short lease (several instances never send the same row at once), sends it, and
/// records WhatsApp's acknowledgement; an acknowledged row is never sent again.
/// </summary>
public sealed class OutboxEntry
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 12;

    private OutboxEntry() { }

    public OutboxEntry(Guid messageId, int channelId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        MessageId = messageId;
        ChannelId = channelId;
        CreatedAt = at;
        NextAttemptAt = at;
        Status = OutboxStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid MessageId { get; private set; }
    public int ChannelId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public Guid? ClaimToken { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public string? LastError { get; private set; }
    public string? WaMessageId { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Concurrency token: two dispatchers claiming the same row cannot both succeed.</summary>
    public int Version { get; private set; }

    public bool IsDue(DateTimeOffset now) =>
        Status == OutboxStatus.Pending && NextAttemptAt <= now && (ClaimedUntil is null || ClaimedUntil <= now);

    public bool TryClaim(Guid token, DateTimeOffset now)
    {
        if (!IsDue(now)) return false;
        ClaimToken = token;
        ClaimedUntil = now + Lease;
        Attempts++;
        Version++;
        return true;
    }

    /// <summary>WhatsApp accepted the message and named it: done, for good.</summary>
    public bool Acknowledge(string waMessageId, DateTimeOffset now)
    {
        if (Status == OutboxStatus.Acknowledged) return false;
        Status = OutboxStatus.Acknowledged;
        WaMessageId = waMessageId;
        AcknowledgedAt = now;
        ClaimToken = null;
        ClaimedUntil = null;
        LastError = null;
        Version++;
        return true;
    }

    /// <summary>A network error, a 5xx or a rate limit: try again later, backing off (or when told to).</summary>
    public void RetryLater(string error, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        if (Status != OutboxStatus.Pending) return;
        LastError = Truncate(error);
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Max(0, Attempts - 1))));
        NextAttemptAt = now + (retryAfter is { } wait && wait > backoff ? wait : backoff);
        ClaimToken = null;
        ClaimedUntil = null;
        Version++;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = OutboxStatus.Failed;
        LastError = Truncate(error);
        ClaimToken = null;
        ClaimedUntil = null;
        Version++;
    }

    /// <summary>An agent asked to send a failed message again.</summary>
    public void Requeue(DateTimeOffset now)
    {
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LastError = null;
        ClaimToken = null;
        ClaimedUntil = null;
        Version++;
    }

    private static string Truncate(string error) => error.Length > 500 ? error[..500] : error;
}

/// <summary>
/// A delivery status for a wamid we do not know yet: the webhook can beat the send response. Kept briefly and applied
/// when the send is recorded.
/// </summary>
public sealed class PendingStatus
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private PendingStatus() { }

    public PendingStatus(string waMessageId, Conversations.DeliveryStatus status, int? errorCode, string? errorTitle, DateTimeOffset at,
        DateTimeOffset receivedAt)
    {
        Id = Guid.CreateVersion7(receivedAt);
        WaMessageId = waMessageId;
        Status = status;
        ErrorCode = errorCode;
        ErrorTitle = errorTitle;
        At = at;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }
    public string WaMessageId { get; private set; } = "";
    public Conversations.DeliveryStatus Status { get; private set; }
    public int? ErrorCode { get; private set; }
    public string? ErrorTitle { get; private set; }
    public DateTimeOffset At { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
}
