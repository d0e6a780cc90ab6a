using ShuttlePro.Core.Common;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Web.Api;

public sealed record EscalateRequest(string? Type, TicketPriority? Priority, string? Title, string? Description, Guid? OwnerId, int? TeamId);

/// <summary>PATCH body: only what is present changes. <c>ownerId</c> set to the empty GUID leaves the ticket without owner.</summary>
public sealed record TicketPatchRequest(TicketStatus? Status, TicketPriority? Priority, Guid? OwnerId, int? TeamId, string? Resolution, string? ReplyDraft);

public sealed record CommentRequest(string? Body);

public sealed record ApiTicket(Guid Id, string Number, string Type, TicketPriority Priority, TicketStatus Status, Guid? OwnerId, string? OwnerName,
    int TeamId, string TeamName, DateTimeOffset DueAt, DateTimeOffset FirstResponseDueAt, DateTimeOffset? FirstRespondedAt, SlaState Sla,
    Guid ConversationId, int ConversationNumber, string ContactName, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? SolvedAt, int Version);

public sealed record ApiTicketChip(Guid Id, string Number, TicketStatus Status, TicketPriority Priority, DateTimeOffset DueAt, SlaState Sla, string Type);

public sealed record ApiTicketEvent(Guid Id, string Kind, Guid? ActorId, string ActorName, DateTimeOffset At, string? From, string? To, string? Body,
    Guid? MessageId);

public sealed record ApiTicketDetail(ApiTicket Ticket, string Description, string? Resolution, string? ReplyDraft, Guid? SourceMessageId,
    string CreatedByName, DateTimeOffset? BreachedAt, DateTimeOffset? FirstResponseBreachedAt, IReadOnlyList<ApiTicketEvent> Timeline);

