using System.Collections.Immutable;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.ConversationFeature;

/// <summary>
/// The open thread: its summary and messages, what is being sent, the last refusal, and the agent's drafts
/// (kept per conversation, so switching threads or a refused send never loses what was typed).
/// </summary>
public sealed record ConversationState(
    Guid? OpenId,
    ConversationSummary? Summary,
    ImmutableList<MessageView> Messages,
    bool Loading,
    Problem? LoadProblem,
    bool Sending,
    Problem? ActionProblem,
    bool ChangingStatus,
    ImmutableDictionary<Guid, string> Drafts,
    bool ChangingOwner = false,
    int StaleArrivals = 0,
    Guid? TakeoverRequestedFor = null,
    int SendsFinished = 0)
{
    public static readonly ConversationState Initial = new(null, null, [], false, null, false, null, false,
        ImmutableDictionary<Guid, string>.Empty);

    /// <summary>Internal notes of the open thread, oldest first.</summary>
    public ImmutableList<NoteView> Notes { get; init; } = [];

    /// <summary>Handoffs of the open thread, oldest first.</summary>
    public ImmutableList<HandoffView> Handoffs { get; init; } = [];

    /// <summary>The note to bring into view once the thread is shown (opened from a notification).</summary>
    public Guid? FocusNoteId { get; init; }

    /// <summary>The message to bring into view once the thread is shown (opened from a ticket).</summary>
    public Guid? FocusMessageId { get; init; }

    /// <summary>The element to bring into view, once what it shows is loaded.</summary>
    public string? FocusTarget => Loading ? null
        : FocusNoteId is { } note && Notes.Any(n => n.Id == note) ? $"note-{note}"
        : FocusMessageId is { } message && Messages.Any(m => m.Id == message) ? $"message-{message}"
        : null;

    public bool WritingNote { get; init; }

    /// <summary>Counts notes that came back (written or refused), like <see cref="SendsFinished"/> for replies.</summary>
    public int NotesFinished { get; init; }

    public bool HandingOff { get; init; }

    /// <summary>The approved templates of the open thread's number.</summary>
    public ImmutableList<ShuttlePro.Core.Channels.TemplateView> Templates { get; init; } = [];

    public Problem? HandoffProblem { get; init; }

    public int HandoffsFinished { get; init; }

    public IEnumerable<NoteView> PinnedNotes => Notes.Where(n => n.Pinned);

    /// <summary>Tickets escalated from the open thread (chips), and their lines in the thread.</summary>
    public ImmutableList<ShuttlePro.Core.Tickets.TicketSummary> Tickets { get; init; } = [];

    public ImmutableList<ShuttlePro.Core.Tickets.TicketLine> TicketLines { get; init; } = [];

    /// <summary>Counts texts put into the composer from outside it (<see cref="UseDraftAction"/>), so the composer picks them up.</summary>
    public int DraftsUsed { get; init; }

    // SendsFinished counts replies that came back (sent or refused), so a composer knows its send is over
    // even when several state changes reach it in one render.

    /// <summary>The newest message on screen: what a reply written now has "seen".</summary>
    public Guid? LastMessageId => Messages.IsEmpty ? null : Messages[^1].Id;

    public string DraftFor(Guid conversationId) => Drafts.GetValueOrDefault(conversationId, "");
}
