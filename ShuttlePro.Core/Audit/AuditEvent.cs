namespace ShuttlePro.Core.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did what to which subject, when, and what it looked like
/// before and after. Written in the same transaction as the change it records.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    internal AuditEvent(DateTimeOffset at, Guid? actorId, string actorName, string action, string subjectType,
        string subjectId, Guid? conversationId, string? before, string? after)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        ConversationId = conversationId;
        Before = before;
        After = after;
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
    public string? Before { get; private set; }
    public string? After { get; private set; }
}
