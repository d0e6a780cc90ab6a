using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;

namespace ShuttlePro.Web.Api;

public sealed record ApiAuditData(JsonNode? Before, JsonNode? After);

public sealed record ApiAuditEvent(long Seq, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, string SubjectType, string SubjectId,
    Guid? ConversationId, int? TeamId, ApiAuditData Data, string Hash, string PrevHash);

public sealed record ApiAuditVerification(bool Ok, long Checked, long? BrokenAt, long VerifiedUpTo, DateTimeOffset At);

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit");

        group.MapGet("", async (HttpContext http, AuditQueries queries, string? after, string? limit, CancellationToken cancellationToken) =>
        {
            var filter = ParseFilter(http.Request.Query);
            if (!filter.Succeeded) return filter.Problem.ToResult();
            long? afterValue = null;
            if (!string.IsNullOrWhiteSpace(after))
            {
                if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    return Problem.Validation("after must be a sequence number.").ToResult();
                afterValue = parsed;
            }
            var max = AuditFilter.DefaultLimit;
            if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, out max) || max < 1))
                return Problem.Validation($"limit must be a whole number from 1 to {AuditFilter.MaxLimit}.").ToResult();
            return (await queries.ListAsync(http.Actor(), filter.Value, afterValue, Math.Min(max, AuditFilter.MaxLimit), cancellationToken))
                .ToResult(rows => TypedResults.Ok(rows.Select(ToApi)));
        });

        group.MapGet("/verify", async (HttpContext http, AuditVerifier verifier, CancellationToken cancellationToken) =>
            (await verifier.VerifyAsync(http.Actor(), cancellationToken)).ToResult(v =>
                TypedResults.Ok(new ApiAuditVerification(v.Ok, v.Checked, v.BrokenAt, v.VerifiedUpTo, v.At))));

        group.MapGet("/export", (HttpContext http, AuditQueries queries, TimeProvider clock, string? format) =>
        {
            var exportFormat = (format ?? "csv").Trim().ToLowerInvariant() switch
            {
                "csv" => AuditExportFormat.Csv,
                "jsonl" => AuditExportFormat.JsonLines,
                _ => (AuditExportFormat?)null,
            };
            if (exportFormat is not { } chosen) return Problem.Validation("format must be csv or jsonl.").ToResult();
            var filter = ParseFilter(http.Request.Query);
            if (!filter.Succeeded) return filter.Problem.ToResult();
            var actor = http.Actor();
            if (AuditQueries.Check(actor, filter.Value) is { } problem) return problem.ToResult();

            var name = $"shuttlepro-audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{AuditExport.Extension(chosen)}";
            // Streamed row by row from the database to the response: a million events never sit in memory.
            return TypedResults.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
                await AuditExport.WriteAsync(writer, chosen, queries.StreamAsync(actor, filter.Value, http.RequestAborted), http.RequestAborted);
            }, AuditExport.ContentType(chosen), name);
        });
    }

    /// <summary>conversationId, ticketId, actorId (Guids), teamId, action, from/to (ISO-8601) and q (free text).</summary>
    private static Result<AuditFilter> ParseFilter(IQueryCollection query)
    {
        Guid? Id(string key, List<string> errors)
        {
            var value = query[key].ToString();
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (Guid.TryParse(value, out var id)) return id;
            errors.Add($"{key} must be a GUID.");
            return null;
        }

        DateTimeOffset? Time(string key, List<string> errors)
        {
            var value = query[key].ToString();
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
            errors.Add($"{key} must be an ISO-8601 time, e.g. 2026-11-25T09:00:00Z.");
            return null;
        }

        var errors = new List<string>();
        var filter = new AuditFilter(Id("conversationId", errors), Id("ticketId", errors), Id("actorId", errors),
            NullIfBlank(query["action"]), null, Time("from", errors), Time("to", errors), NullIfBlank(query["q"]));
        var team = query["teamId"].ToString();
        if (!string.IsNullOrWhiteSpace(team))
        {
            if (int.TryParse(team, NumberStyles.None, CultureInfo.InvariantCulture, out var teamId)) filter = filter with { TeamId = teamId };
            else errors.Add("teamId must be a team number.");
        }
        return errors.Count > 0 ? Problem.Validation(string.Join(" ", errors)) : filter;

        static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static ApiAuditEvent ToApi(this AuditEntry e) => new(e.Sequence, e.At, e.ActorId, e.ActorName, e.Action, e.SubjectType, e.SubjectId,
        e.ConversationId, e.TeamId, new ApiAuditData(Parse(e.Before), Parse(e.After)), e.Hash, e.PreviousHash);

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
