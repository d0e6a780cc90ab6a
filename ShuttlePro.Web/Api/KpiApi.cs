using System.Globalization;
using System.Text;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Kpi;

namespace ShuttlePro.Web.Api;

/// <summary>
/// <c>GET /api/v1/kpi?from=&amp;to=&amp;teamId=&amp;agentId=</c> and <c>/kpi/export</c> (CSV, same filters). Without from and to the
/// period is today in Asia/Karachi (midnight there up to now); with only from, it runs up to now. Times are in seconds.
/// </summary>
public static class KpiApi
{
    public static void MapKpiApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/kpi");

        // The contract: per-agent rows. The whole report (team rows, total, trend, buckets) is /kpi/report.
        group.MapGet("", async (HttpContext http, KpiQueries kpi, TimeProvider clock, CancellationToken cancellationToken) =>
            await ComputeAsync(http, kpi, clock, report => TypedResults.Ok(report.Agents), cancellationToken));

        group.MapGet("/report", async (HttpContext http, KpiQueries kpi, TimeProvider clock, CancellationToken cancellationToken) =>
            await ComputeAsync(http, kpi, clock, TypedResults.Ok, cancellationToken));

        group.MapGet("/export", async (HttpContext http, KpiQueries kpi, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var request = Parse(http.Request.Query, clock.GetUtcNow());
            if (!request.Succeeded) return request.Problem.ToResult();
            var (period, teamId, agentId) = request.Value;
            var report = await kpi.ComputeAsync(http.Actor(), period, teamId, agentId, cancellationToken);
            if (!report.Succeeded) return report.Problem.ToResult();
            var name = $"shuttlepro-kpi-{KpiPeriod.DayOf(period.From):yyyyMMdd}-{KpiPeriod.DayOf(period.To.AddTicks(-1)):yyyyMMdd}.csv";
            return TypedResults.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(false));
                await KpiCsv.WriteAsync(writer, report.Value, http.RequestAborted);
            }, KpiCsv.ContentType, name);
        });
    }

    private static async Task<IResult> ComputeAsync(HttpContext http, KpiQueries kpi, TimeProvider clock, Func<KpiReport, IResult> answer,
        CancellationToken cancellationToken)
    {
        var request = Parse(http.Request.Query, clock.GetUtcNow());
        if (!request.Succeeded) return request.Problem.ToResult();
        var (period, teamId, agentId) = request.Value;
        return (await kpi.ComputeAsync(http.Actor(), period, teamId, agentId, cancellationToken)).ToResult(answer);
    }

    private static Result<(KpiPeriod Period, int? TeamId, Guid? AgentId)> Parse(IQueryCollection query, DateTimeOffset now)
    {
        var errors = new List<string>();
        DateTimeOffset? Time(string key)
        {
            var value = query[key].ToString();
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
            errors.Add($"{key} must be an ISO-8601 time, e.g. 2026-11-25T00:00:00+05:00.");
            return null;
        }

        var from = Time("from");
        var to = Time("to");
        int? teamId = null;
        Guid? agentId = null;
        var team = query["teamId"].ToString();
        if (!string.IsNullOrWhiteSpace(team))
        {
            if (int.TryParse(team, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) teamId = id;
            else errors.Add("teamId must be a team number.");
        }
        var agent = query["agentId"].ToString();
        if (!string.IsNullOrWhiteSpace(agent))
        {
            if (Guid.TryParse(agent, out var id)) agentId = id;
            else errors.Add("agentId must be a GUID.");
        }
        if (to is not null && from is null && errors.Count == 0) errors.Add("from is required with to.");
        if (errors.Count > 0) return Problem.Validation(string.Join(" ", errors));

        var period = from is { } start ? new KpiPeriod(start, to ?? now) : KpiPeriod.Today(now);
        if (period.Check() is { } problem) return problem;
        return (period, teamId, agentId);
    }
}
