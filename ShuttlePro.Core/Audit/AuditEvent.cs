namespace ShuttlePro.Core.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did what to which subject, when, and what it looked like
/// before and after. Written in the same transaction as the change it records, and sealed into the hash chain
/// (<see cref="AuditChain"/>) as it is saved: its hash covers its content and the previous event's hash.
/// </summary>
public sealed class AuditEvent
{
    private static long _created;

    private AuditEvent() { }

    internal AuditEvent(DateTimeOffset at, Guid? actorId, string actorName, string action, string subjectType,
        string subjectId, Guid? conversationId, int? teamId, string? before, string? after)
    {
        // Whole milliseconds in UTC: what both providers store exactly (SQLite's binary encoding keeps 0.1 ms), so the
        // hash computed now is the hash of what is read back.
        At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        ConversationId = conversationId;
        TeamId = teamId;
        Before = before;
        After = after;
        CreatedOrder = Interlocked.Increment(ref _created);
        Sequence = -CreatedOrder; // a unique temporary key (EF tracks by key) until the chain numbers it as it is saved
    }

    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Null when the application itself acted (simulator, webhook, dispatcher).</summary>
    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";
    public Guid? ConversationId { get; private set; }

    /// <summary>The team the subject belonged to when it happened (shift leads see their teams' events).</summary>
    public int? TeamId { get; private set; }

    public string? Before { get; private set; }
    public string? After { get; private set; }

    /// <summary>The hash of the event before this one ("" for the first).</summary>
    public string PreviousHash { get; private set; } = "";

    /// <summary>SHA-256 (lowercase hex) of this event's canonical content, <see cref="AuditHash"/>.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The order events were recorded in within one unit of work: they are chained in that order.</summary>
    internal long CreatedOrder { get; }

    internal void AssignTeam(int? teamId) => TeamId ??= teamId;

    /// <summary>Numbers and seals the event as the next link after <paramref name="previousHash"/>. Only before it is saved.</summary>
    internal void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditHash.Compute(AuditHash.ContentOf(this));
    }
}
