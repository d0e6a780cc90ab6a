using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// An exception escalated out of a conversation into tracked follow-up: typed, prioritised, owned, with a status
/// lifecycle and due times from its SLA. The conversation goes on; the ticket keeps its own timeline.
/// </summary>
public sealed class Ticket
{
    public const string NumberPrefix = "SP-";
    public const int FirstNumber = 1001;
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxResolutionLength = 2000;
    public const int MaxDraftLength = 4096;

    /// <summary>Error code: a ticket of that type is already open on the conversation.</summary>
    public const string AlreadyOpen = "ticket_open";

    /// <summary>Error code: solving needs a resolution note.</summary>
    public const string ResolutionRequired = "resolution_required";

    private Ticket() { }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public Guid ConversationId { get; private set; }
    public Conversations.Conversation Conversation { get; private set; } = null!;

    /// <summary>The last message of the conversation when it was escalated: where the ticket links back to.</summary>
    public Guid? SourceMessageId { get; private set; }

    public int TypeId { get; private set; }
    public TicketType Type { get; private set; } = null!;

    /// <summary>The type while the ticket is open, null once solved: a unique index keeps one open ticket per type.</summary>
    public int? OpenTypeId { get; private set; }

    public TicketPriority Priority { get; private set; }
    public TicketStatus Status { get; private set; }
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;
    public Guid? OwnerId { get; private set; }
    public Agent? Owner { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Guid? CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset FirstResponseDueAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    public DateTimeOffset? FirstResponseBreachedAt { get; private set; }

    /// <summary>When the resolution target is 80 % used up (in business time).</summary>
    public DateTimeOffset WarnAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? WarnedAt { get; private set; }
    public DateTimeOffset? BreachedAt { get; private set; }
    public DateTimeOffset? SolvedAt { get; private set; }
    public string? Resolution { get; private set; }

    /// <summary>A reply for the customer drafted when solving, for the conversation's owner to send.</summary>
    public string? ReplyDraft { get; private set; }

    public int Version { get; private set; }

    /// <summary>How many lines the ticket's timeline has; the next line takes the next position (guarded by <see cref="Version"/>).</summary>
    public int EventCount { get; private set; }

    internal int NextEventPosition(DateTimeOffset at)
    {
        EventCount++;
        UpdatedAt = at > UpdatedAt ? at : UpdatedAt;
        Version++;
        return EventCount;
    }

    public string HumanNumber => Format(Number);

    public static string Format(int number) => NumberPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Ticket Escalate(int number, Guid conversationId, Guid? sourceMessageId, TicketType type, TicketPriority priority,
        int teamId, Guid? ownerId, string? title, string? description, Actor actor, SlaTargets targets, DateTimeOffset now)
    {
        if (!type.IsActive) throw new DomainException(Problem.Validation($"The ticket type \"{type.Name}\" is retired."));
        var ticket = new Ticket
        {
            Id = Guid.NewGuid(),
            Number = number,
            ConversationId = conversationId,
            SourceMessageId = sourceMessageId,
            TypeId = type.Id,
            Type = type,
            OpenTypeId = type.Id,
            Priority = CheckPriority(priority),
            Status = TicketStatus.New,
            TeamId = teamId,
            OwnerId = ownerId,
            Title = Required(title, MaxTitleLength, "A ticket needs a title"),
            Description = Optional(description, MaxDescriptionLength, "The description"),
            CreatedById = actor.IsSystem ? null : actor.AgentId,
            CreatedByName = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket.ApplyTargets(targets);
        return ticket;
    }

    public void EnsureManagedBy(Actor actor)
    {
        if (!Permissions.CanManageTicket(actor, OwnerId, TeamId))
            throw new DomainException(Problem.Forbidden("Only the ticket's owner, its team's shift leads, supervisors and admins change its status, priority, owner or team."));
    }

    /// <summary>Moves the ticket along its lifecycle; solving needs a resolution note. Returns the kind of change, or null when nothing changed.</summary>
    public TicketEventKind? ChangeStatus(TicketStatus status, string? resolution, string? replyDraft, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status)) throw new DomainException(Problem.Validation("Unknown ticket status."));
        if (status == Status) return null;
        if (Status == TicketStatus.Closed)
            throw new DomainException(Problem.Validation("A closed ticket stays closed; escalate again to open a new one."));
        if (status == TicketStatus.New)
            throw new DomainException(Problem.Validation("A ticket cannot go back to New."));
        if (status == TicketStatus.Closed && Status != TicketStatus.Solved)
            throw new DomainException(Problem.Validation("Solve the ticket (with its resolution) before closing it."));

        var wasOpen = Status.IsOpen();
        if (status == TicketStatus.Solved)
        {
            var note = resolution?.Trim() ?? "";
            if (note.Length == 0)
                throw new DomainException(new Problem(ResolutionRequired, "Say how it was resolved: solving a ticket needs a resolution note."));
            Resolution = Optional(note, MaxResolutionLength, "The resolution");
            ReplyDraft = string.IsNullOrWhiteSpace(replyDraft) ? null : Optional(replyDraft, MaxDraftLength, "The drafted reply");
            SolvedAt = now;
            OpenTypeId = null;
        }
        else if (status != TicketStatus.Closed && !wasOpen)
        {
            // Reopened: it counts again as the conversation's open ticket of its type.
            SolvedAt = null;
            OpenTypeId = TypeId;
        }
        Status = status;
        Touch(now);
        return status switch
        {
            TicketStatus.Solved => TicketEventKind.Solved,
            _ when !wasOpen && status.IsOpen() => TicketEventKind.Reopened,
            _ => TicketEventKind.StatusChanged,
        };
    }

