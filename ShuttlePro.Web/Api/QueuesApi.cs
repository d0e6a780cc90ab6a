using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Queues;

namespace ShuttlePro.Web.Api;

public sealed record ApiTeamQueue(int TeamId, string Name, int Open, int Unassigned, int Waiting, long LongestWaitSeconds, int WindowClosingSoon,
    int SlaAtRisk, int SlaBreached);

public sealed record ApiAgentLoad(Guid AgentId, string Name, AgentStatus Status, bool OnShift, int OwnedOpen, int Capacity);

/// <summary>The body of <c>GET /api/v1/queues/stats</c> and the <c>data</c> of the hub's <c>queue.stats</c>.</summary>
public sealed record ApiQueueStats(IReadOnlyList<ApiTeamQueue> Teams, IReadOnlyList<ApiAgentLoad> Agents);

/// <summary><c>GET /api/v1/queues/stats</c>: the live queue figures, for supervisors and admins (all teams) and shift leads (their teams).</summary>
public static class QueuesApi
{
    public static void MapQueuesApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/queues").MapGet("/stats", async (HttpContext http, QueueStatsTracker tracker, CancellationToken cancellationToken) =>
            (await tracker.CurrentAsync(http.Actor(), cancellationToken)).ToResult(stats => TypedResults.Ok(stats.ToApi())));
    }

    public static ApiQueueStats ToApi(this QueueStats stats) => new(
        stats.Teams.Select(t => new ApiTeamQueue(t.TeamId, t.Name, t.Open, t.Unassigned, t.Waiting, t.LongestWaitSeconds, t.WindowClosingSoon,
            t.SlaAtRisk, t.SlaBreached)).ToList(),
        stats.Agents.Select(a => new ApiAgentLoad(a.AgentId, a.Name, a.Status, a.OnShift, a.OwnedOpen, a.Capacity)).ToList());
}