public static class TicketsApi
{
    public static void MapTicketsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:guid}/tickets", async (Guid id, EscalateRequest? request, HttpContext http, TicketService tickets,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (request?.Type is null) return Problem.Validation("type is required (e.g. \"Complaint\").").ToResult();
            var escalation = new EscalateTicket(request.Type, request.Priority ?? TicketPriority.Normal, request.Title, request.Description,
                request.OwnerId, request.TeamId);
            return (await tickets.EscalateAsync(http.Actor(), id, escalation, cancellationToken))
                .ToResult(ticket => TypedResults.Created($"/api/v1/tickets/{ticket.Id}", ticket.ToApi(clock.GetUtcNow())));
        });

        var group = api.MapGroup("/tickets");

        group.MapGet("", async (HttpContext http, TicketQueries queries, TimeProvider clock, string? status, string? priority, string? type,
            string? teamId, string? ownerId, string? overdue, string? sort, string? limit, CancellationToken cancellationToken) =>
        {
            var filter = ParseFilter(http, status, priority, type, teamId, ownerId, overdue, sort);
            if (!filter.Succeeded) return filter.Problem.ToResult();
            var max = ParseLimit(limit);
            if (!max.Succeeded) return max.Problem.ToResult();
            var now = clock.GetUtcNow();
            return (await queries.ListAsync(http.Actor(), filter.Value, max.Value, cancellationToken))
                .ToResult(rows => TypedResults.Ok(rows.Select(t => t.ToApi(now))));
        });

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, TicketQueries queries, TimeProvider clock, CancellationToken cancellationToken) =>
            (await queries.GetAsync(http.Actor(), id, cancellationToken)).ToResult(detail => TypedResults.Ok(detail.ToApi(clock.GetUtcNow()))));

        group.MapPatch("/{id:guid}", async (Guid id, TicketPatchRequest? request, HttpContext http, TicketService tickets, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            if (request is null) return Problem.Validation("Send the fields to change.").ToResult();
            var change = new TicketChange(request.Status, request.Priority, request.OwnerId, request.TeamId, request.Resolution, request.ReplyDraft);
            return (await tickets.UpdateAsync(http.Actor(), id, change, cancellationToken)).ToResult(ticket => TypedResults.Ok(ticket.ToApi(clock.GetUtcNow())));
        });

        group.MapPost("/{id:guid}/comments", async (Guid id, CommentRequest? request, HttpContext http, TicketService tickets,
            CancellationToken cancellationToken) =>
            (await tickets.CommentAsync(http.Actor(), id, request?.Body, cancellationToken))
                .ToResult(comment => TypedResults.Created($"/api/v1/tickets/{id}", comment.ToApi())));
    }

    private static Result<TicketFilter> ParseFilter(HttpContext http, string? status, string? priority, string? type, string? teamId, string? ownerId,
        string? overdue, string? sort)
    {
        List<TicketStatus> statuses = [];
        var open = false;
        foreach (var part in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "unsolved": every status before Solved (New, Open, Pending, On hold).
            if (part.Equals("unsolved", StringComparison.OrdinalIgnoreCase)) open = true;
            else if (Enum.TryParse<TicketStatus>(part.Replace(" ", "", StringComparison.Ordinal), true, out var parsed) && Enum.IsDefined(parsed)) statuses.Add(parsed);
            else return Problem.Validation($"status must be one or more of {string.Join(", ", Enum.GetNames<TicketStatus>())} or unsolved (comma-separated).");
        }
        TicketPriority? priorityValue = null;
        if (!string.IsNullOrWhiteSpace(priority))
        {
            if (!Enum.TryParse<TicketPriority>(priority, true, out var parsed) || !Enum.IsDefined(parsed))
                return Problem.Validation($"priority must be one of {string.Join(", ", Enum.GetNames<TicketPriority>())}.");
            priorityValue = parsed;
        }
        int? team = null;
        if (!string.IsNullOrWhiteSpace(teamId))
        {
            if (!int.TryParse(teamId, out var parsed)) return Problem.Validation("teamId must be a team's id.");
            team = parsed;
        }
        Guid? owner = null;
        if (!string.IsNullOrWhiteSpace(ownerId))
        {
            if (ownerId.Equals("me", StringComparison.OrdinalIgnoreCase)) owner = http.Actor().AgentId;
            else if (Guid.TryParse(ownerId, out var parsed)) owner = parsed;
            else return Problem.Validation("ownerId must be an agent's id or \"me\".");
        }
        bool? overdueValue = null;
        if (!string.IsNullOrWhiteSpace(overdue))
        {
            if (!bool.TryParse(overdue, out var parsed)) return Problem.Validation("overdue must be true or false.");
            overdueValue = parsed;
        }
        var sortValue = TicketSort.DueAt;
        if (!string.IsNullOrWhiteSpace(sort) && (!Enum.TryParse(sort, true, out sortValue) || !Enum.IsDefined(sortValue)))
            return Problem.Validation($"sort must be one of {string.Join(", ", Enum.GetNames<TicketSort>())}.");
        return new TicketFilter(statuses, priorityValue, type, team, owner, overdueValue, open, null, sortValue);
    }

    private static Result<int> ParseLimit(string? limit)
    {
        if (string.IsNullOrWhiteSpace(limit)) return TicketFilter.DefaultLimit;
        if (!int.TryParse(limit, out var value) || value < 1)
            return Problem.Validation($"limit must be a whole number from 1 to {TicketFilter.MaxLimit}.");
        return Math.Min(value, TicketFilter.MaxLimit);
    }

    public static ApiTicket ToApi(this TicketSummary t, DateTimeOffset now) => new(t.Id, t.HumanNumber, t.TypeName, t.Priority, t.Status, t.OwnerId,
        t.OwnerName, t.TeamId, t.TeamName, t.DueAt, t.FirstResponseDueAt, t.FirstRespondedAt, t.SlaAt(now), t.ConversationId, t.ConversationNumber,
        t.ContactName, t.Title, t.CreatedAt, t.UpdatedAt, t.SolvedAt, t.Version);

    public static ApiTicketChip ToChip(this TicketSummary t, DateTimeOffset now) =>
        new(t.Id, t.HumanNumber, t.Status, t.Priority, t.DueAt, t.SlaAt(now), t.TypeName);

    public static ApiTicketEvent ToApi(this TicketEventView e) =>
        new(e.Id, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.ActorId, e.ActorName, e.At, e.From, e.To, e.Body, e.MessageId);

    public static ApiTicketDetail ToApi(this TicketDetail d, DateTimeOffset now) => new(d.Summary.ToApi(now), d.Description, d.Resolution,
        d.Summary.ReplyDraft, d.SourceMessageId, d.CreatedByName, d.BreachedAt, d.FirstResponseBreachedAt, d.Timeline.Select(ToApi).ToList());
}
