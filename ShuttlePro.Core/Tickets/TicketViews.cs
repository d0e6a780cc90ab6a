using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// Who may see a ticket: whoever may see its conversation, and the team it was escalated to (an Ops team sees the
/// tickets it works on even when the chat belongs to the brand's team).
/// </summary>
public sealed record TicketAccess(ConversationAccess Conversation, int TeamId)
{
    public bool IsVisibleTo(Actor actor) => Permissions.CanSee(actor, this);
}

/// <summary>What a list row, a conversation's ticket chip and a live update need to know about a ticket.</summary>
public sealed record TicketSummary(
    Guid Id,
    int Number,
    Guid ConversationId,
    int ConversationNumber,
    string ContactName,
    string TypeName,
    TicketPriority Priority,
    TicketStatus Status,
    int TeamId,
    string TeamName,
    Guid? OwnerId,
    string? OwnerName,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset FirstResponseDueAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SolvedAt,
    string? ReplyDraft,
    int Version,
    int ConversationTeamId,
    IReadOnlyList<Guid> ConversationParticipantIds)
{
    public string HumanNumber => Ticket.Format(Number);

    public TicketAccess Access => new(new ConversationAccess(ConversationTeamId, ConversationParticipantIds), TeamId);

    public bool IsOpen => Status.IsOpen();

    /// <summary>Where the ticket stands at <paramref name="now"/>: computed from the stored due times, no query needed.</summary>
    public SlaState SlaAt(DateTimeOffset now) => Sla.StateOf(Status, SolvedAt, WarnAt, DueAt, FirstResponseDueAt, FirstRespondedAt, now);

    public bool IsOverdueAt(DateTimeOffset now) => SlaAt(now) == SlaState.Breached;

    /// <summary>The due time that was missed first: the first response while it is unanswered, else the resolution.</summary>
    public DateTimeOffset MissedDueAt => FirstRespondedAt is null && FirstResponseDueAt < DueAt ? FirstResponseDueAt : DueAt;

    public bool CanBeManagedBy(Actor actor) => Permissions.CanManageTicket(actor, OwnerId, TeamId);
}

public sealed record TicketEventView(Guid Id, Guid TicketId, TicketEventKind Kind, Guid? ActorId, string ActorName, DateTimeOffset At,
    string? From, string? To, string? Body, Guid? MessageId)
{
    /// <summary>Creation, solving and reopening also show as a line in the conversation's thread.</summary>
    public bool ShowsInConversation => Kind is TicketEventKind.Created or TicketEventKind.Solved or TicketEventKind.Reopened;
}

/// <summary>A ticket with its description, resolution and whole timeline (the ticket page).</summary>
public sealed record TicketDetail(TicketSummary Summary, string Description, string? Resolution, Guid? SourceMessageId, string CreatedByName,
    DateTimeOffset? WarnedAt, DateTimeOffset? BreachedAt, DateTimeOffset? FirstResponseBreachedAt, IReadOnlyList<TicketEventView> Timeline);

/// <summary>A ticket's line in its conversation's thread: "Escalation: ticket SP-1042 created (Complaint, High)".</summary>
public sealed record TicketLine(TicketSummary Ticket, TicketEventView Event)
{
    public Guid Id => Event.Id;
    public DateTimeOffset At => Event.At;

    public string Text => Event.Kind switch
    {
        TicketEventKind.Created => $"Escalation: ticket {Ticket.HumanNumber} created ({Ticket.TypeName}, {Event.To ?? Ticket.Priority.ToString()})",
        TicketEventKind.Solved => $"Ticket {Ticket.HumanNumber} solved by {Event.ActorName}",
        TicketEventKind.Reopened => $"Ticket {Ticket.HumanNumber} reopened by {Event.ActorName}",
        _ => $"Ticket {Ticket.HumanNumber}: {Event.Kind}",
    };
}

/// <summary>What the escalation form opens with: types, teams and their agents, and a subject and description drafted from the conversation.</summary>
public sealed record EscalationDraft(Guid ConversationId, string Subject, string Description, IReadOnlyList<string> Types, int TeamId,
    IReadOnlyList<TeamMembers> Teams, IReadOnlyList<TicketSummary> OpenTickets)
{
    /// <summary>The drafted title of a ticket of this type: "Complaint: Nida Pervez — Parcel damaged aya hai…".</summary>
    public string TitleFor(string type) => Title(type, Subject);

    public static string Title(string type, string subject) => Text.Preview($"{type}: {subject}", Ticket.MaxTitleLength);

    public TicketSummary? OpenOfType(string type) => OpenTickets.FirstOrDefault(t => t.TypeName == type);
}

public sealed record TeamMembers(int Id, string Name, IReadOnlyList<AgentRef> Agents);

public sealed record AgentRef(Guid Id, string Name);

/// <summary>An escalation: type by name, priority, and optionally title, description, team and owner (else drafted / defaulted).</summary>
public sealed record EscalateTicket(string? Type, TicketPriority Priority = TicketPriority.Normal, string? Title = null, string? Description = null,
    Guid? OwnerId = null, int? TeamId = null);

/// <summary>
/// A change to a ticket: only what is set changes. <see cref="OwnerId"/> <see cref="Guid.Empty"/> leaves the ticket without owner.
/// Solving needs <see cref="Resolution"/>; <see cref="ReplyDraft"/> drafts a reply for the conversation's owner.
/// </summary>
public sealed record TicketChange(TicketStatus? Status = null, TicketPriority? Priority = null, Guid? OwnerId = null, int? TeamId = null,
    string? Resolution = null, string? ReplyDraft = null);

public enum TicketSort
{
    DueAt,
    Newest,
    Priority,
}

/// <summary>Filters of the ticket list; all optional. <see cref="Open"/> keeps only unsolved tickets.</summary>
public sealed record TicketFilter(
    IReadOnlyList<TicketStatus>? Statuses = null,
    TicketPriority? Priority = null,
    string? Type = null,
    int? TeamId = null,
    Guid? OwnerId = null,
    bool? Overdue = null,
    bool Open = false,
    Guid? ConversationId = null,
    TicketSort Sort = TicketSort.DueAt)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;
}

public static class Sla
{
    public static SlaState StateOf(TicketStatus status, DateTimeOffset? solvedAt, DateTimeOffset warnAt, DateTimeOffset dueAt,
        DateTimeOffset firstResponseDueAt, DateTimeOffset? firstRespondedAt, DateTimeOffset now)
    {
        if (!status.IsOpen()) return solvedAt is { } solved && solved > dueAt ? SlaState.Missed : SlaState.Met;
        if (now >= dueAt || (firstRespondedAt is null && now >= firstResponseDueAt)) return SlaState.Breached;
        return now >= warnAt ? SlaState.Approaching : SlaState.OnTrack;
    }

    public static string Label(this SlaState state) => state switch
    {
        SlaState.OnTrack => "On track",
        SlaState.Approaching => "Due soon",
        SlaState.Breached => "Overdue",
        SlaState.Met => "SLA met",
        SlaState.Missed => "SLA missed",
        _ => state.ToString(),
    };
}
