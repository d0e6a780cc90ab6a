using System.Collections.Immutable;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.TicketsFeature;

/// <summary>
/// The ticket list (with its filter) and the open ticket page. Live ticket events keep both current: a changed
/// ticket replaces its row, a new one that matches the filter joins the list.
/// </summary>
public sealed record TicketsState(TicketFilter Filter, ImmutableList<TicketSummary> Rows, bool Loading, Problem? ListProblem)
{
    public static readonly TicketsState Initial = new(new TicketFilter(Open: true), [], false, null);

    public TicketDetail? Open { get; init; }
    public Guid? OpenId { get; init; }
    public bool OpenLoading { get; init; }
    public Problem? OpenProblem { get; init; }

    /// <summary>The last refusal of a change or comment on the open ticket (shown, then dismissed).</summary>
    public Problem? ActionProblem { get; init; }

    public bool Saving { get; init; }

    /// <summary>Counts finished changes and comments, so a form knows its request is over.</summary>
    public int ChangesFinished { get; init; }

    /// <summary>What the escalation form opened for shows (null while loading).</summary>
    public EscalationDraft? Draft { get; init; }

    public Problem? DraftProblem { get; init; }

    public bool Escalating { get; init; }
    public Problem? EscalationProblem { get; init; }

    /// <summary>Counts finished escalations (created or refused), for the escalation form.</summary>
    public int EscalationsFinished { get; init; }
}

public sealed record LoadTicketsAction(TicketFilter Filter);

public sealed record TicketsLoadedAction(TicketFilter Filter, IReadOnlyList<TicketSummary> Rows);

public sealed record TicketsLoadFailedAction(Problem Problem);

public sealed record OpenTicketAction(Guid TicketId);

public sealed record TicketOpenedAction(TicketDetail Detail);

public sealed record TicketOpenFailedAction(Guid TicketId, Problem Problem);

public sealed record ChangeTicketAction(Guid TicketId, TicketChange Change);

public sealed record CommentOnTicketAction(Guid TicketId, string Body);

public sealed record TicketChangeFinishedAction(Guid TicketId, Problem? Problem);

public sealed record DismissTicketProblemAction;

/// <summary>The escalation form opened: load what it starts with (types, teams, drafted text).</summary>
public sealed record LoadEscalationDraftAction(Guid ConversationId);

public sealed record EscalationDraftLoadedAction(Guid ConversationId, EscalationDraft? Draft, Problem? Problem);

public sealed record EscalateTicketAction(Guid ConversationId, EscalateTicket Request);

public sealed record EscalationFinishedAction(Guid ConversationId, TicketSummary? Ticket, Problem? Problem);

/// <summary>A ticket was created or changed somewhere (this circuit or another), at <paramref name="At"/>.</summary>
public sealed record LiveTicketUpdatedAction(TicketSummary Ticket, IReadOnlyList<TicketEventView> Events, DateTimeOffset At);

/// <summary>A ticket moved out of this agent's sight (to a team they are not in).</summary>
public sealed record TicketRemovedAction(Guid TicketId, Guid ConversationId);

public static class TicketsReducers
{
    public static TicketsState OnRemoved(TicketsState state, TicketRemovedAction action) => state with
    {
        Rows = state.Rows.RemoveAll(r => r.Id == action.TicketId),
        OpenProblem = state.OpenId == action.TicketId ? Problem.NotFound("The ticket (it moved to a team you are not in)") : state.OpenProblem,
        Open = state.OpenId == action.TicketId ? null : state.Open,
    };

    public static TicketsState OnLoad(TicketsState state, LoadTicketsAction action) =>
        state with { Filter = action.Filter, Loading = true, ListProblem = null };

    public static TicketsState OnLoaded(TicketsState state, TicketsLoadedAction action) =>
        action.Filter != state.Filter ? state : state with { Rows = [.. action.Rows], Loading = false };

    public static TicketsState OnLoadFailed(TicketsState state, TicketsLoadFailedAction action) =>
        state with { Loading = false, ListProblem = action.Problem };

    public static TicketsState OnOpen(TicketsState state, OpenTicketAction action) => state with
    {
        OpenId = action.TicketId,
        Open = state.Open?.Summary.Id == action.TicketId ? state.Open : null,
        OpenLoading = true,
        OpenProblem = null,
        ActionProblem = null,
    };

    public static TicketsState OnOpened(TicketsState state, TicketOpenedAction action) =>
        state.OpenId != action.Detail.Summary.Id ? state : state with { Open = action.Detail, OpenLoading = false };