    /// <summary>A new priority moves the due times (counted from the ticket's creation).</summary>
    public bool ChangePriority(TicketPriority priority, SlaTargets targets, DateTimeOffset now)
    {
        if (CheckPriority(priority) == Priority) return false;
        Priority = priority;
        ApplyTargets(targets);
        Touch(now);
        return true;
    }

    public bool MoveToTeam(int teamId, SlaTargets targets, DateTimeOffset now)
    {
        if (teamId == TeamId) return false;
        TeamId = teamId;
        Team = null!;
        ApplyTargets(targets);
        Touch(now);
        return true;
    }

    public bool AssignTo(Guid? ownerId, DateTimeOffset now)
    {
        if (ownerId == OwnerId) return false;
        OwnerId = ownerId;
        Owner = null;
        Touch(now);
        return true;
    }

    /// <summary>The customer heard back after the escalation. True the first time only.</summary>
    public bool RecordFirstResponse(DateTimeOffset at)
    {
        if (FirstRespondedAt is not null || !Status.IsOpen()) return false;
        FirstRespondedAt = at;
        Touch(at);
        return true;
    }

    /// <summary>The SLA moments that have passed and are not recorded yet, recorded now (each once).</summary>
    public IReadOnlyList<TicketEventKind> RecordSlaMoments(DateTimeOffset now)
    {
        List<TicketEventKind> recorded = [];
        if (!Status.IsOpen()) return recorded;
        if (FirstRespondedAt is null && FirstResponseBreachedAt is null && now >= FirstResponseDueAt)
        {
            FirstResponseBreachedAt = FirstResponseDueAt;
            recorded.Add(TicketEventKind.FirstResponseBreached);
        }
        if (WarnedAt is null && now >= WarnAt && now < DueAt)
        {
            WarnedAt = WarnAt;
            recorded.Add(TicketEventKind.SlaWarning);
        }
        if (BreachedAt is null && now >= DueAt)
        {
            WarnedAt ??= WarnAt;
            BreachedAt = DueAt;
            recorded.Add(TicketEventKind.SlaBreached);
        }
        if (recorded.Count > 0) Version++;
        return recorded;
    }

    /// <summary>The next SLA moment still to be recorded, if the ticket is open.</summary>
    public DateTimeOffset? NextSlaMoment()
    {
        if (!Status.IsOpen()) return null;
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset at) => next = next is null || at < next ? at : next;
        if (FirstRespondedAt is null && FirstResponseBreachedAt is null) Consider(FirstResponseDueAt);
        if (WarnedAt is null) Consider(WarnAt);
        if (BreachedAt is null) Consider(DueAt);
        return next;
    }

    private void ApplyTargets(SlaTargets targets)
    {
        FirstResponseDueAt = targets.FirstResponseDueAt;
        WarnAt = targets.WarnAt;
        DueAt = targets.DueAt;
        // Moments recorded against the old targets no longer hold when the targets move.
        if (FirstResponseBreachedAt is not null && FirstResponseBreachedAt != FirstResponseDueAt) FirstResponseBreachedAt = null;
        if (WarnedAt is not null && WarnedAt != WarnAt) WarnedAt = null;
        if (BreachedAt is not null && BreachedAt != DueAt) BreachedAt = null;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private static TicketPriority CheckPriority(TicketPriority priority) =>
        Enum.IsDefined(priority) ? priority : throw new DomainException(Problem.Validation("Unknown ticket priority."));

    private static string Required(string? text, int max, string what)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException(Problem.Validation(what + "."));
        return Optional(trimmed, max, what);
    }

    private static string Optional(string? text, int max, string what)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length > max) throw new DomainException(Problem.Validation($"{what} can be at most {max} characters."));
        return trimmed;
    }
}

/// <summary>Due times computed for a ticket from its SLA policy and its team's business hours.</summary>
public sealed record SlaTargets(DateTimeOffset FirstResponseDueAt, DateTimeOffset WarnAt, DateTimeOffset DueAt);
