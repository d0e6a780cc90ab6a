using System.Collections.Immutable;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Web.Store.ConversationFeature;

public static class ConversationReducers
{
    public static ConversationState OnOpen(ConversationState state, OpenConversationAction action) =>
        state with
        {
            OpenId = action.ConversationId,
            Summary = state.Summary?.Id == action.ConversationId ? state.Summary : null,
            Messages = state.Summary?.Id == action.ConversationId ? state.Messages : [],
            Loading = true,
            LoadProblem = null,
            ActionProblem = null,
            Sending = false,
            ChangingStatus = false,
            ChangingOwner = false,
            StaleArrivals = 0,
            TakeoverRequestedFor = state.TakeoverRequestedFor == action.ConversationId ? state.TakeoverRequestedFor : null,
            Notes = state.Summary?.Id == action.ConversationId ? state.Notes : [],
            Handoffs = state.Summary?.Id == action.ConversationId ? state.Handoffs : [],
            Tickets = state.Summary?.Id == action.ConversationId ? state.Tickets : [],
            TicketLines = state.Summary?.Id == action.ConversationId ? state.TicketLines : [],
            Templates = state.Summary?.Id == action.ConversationId ? state.Templates : [],
            FocusNoteId = action.FocusNoteId,
            FocusMessageId = action.FocusMessageId,
            WritingNote = false,
            HandingOff = false,
            HandoffProblem = null,
        };

    public static ConversationState OnLoaded(ConversationState state, ConversationLoadedAction action)
    {
        if (state.OpenId != action.Detail.Summary.Id) return state;
        // Messages that arrived live while loading are kept; the loaded list is the base.
        var messages = state.Messages.Aggregate(ImmutableList.CreateRange(action.Detail.Messages), AddOrReplace);
        var notes = state.Notes.Aggregate(ImmutableList.CreateRange(action.Detail.Notes), AddOrReplaceNote);
        var handoffs = state.Handoffs.Aggregate(ImmutableList.CreateRange(action.Detail.Handoffs), AddHandoff);
        return state with
        {
            Summary = Newer(state.Summary, action.Detail.Summary),
            Messages = messages,
            Notes = notes,
            Handoffs = handoffs,
            Tickets = [.. action.Detail.Tickets],
            TicketLines = [.. action.Detail.TicketLines],
            Templates = action.Templates is null ? state.Templates : [.. action.Templates],
            Loading = false,
        };
    }

    /// <summary>A ticket of the open thread changed: its chip follows, and its created/solved/reopened lines join the thread.</summary>
    public static ConversationState OnTicketUpdated(ConversationState state, TicketsFeature.LiveTicketUpdatedAction action)
    {
        var ticket = action.Ticket;
        if (state.OpenId != ticket.ConversationId) return state;
        var index = state.Tickets.FindIndex(t => t.Id == ticket.Id);
        if (index >= 0 && state.Tickets[index].Version > ticket.Version) return state;
        var tickets = index >= 0 ? state.Tickets.SetItem(index, ticket) : state.Tickets.Add(ticket);
        var known = state.TicketLines.Select(l => l.Id).ToHashSet();
        var lines = state.TicketLines
            .Select(l => l.Ticket.Id == ticket.Id ? l with { Ticket = ticket } : l)
            .Concat(action.Events.Where(e => e.ShowsInConversation && !known.Contains(e.Id)).Select(e => new ShuttlePro.Core.Tickets.TicketLine(ticket, e)))
            .ToImmutableList();
        return state with { Tickets = tickets, TicketLines = lines };
    }

    public static ConversationState OnLoadFailed(ConversationState state, ConversationLoadFailedAction action) =>
        state.OpenId != action.ConversationId ? state : state with { Loading = false, LoadProblem = action.Problem, Summary = null, Messages = [] };

    public static ConversationState OnClose(ConversationState state, CloseConversationAction _) =>
        ConversationState.Initial with { Drafts = state.Drafts };

    public static ConversationState OnUpdateDraft(ConversationState state, UpdateDraftAction action) =>
        state.DraftFor(action.ConversationId) == action.Text
            ? state
            : state with
            {
                Drafts = string.IsNullOrEmpty(action.Text)
                    ? state.Drafts.Remove(action.ConversationId)
                    : state.Drafts.SetItem(action.ConversationId, action.Text),
            };

    public static ConversationState OnUseDraft(ConversationState state, UseDraftAction action) =>
        state with { Drafts = state.Drafts.SetItem(action.ConversationId, action.Text), DraftsUsed = state.DraftsUsed + 1 };