    public static TicketsState OnOpenFailed(TicketsState state, TicketOpenFailedAction action) =>
        state.OpenId != action.TicketId ? state : state with { OpenLoading = false, OpenProblem = action.Problem };

    public static TicketsState OnChange(TicketsState state, ChangeTicketAction action) => state with { Saving = true, ActionProblem = null };

    public static TicketsState OnComment(TicketsState state, CommentOnTicketAction action) => state with { Saving = true, ActionProblem = null };

    public static TicketsState OnChangeFinished(TicketsState state, TicketChangeFinishedAction action) =>
        state with { Saving = false, ActionProblem = action.Problem, ChangesFinished = state.ChangesFinished + 1 };

    public static TicketsState OnLoadDraft(TicketsState state, LoadEscalationDraftAction action) =>
        state with { Draft = null, DraftProblem = null, EscalationProblem = null };

    public static TicketsState OnDraftLoaded(TicketsState state, EscalationDraftLoadedAction action) =>
        state with { Draft = action.Draft, DraftProblem = action.Problem };

    public static TicketsState OnEscalate(TicketsState state, EscalateTicketAction action) =>
        state with { Escalating = true, EscalationProblem = null };

    public static TicketsState OnEscalationFinished(TicketsState state, EscalationFinishedAction action) =>
        state with { Escalating = false, EscalationProblem = action.Problem, EscalationsFinished = state.EscalationsFinished + 1 };

    public static TicketsState OnDismissProblem(TicketsState state, DismissTicketProblemAction action) => state with { ActionProblem = null };

    public static TicketsState OnLiveUpdated(TicketsState state, LiveTicketUpdatedAction action)
    {
        var ticket = action.Ticket;
        var index = state.Rows.FindIndex(r => r.Id == ticket.Id);
        var rows = state.Rows;
        if (index >= 0)
        {
            // Live events can overtake each other: never go back to an older version of a row.
            if (rows[index].Version > ticket.Version) return state;
            rows = Matches(state.Filter, ticket, action.At) ? rows.SetItem(index, ticket) : rows.RemoveAt(index);
        }
        else if (Matches(state.Filter, ticket, action.At))
        {
            rows = rows.Add(ticket);
        }
        var open = state.Open;
        if (open is not null && open.Summary.Id == ticket.Id && open.Summary.Version <= ticket.Version)
        {
            var known = open.Timeline.Select(e => e.Id).ToHashSet();
            var added = action.Events.Where(e => !known.Contains(e.Id)).ToList();
            open = open with
            {
                Summary = ticket,
                Timeline = [.. open.Timeline, .. added],
                Resolution = added.LastOrDefault(e => e.Kind == TicketEventKind.Solved)?.Body ?? (ticket.IsOpen ? null : open.Resolution),
            };
        }
        return state with { Rows = Sort(rows, state.Filter.Sort), Open = open };
    }

    /// <summary>Whether a ticket belongs in the list under this filter at <paramref name="now"/> (the server's rules, applied to one row).</summary>
    public static bool Matches(TicketFilter filter, TicketSummary ticket, DateTimeOffset now)
    {
        if (filter.Statuses is { Count: > 0 } statuses && !statuses.Contains(ticket.Status)) return false;
        if (filter.Open && !ticket.IsOpen) return false;
        if (filter.Priority is { } priority && ticket.Priority != priority) return false;
        if (!string.IsNullOrWhiteSpace(filter.Type) && ticket.TypeName != filter.Type) return false;
        if (filter.TeamId is { } team && ticket.TeamId != team) return false;
        if (filter.OwnerId is { } owner && ticket.OwnerId != owner) return false;
        if (filter.ConversationId is { } conversation && ticket.ConversationId != conversation) return false;
        if (filter.Overdue is { } overdue && ticket.IsOverdueAt(now) != overdue) return false;
        return true;
    }

    public static ImmutableList<TicketSummary> Sort(ImmutableList<TicketSummary> rows, TicketSort sort) => sort switch
    {
        TicketSort.Newest => [.. rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Number)],
        TicketSort.Priority => [.. rows.OrderBy(r => !r.IsOpen).ThenByDescending(r => r.Priority).ThenBy(r => r.DueAt)],
        _ => [.. rows.OrderBy(r => !r.IsOpen).ThenBy(r => r.DueAt).ThenBy(r => r.Number)],
    };
}

