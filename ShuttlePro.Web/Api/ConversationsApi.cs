using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Api;

public static class ConversationsApi
{
    public static void MapConversationsApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations");

        conversations.MapGet("", async (HttpContext http, ConversationQueries queries, string? view, string? status, string? q,
            string? limit, CancellationToken cancellationToken) =>
        {
            var actor = http.Actor();
            var filter = ParseFilter(view, status, q, actor.SeesAllTeams);
            if (!filter.Succeeded) return filter.Problem.ToResult();
            var max = ParseLimit(limit);
            if (!max.Succeeded) return max.Problem.ToResult();
            var list = await queries.ListAsync(actor, filter.Value, max.Value, cancellationToken);
            return list.ToResult(rows => TypedResults.Ok(rows.Select(c => c.ToApi())));
        });

        conversations.MapGet("/{id:guid}", async (Guid id, HttpContext http, ConversationQueries queries, IPresenceTracker presence,
            TimeProvider clock, CancellationToken cancellationToken) =>
            (await queries.GetAsync(http.Actor(), id, cancellationToken))
                .ToResult(detail => TypedResults.Ok(detail.ToApi(presence.Get(id), clock.GetUtcNow()))));

        conversations.MapPost("/{id:guid}/messages", async (Guid id, ReplyRequest? request, HttpContext http,
            ConversationService service, CancellationToken cancellationToken) =>
        {
            if (request?.Template is { } template && request.Body is not null)
                return Problem.Validation("Send either a body or a template, not both.").ToResult();
            var sent = request?.Template is { } chosen
                ? await service.SendTemplateAsync(http.Actor(), id, new TemplateReply(chosen.Name ?? "", chosen.Language, chosen.Parameters),
                    request.LastSeenMessageId, cancellationToken)
                : await service.ReplyAsync(http.Actor(), id, request?.Body, request?.LastSeenMessageId, cancellationToken);
            return sent.ToResult(message => TypedResults.Created($"/api/v1/conversations/{id}", new CreatedResponse(message.Id)));
        });

        conversations.MapPost("/{id:guid}/messages/{messageId:guid}/retry", async (Guid id, Guid messageId, HttpContext http,
            DeliveryService delivery, CancellationToken cancellationToken) =>
            (await delivery.RetryFailedAsync(http.Actor(), id, messageId, cancellationToken)).ToResult(message => TypedResults.Ok(message.ToApi())));

        conversations.MapGet("/{id:guid}/templates", async (Guid id, HttpContext http, ChannelDirectory channels, CancellationToken cancellationToken) =>
            (await channels.TemplatesForConversationAsync(http.Actor(), id, cancellationToken))
                .ToResult(templates => TypedResults.Ok(templates.Select(t => t.ToApi()))));

        conversations.MapPost("/{id:guid}/resolve", async (Guid id, HttpContext http, ConversationService service, CancellationToken cancellationToken) =>
            (await service.ResolveAsync(http.Actor(), id, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));

        conversations.MapPost("/{id:guid}/take", async (Guid id, HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.TakeAsync(http.Actor(), id, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));

        conversations.MapPost("/{id:guid}/assign", async (Guid id, AssignRequest? request, HttpContext http, OwnershipService ownership,
            CancellationToken cancellationToken) =>
            (await ownership.AssignAsync(http.Actor(), id, request?.AgentId, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));

        conversations.MapPost("/{id:guid}/takeover", async (Guid id, HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.TakeOverAsync(http.Actor(), id, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));

        conversations.MapPost("/{id:guid}/release", async (Guid id, HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.ReleaseAsync(http.Actor(), id, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));

        conversations.MapPost("/{id:guid}/takeover-requests", async (Guid id, TakeoverRequestBody? request, HttpContext http,
            OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.RequestTakeoverAsync(http.Actor(), id, request?.Note, cancellationToken))
                .ToResult(created => TypedResults.Created($"/api/v1/takeover-requests/{created.Id}", created.ToApi())));

        conversations.MapPost("/{id:guid}/reopen", async (Guid id, HttpContext http, ConversationService service, CancellationToken cancellationToken) =>
            (await service.ReopenAsync(http.Actor(), id, cancellationToken)).ToResult(summary => TypedResults.Ok(summary.ToApi())));
    }

    public static void MapTakeoverRequestsApi(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/takeover-requests");

        requests.MapGet("", async (HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            TypedResults.Ok((await ownership.PendingRequestsForAsync(http.Actor(), cancellationToken)).Select(r => r.ToApi())));

        requests.MapPost("/{id:guid}/accept", async (Guid id, HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.DecideTakeoverAsync(http.Actor(), id, accept: true, cancellationToken)).ToResult(r => TypedResults.Ok(r.ToApi())));

        requests.MapPost("/{id:guid}/decline", async (Guid id, HttpContext http, OwnershipService ownership, CancellationToken cancellationToken) =>
            (await ownership.DecideTakeoverAsync(http.Actor(), id, accept: false, cancellationToken)).ToResult(r => TypedResults.Ok(r.ToApi())));
    }

    /// <summary>Reads <c>view</c>, <c>status</c> and <c>q</c>; names are case-insensitive. No view means everything the caller may see.</summary>
    public static Result<ConversationFilter> ParseFilter(string? view, string? status, string? q, bool seesAllTeams)
    {
        InboxView inboxView;
        if (string.IsNullOrWhiteSpace(view)) inboxView = seesAllTeams ? InboxView.All : InboxView.Team;
        else if (!Enum.TryParse(view.Trim(), ignoreCase: true, out inboxView) || !Enum.IsDefined(inboxView) || int.TryParse(view, out _))
            return Problem.Validation("view must be one of mine, unassigned, team, all.");

        ConversationStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<ConversationStatus>(status.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
                return Problem.Validation("status must be one of open, pending, resolved.");
            statusFilter = parsed;
        }
        return new ConversationFilter(inboxView, statusFilter, q);
    }

    /// <summary>Reads <c>limit</c>: 100 when omitted, at most 500 (larger asks get 500).</summary>
    public static Result<int> ParseLimit(string? limit)
    {
        if (string.IsNullOrWhiteSpace(limit)) return ConversationFilter.DefaultLimit;
        if (!int.TryParse(limit, out var value) || value < 1)
            return Problem.Validation($"limit must be a whole number from 1 to {ConversationFilter.MaxLimit}.");
        return Math.Min(value, ConversationFilter.MaxLimit);
    }
}