    public static ConversationState OnSend(ConversationState state, SendReplyAction action) =>
        state.OpenId != action.ConversationId ? state : state with { Sending = true, ActionProblem = null, StaleArrivals = 0 };

    public static ConversationState OnSent(ConversationState state, ReplySentAction action)
    {
        var drafts = action.KeepDraft ? state.Drafts : state.Drafts.Remove(action.ConversationId);
        if (state.OpenId != action.ConversationId) return state with { Drafts = drafts, SendsFinished = state.SendsFinished + 1 };
        return state with
        {
            Sending = false,
            Drafts = drafts,
            Messages = AddOrReplace(state.Messages, action.Message),
            SendsFinished = state.SendsFinished + 1,
        };
    }

    /// <summary>
    /// A refused send keeps the draft. When it was refused as stale, the messages that arrived meanwhile are shown
    /// (above the draft) so the agent can read them before sending again.
    /// </summary>
    public static ConversationState OnSendFailed(ConversationState state, ReplyFailedAction action)
    {
        if (state.OpenId != action.ConversationId) return state with { SendsFinished = state.SendsFinished + 1 };
        var arrived = action.Problem.Details?.GetValueOrDefault("newMessages") as IEnumerable<MessageView> ?? [];
        var messages = arrived.Aggregate(state.Messages, AddOrReplace);
        return state with
        {
            Sending = false,
            ActionProblem = action.Problem,
            Messages = messages,
            StaleArrivals = action.Problem.Code == ShuttlePro.Core.Common.ProblemCodes.Stale ? arrived.Count() : 0,
            SendsFinished = state.SendsFinished + 1,
        };
    }

    public static ConversationState OnRetryFailed(ConversationState state, MessageRetryFailedAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ActionProblem = action.Problem };

    public static ConversationState OnChangeOwnership(ConversationState state, ChangeOwnershipAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ChangingOwner = true, ActionProblem = null };

    public static ConversationState OnOwnershipChanged(ConversationState state, OwnershipChangedAction action) =>
        state.OpenId != action.Summary.Id ? state : state with { ChangingOwner = false, Summary = Newer(state.Summary, action.Summary) };

    public static ConversationState OnOwnershipChangeFailed(ConversationState state, OwnershipChangeFailedAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ChangingOwner = false, ActionProblem = action.Problem };

    public static ConversationState OnTakeoverRequested(ConversationState state, RequestTakeoverAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ActionProblem = null };

    public static ConversationState OnTakeoverRequestSent(ConversationState state, TakeoverRequestSentAction action) =>
        state with { TakeoverRequestedFor = action.ConversationId };

    public static ConversationState OnChangeStatus(ConversationState state, ChangeConversationStatusAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ChangingStatus = true, ActionProblem = null };

    public static ConversationState OnStatusChanged(ConversationState state, ConversationStatusChangedAction action) =>
        state.OpenId != action.Summary.Id ? state : state with { ChangingStatus = false, Summary = Newer(state.Summary, action.Summary) };

    public static ConversationState OnStatusChangeFailed(ConversationState state, ConversationStatusChangeFailedAction action) =>
        state.OpenId != action.ConversationId ? state : state with { ChangingStatus = false, ActionProblem = action.Problem };

    public static ConversationState OnDismissProblem(ConversationState state, DismissConversationProblemAction _) =>
        state.ActionProblem is null ? state : state with { ActionProblem = null };

    public static ConversationState OnConversationUpdated(ConversationState state, LiveConversationUpdatedAction action)
    {
        if (state.OpenId != action.Summary.Id) return state;
        var summary = Newer(state.Summary, action.Summary);
        // A pending takeover request is moot once the owner changed.
        var requested = state.TakeoverRequestedFor == action.Summary.Id && summary.OwnerId != state.Summary?.OwnerId ? null : state.TakeoverRequestedFor;
        return state with { Summary = summary, TakeoverRequestedFor = requested };
    }

    public static ConversationState OnMessageAdded(ConversationState state, LiveMessageAddedAction action) =>
        state.OpenId != action.Message.ConversationId ? state : state with { Messages = AddOrReplace(state.Messages, action.Message) };

    public static ConversationState OnMessageUpdated(ConversationState state, LiveMessageUpdatedAction action) =>
        state.OpenId != action.Message.ConversationId ? state : state with { Messages = AddOrReplace(state.Messages, action.Message) };

    public static ConversationState OnWriteNote(ConversationState state, WriteNoteAction action) =>
        state.OpenId != action.ConversationId ? state : state with { WritingNote = true, ActionProblem = null };

