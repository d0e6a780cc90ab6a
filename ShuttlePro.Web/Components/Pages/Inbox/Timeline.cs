using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Components.Pages.Inbox;

/// <summary>One line of a thread: a message to or from the customer, an internal note, a handoff, or a ticket's line.</summary>
public abstract record TimelineItem(Guid Id, DateTimeOffset At)
{
    public sealed record MessageItem(MessageView Message) : TimelineItem(Message.Id, Message.CreatedAt);

    public sealed record NoteItem(NoteView Note) : TimelineItem(Note.Id, Note.CreatedAt);

    public sealed record HandoffItem(HandoffView Handoff) : TimelineItem(Handoff.Id, Handoff.CreatedAt);

    public sealed record TicketItem(Core.Tickets.TicketLine Line) : TimelineItem(Line.Id, Line.At);

    /// <summary>Messages, notes, handoffs and ticket lines interleaved in time order (messages keep their own order on ties).</summary>
    public static IReadOnlyList<TimelineItem> Merge(IEnumerable<MessageView> messages, IEnumerable<NoteView> notes, IEnumerable<HandoffView> handoffs,
        IEnumerable<Core.Tickets.TicketLine>? ticketLines = null) =>
        messages.Select((m, i) => (Item: (TimelineItem)new MessageItem(m), Order: i))
            .Concat(notes.Select(n => (Item: (TimelineItem)new NoteItem(n), Order: int.MaxValue)))
            .Concat(handoffs.Select(h => (Item: (TimelineItem)new HandoffItem(h), Order: int.MaxValue)))
            .Concat((ticketLines ?? []).Select(t => (Item: (TimelineItem)new TicketItem(t), Order: int.MaxValue)))
            .OrderBy(x => x.Item.At).ThenBy(x => x.Order)
            .Select(x => x.Item)
            .ToList();
}
