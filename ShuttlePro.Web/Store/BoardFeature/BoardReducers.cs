using System.Collections.Immutable;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.TicketsFeature;

namespace ShuttlePro.Web.Store.BoardFeature;

public static class BoardReducers
{
    public static BoardState OnLoad(BoardState state, LoadBoardAction action) =>
        state with { TeamFilter = action.TeamId, Loading = true, Error = null, ArrivedWhileLoading = [], Selected = [] };

    public static BoardState OnLoaded(BoardState state, BoardLoadedAction action)
    {
        if (action.TeamId != state.TeamFilter) return state; // an older load finishing after a newer one started
        var tickets = action.Snapshot.OpenTickets.GroupBy(t => t.ConversationId)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(t => t.Number).ToImmutableList());
        var loaded = state with
        {
            TeamIds = [.. action.Snapshot.TeamIds],
            Cards = [.. action.Snapshot.Conversations],
            Tickets = tickets,
            Loading = false,
            Loaded = true,
            Error = null,
            ArrivedWhileLoading = [],
        };
        return state.ArrivedWhileLoading.Aggregate(loaded, Upsert);
    }

    public static BoardState OnLoadFailed(BoardState state, BoardLoadFailedAction action) =>
        action.TeamId != state.TeamFilter ? state : state with { Loading = false, Error = action.Error };

    /// <summary>The same live action the inbox reduces: a card appears, moves column or leaves the board.</summary>
    public static BoardState OnConversationUpdated(BoardState state, LiveConversationUpdatedAction action) =>
        state.Loading ? state with { ArrivedWhileLoading = state.ArrivedWhileLoading.Add(action.Summary) }
        : !state.Loaded ? state
        : Upsert(state, action.Summary);

    public static BoardState OnRemoved(BoardState state, InboxConversationRemovedAction action) => Remove(state, action.ConversationId);

    public static BoardState OnTicketUpdated(BoardState state, LiveTicketUpdatedAction action)
    {
        var ticket = action.Ticket;
        if (!state.Loaded || state.Cards.All(c => c.Id != ticket.ConversationId)) return state;
        var current = state.TicketsOf(ticket.ConversationId).Where(t => t.Id != ticket.Id).ToImmutableList();
        if (ticket.IsOpen) current = current.Add(ticket).Sort((a, b) => a.Number.CompareTo(b.Number));
        return state with { Tickets = state.Tickets.SetItem(ticket.ConversationId, current) };
    }

    public static BoardState OnTicketRemoved(BoardState state, TicketRemovedAction action) =>
        !state.Tickets.TryGetValue(action.ConversationId, out var tickets) ? state
        : state with { Tickets = state.Tickets.SetItem(action.ConversationId, tickets.RemoveAll(t => t.Id == action.TicketId)) };

    public static BoardState OnMove(BoardState state, MoveCardsAction action)
    {
        var moving = state.Moving;
        var refusals = state.Refusals;
        foreach (var id in action.ConversationIds.Where(id => state.Cards.Any(c => c.Id == id)))
        {
            moving = moving.SetItem(id, action.Target);
            refusals = refusals.Remove(id);
        }
        return state with { Moving = moving, Refusals = refusals, Selected = state.Selected.Except(action.ConversationIds) };
    }

    public static BoardState OnMoved(BoardState state, CardMovedAction action) =>
        Upsert(state with { Moving = state.Moving.Remove(action.Summary.Id) }, action.Summary);

    /// <summary>Snaps back: the card leaves its target column (its summary never changed) and carries the reason.</summary>
    public static BoardState OnMoveRefused(BoardState state, CardMoveRefusedAction action) => state with
    {
        Moving = state.Moving.Remove(action.ConversationId),
        Refusals = state.Cards.Any(c => c.Id == action.ConversationId)
            ? state.Refusals.SetItem(action.ConversationId, action.Problem.Message)
            : state.Refusals,
    };

    public static BoardState OnMoveFinished(BoardState state, CardsMoveFinishedAction action) => state with
    {
        LastReport = new BoardMoveReport((state.LastReport?.Sequence ?? 0) + 1, action.TargetName, action.Moved, action.Failures),
    };

    public static BoardState OnToggleSelection(BoardState state, ToggleCardSelectionAction action) => state with
    {
        Selected = action.Selected ? state.Selected.Add(action.ConversationId) : state.Selected.Remove(action.ConversationId),
    };

    public static BoardState OnClearSelection(BoardState state, ClearBoardSelectionAction action) =>
        state.Selected.IsEmpty ? state : state with { Selected = [] };

    public static BoardState OnDismissRefusal(BoardState state, DismissCardRefusalAction action) =>
        state.Refusals.ContainsKey(action.ConversationId) ? state with { Refusals = state.Refusals.Remove(action.ConversationId) } : state;

    /// <summary>
    /// Puts a changed conversation on the board when it is open or pending in one of its teams, off it otherwise.
    /// An update older than the card shown (events can cross) is ignored.
    /// </summary>
    public static BoardState Upsert(BoardState state, ConversationSummary summary)
    {
        var index = state.Cards.FindIndex(c => c.Id == summary.Id);
        if (index >= 0 && state.Cards[index].Version > summary.Version) return state;
        var belongs = summary.Status != ConversationStatus.Resolved && state.TeamIds.Contains(summary.TeamId);
        if (!belongs) return index < 0 ? state : Remove(state, summary.Id);
        var cards = index >= 0 ? state.Cards.SetItem(index, summary) : state.Cards.Insert(0, summary);
        return state with { Cards = cards };
    }

    private static BoardState Remove(BoardState state, Guid conversationId)
    {
        var index = state.Cards.FindIndex(c => c.Id == conversationId);
        if (index < 0) return state;
        return state with
        {
            Cards = state.Cards.RemoveAt(index),
            Moving = state.Moving.Remove(conversationId),
            Refusals = state.Refusals.Remove(conversationId),
            Selected = state.Selected.Remove(conversationId),
            Tickets = state.Tickets.Remove(conversationId),
        };
    }
}