    public static ConversationState OnNoteWritten(ConversationState state, NoteWrittenAction action) =>
        state.OpenId != action.ConversationId
            ? state with { NotesFinished = state.NotesFinished + 1, Drafts = state.Drafts.Remove(action.ConversationId) }
            : state with
            {
                WritingNote = false,
                Notes = AddOrReplaceNote(state.Notes, action.Note),
                NotesFinished = state.NotesFinished + 1,
                Drafts = state.Drafts.Remove(action.ConversationId),
            };

    public static ConversationState OnNoteFailed(ConversationState state, NoteFailedAction action) =>
        state.OpenId != action.ConversationId
            ? state with { NotesFinished = state.NotesFinished + 1 }
            : state with { WritingNote = false, ActionProblem = action.Problem, NotesFinished = state.NotesFinished + 1 };

    public static ConversationState OnNoteChanged(ConversationState state, LiveNoteAddedAction action) =>
        state.OpenId != action.Note.ConversationId ? state : state with { Notes = AddOrReplaceNote(state.Notes, action.Note) };

    public static ConversationState OnNoteUpdated(ConversationState state, LiveNoteUpdatedAction action) =>
        state.OpenId != action.Note.ConversationId ? state : state with { Notes = AddOrReplaceNote(state.Notes, action.Note) };

    public static ConversationState OnHandOff(ConversationState state, HandOffAction action) =>
        state.OpenId != action.ConversationId ? state : state with { HandingOff = true, HandoffProblem = null };

    public static ConversationState OnHandedOff(ConversationState state, HandedOffAction action) =>
        state with
        {
            HandingOff = false,
            HandoffProblem = null,
            HandoffsFinished = state.HandoffsFinished + 1,
            Handoffs = state.OpenId == action.ConversationId ? AddHandoff(state.Handoffs, action.Result.Handoff) : state.Handoffs,
        };

    public static ConversationState OnHandoffFailed(ConversationState state, HandoffFailedAction action) =>
        state with { HandingOff = false, HandoffProblem = action.Problem, HandoffsFinished = state.HandoffsFinished + 1 };

    public static ConversationState OnHandoffAdded(ConversationState state, LiveHandoffAddedAction action) =>
        state.OpenId != action.Handoff.ConversationId ? state : state with { Handoffs = AddHandoff(state.Handoffs, action.Handoff) };

    public static ConversationState OnRemoved(ConversationState state, ConversationRemovedAction action) =>
        state.OpenId != action.ConversationId
            ? state
            : state with
            {
                Loading = false,
                LoadProblem = new ShuttlePro.Core.Common.Problem(ShuttlePro.Core.Common.ProblemCodes.NotFound,
                    $"This conversation moved to {action.Where} and is no longer in your view."),
                Summary = null,
                Messages = [],
                Notes = [],
                Handoffs = [],
            };

    public static ConversationState OnNoteFocused(ConversationState state, NoteFocusedAction _) =>
        state.FocusNoteId is null && state.FocusMessageId is null ? state : state with { FocusNoteId = null, FocusMessageId = null };

    private static ImmutableList<NoteView> AddOrReplaceNote(ImmutableList<NoteView> notes, NoteView note)
    {
        var index = notes.FindIndex(n => n.Id == note.Id);
        if (index >= 0) return notes.SetItem(index, note);
        var position = notes.FindLastIndex(n => n.CreatedAt <= note.CreatedAt);
        return notes.Insert(position + 1, note);
    }

    private static ImmutableList<HandoffView> AddHandoff(ImmutableList<HandoffView> handoffs, HandoffView handoff) =>
        handoffs.Any(h => h.Id == handoff.Id) ? handoffs : handoffs.Add(handoff).Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));

    /// <summary>Adds a message in time order, or replaces the copy already shown when the new one is further along.</summary>
    public static ImmutableList<MessageView> AddOrReplace(ImmutableList<MessageView> messages, MessageView message)
    {
        var index = messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
            return StatusRank(messages[index].Status) > StatusRank(message.Status) ? messages : messages.SetItem(index, message);
        var position = messages.FindLastIndex(m => m.CreatedAt <= message.CreatedAt);
        return messages.Insert(position + 1, message);
    }

    private static int StatusRank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => 0,
        DeliveryStatus.Sent => 1,
        DeliveryStatus.Delivered => 2,
        DeliveryStatus.Read => 3,
        DeliveryStatus.Failed => 4,
        _ => 0,
    };

    private static ConversationSummary Newer(ConversationSummary? current, ConversationSummary incoming) =>
        current is not null && current.Id == incoming.Id && current.Version > incoming.Version ? current : incoming;
}
