using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Tickets;

/// <summary>One line of a ticket's own timeline: its creation, each field change, an internal comment, an SLA moment.</summary>
public sealed class TicketEvent
{
    public const int MaxBodyLength = 4000;

    private TicketEvent() { }

    private TicketEvent(Ticket ticket, TicketEventKind kind, Actor actor, DateTimeOffset at, string? from, string? to, string? body,
        Guid? messageId)
    {
        Id = Guid.NewGuid();
        TicketId = ticket.Id;
        Position = ticket.NextEventPosition(at);
        Kind = kind;
        ActorId = actor.IsSystem ? null : actor.AgentId;
        ActorName = actor.Name;
        At = at;
        From = from;
        To = to;
        Body = body;
        MessageId = messageId;
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }

    /// <summary>Order within the ticket's timeline (several changes can share one instant).</summary>
    public int Position { get; private set; }
    public TicketEventKind Kind { get; private set; }
    public Guid? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? Body { get; private set; }

    /// <summary>The conversation's message this line points at (the escalated message, or the reply that answered).</summary>
    public Guid? MessageId { get; private set; }

    public static TicketEvent Change(Ticket ticket, TicketEventKind kind, Actor actor, DateTimeOffset at, string? from, string? to,
        string? body = null, Guid? messageId = null) =>
        new(ticket, kind, actor, at, from, to, body, messageId);

    public static TicketEvent Comment(Ticket ticket, Actor actor, string? body, DateTimeOffset at, Guid? messageId = null)
    {
        var trimmed = body?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException(Problem.Validation("A comment needs some text."));
        if (trimmed.Length > MaxBodyLength) throw new DomainException(Problem.Validation($"A comment can be at most {MaxBodyLength} characters."));
        return new TicketEvent(ticket, TicketEventKind.Comment, actor, at, null, null, trimmed, messageId);
    }
}