public sealed class LoadTicketsEffect(IState<SessionState> session, TicketQueries queries) : Effect<LoadTicketsAction>
{
    public override async Task HandleAsync(LoadTicketsAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var rows = await queries.ListAsync(actor, action.Filter);
        dispatcher.Dispatch(rows.Succeeded ? new TicketsLoadedAction(action.Filter, rows.Value) : new TicketsLoadFailedAction(rows.Problem));
    }
}

public sealed class OpenTicketEffect(IState<SessionState> session, TicketQueries queries) : Effect<OpenTicketAction>
{
    public override async Task HandleAsync(OpenTicketAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var detail = await queries.GetAsync(actor, action.TicketId);
        dispatcher.Dispatch(detail.Succeeded ? new TicketOpenedAction(detail.Value) : new TicketOpenFailedAction(action.TicketId, detail.Problem));
    }
}

public sealed class ChangeTicketEffect(IState<SessionState> session, TicketService tickets) : Effect<ChangeTicketAction>
{
    public override async Task HandleAsync(ChangeTicketAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await tickets.UpdateAsync(actor, action.TicketId, action.Change);
        dispatcher.Dispatch(new TicketChangeFinishedAction(action.TicketId, result.Problem));
    }
}

public sealed class CommentOnTicketEffect(IState<SessionState> session, TicketService tickets) : Effect<CommentOnTicketAction>
{
    public override async Task HandleAsync(CommentOnTicketAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await tickets.CommentAsync(actor, action.TicketId, action.Body);
        dispatcher.Dispatch(new TicketChangeFinishedAction(action.TicketId, result.Problem));
    }
}

public sealed class LoadEscalationDraftEffect(IState<SessionState> session, TicketService tickets) : Effect<LoadEscalationDraftAction>
{
    public override async Task HandleAsync(LoadEscalationDraftAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var draft = await tickets.DraftAsync(actor, action.ConversationId);
        dispatcher.Dispatch(new EscalationDraftLoadedAction(action.ConversationId, draft.Value, draft.Problem));
    }
}

public sealed class EscalateTicketEffect(IState<SessionState> session, TicketService tickets) : Effect<EscalateTicketAction>
{
    public override async Task HandleAsync(EscalateTicketAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await tickets.EscalateAsync(actor, action.ConversationId, action.Request);
        dispatcher.Dispatch(new EscalationFinishedAction(action.ConversationId, result.Value, result.Problem));
    }
}

public static class TicketsRegistration
{
    public static IServiceCollection AddTicketsFeature(this IServiceCollection services)
    {
        services.AddFeature("Tickets", TicketsState.Initial,
            new Reducer<TicketsState, LoadTicketsAction>(TicketsReducers.OnLoad),
            new Reducer<TicketsState, TicketsLoadedAction>(TicketsReducers.OnLoaded),
            new Reducer<TicketsState, TicketsLoadFailedAction>(TicketsReducers.OnLoadFailed),
            new Reducer<TicketsState, LoadEscalationDraftAction>(TicketsReducers.OnLoadDraft),
            new Reducer<TicketsState, EscalationDraftLoadedAction>(TicketsReducers.OnDraftLoaded),
            new Reducer<TicketsState, EscalateTicketAction>(TicketsReducers.OnEscalate),
            new Reducer<TicketsState, EscalationFinishedAction>(TicketsReducers.OnEscalationFinished),
            new Reducer<TicketsState, OpenTicketAction>(TicketsReducers.OnOpen),
            new Reducer<TicketsState, TicketOpenedAction>(TicketsReducers.OnOpened),
            new Reducer<TicketsState, TicketOpenFailedAction>(TicketsReducers.OnOpenFailed),
            new Reducer<TicketsState, ChangeTicketAction>(TicketsReducers.OnChange),
            new Reducer<TicketsState, CommentOnTicketAction>(TicketsReducers.OnComment),
            new Reducer<TicketsState, TicketChangeFinishedAction>(TicketsReducers.OnChangeFinished),
            new Reducer<TicketsState, DismissTicketProblemAction>(TicketsReducers.OnDismissProblem),
            new Reducer<TicketsState, LiveTicketUpdatedAction>(TicketsReducers.OnLiveUpdated),
            new Reducer<TicketsState, TicketRemovedAction>(TicketsReducers.OnRemoved));
        services.AddScoped<IEffect, LoadTicketsEffect>();
        services.AddScoped<IEffect, OpenTicketEffect>();
        services.AddScoped<IEffect, ChangeTicketEffect>();
        services.AddScoped<IEffect, CommentOnTicketEffect>();
        services.AddScoped<IEffect, EscalateTicketEffect>();
        services.AddScoped<IEffect, LoadEscalationDraftEffect>();
        return services;
    }
}
