using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Kpi;

/// <summary>
/// Agent and team KPIs over a period, from messages, notes, handoffs, tickets, QA reviews and the audit trail: a few set-based
/// reads, then aggregation in memory. Every figure counts what happened inside [from, to):
/// <list type="bullet">
/// <item><b>conversations handled</b>: distinct conversations the agent sent a reply in (for a team: distinct over its agents);</item>
/// <item><b>first response time</b>: a customer message that starts a wait (no agent reply since the previous wait was answered)
/// to the next agent reply in that conversation, attributed to the replying agent, counted when the reply is in the period
/// (the wait may have started before it); median and nearest-rank p90 (<see cref="KpiStatistics"/>);</item>
/// <item><b>resolution time</b>: the start of the resolved cycle — the conversation's creation, or after an earlier resolution the
/// first customer message or explicit reopen since — to <c>conversation.resolved</c>, attributed to the owner at resolution
/// (the conversation's owner when it is still in that resolution, else the agent who resolved it);</item>
/// <item><b>replies sent</b>: outbound messages (text and templates) authored by the agent;</item>
/// <item><b>notes written</b>: internal notes authored; <b>handoffs given</b>: handoffs of conversations the agent owned (or made,
/// when unowned); <b>handoffs received</b>: handoffs to the agent by name;</item>
/// <item><b>escalations</b>: tickets the agent created; <b>SLA breaches</b>: resolution and first-response targets that fell due
/// unmet in the period, attributed to the ticket's owner;</item>
/// <item><b>takeovers suffered</b>: <c>conversation.taken_over</c> events whose previous owner is the agent;</item>
/// <item><b>QA score average</b>: mean score of the QA reviews of the agent's work written in the period;</item>
/// <item><b>time online/away</b>: the intervals between <c>agent.status_changed</c> events spent online or away, clipped to the
/// period and to now.</item>
/// </list>
/// Agents see only themselves; shift leads the agents of their teams; supervisors and admins everyone.
/// </summary>
public sealed class KpiQueries(IDbContextFactory<ShuttleDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<KpiReport>> ComputeAsync(Actor actor, KpiPeriod period, int? teamId = null, Guid? agentId = null,
        CancellationToken cancellationToken = default)
    {
        if (period.Check() is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        var (from, to) = (period.From, period.To);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var agents = await db.Users.AsNoTracking()
            .Select(a => new AgentInfo(a.Id, a.DisplayName, a.Status, a.IsActive, a.Teams.Select(t => t.TeamId).ToList()))
            .ToListAsync(cancellationToken);

        var scope = Scope(actor, teamId, agentId, teams.Select(t => t.Id).ToHashSet(), agents);
        if (!scope.Succeeded) return scope.Problem;
        var (scopeTeams, scopeAgents, withTeams) = scope.Value;
        var figures = scopeAgents.ToDictionary(a => a.Id, _ => new Figures());
        Figures? Of(Guid? id) => id is { } value ? figures.GetValueOrDefault(value) : null;
        bool InPeriod(DateTimeOffset at) => at >= from && at < to;
        var trend = new Dictionary<DateTimeOffset, StepFigures>();
        StepFigures Step(DateTimeOffset at) => trend.TryGetValue(period.StepOf(at), out var step) ? step : trend[period.StepOf(at)] = new StepFigures();

        // Conversations with activity since `from` (indexed): every reply and resolution of the period is in one of them.
        var touched = db.Conversations.Where(c => c.LastActivityAt >= from);
        var conversations = await touched.AsNoTracking()
            .Select(c => new { c.Id, c.CreatedAt, c.OwnerId, c.Status, c.ResolvedAt })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => touched.Select(c => c.Id).Contains(m.ConversationId) && m.CreatedAt < to)
            .Select(m => new MessageRow(m.ConversationId, m.Direction, m.AuthorId, m.CreatedAt, m.Position))
            .ToListAsync(cancellationToken);
        var byConversation = messages.GroupBy(m => m.ConversationId)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.CreatedAt).ThenBy(m => m.Position).ToList());

        foreach (var thread in byConversation.Values)
        {
            DateTimeOffset? waitingSince = null;
            foreach (var message in thread)
            {
                if (message.Direction == MessageDirection.Inbound)
                {
                    waitingSince ??= message.CreatedAt;
                    continue;
                }
                if (message.AuthorId is not { } author) continue;
                var wait = waitingSince;
                waitingSince = null;
                if (!InPeriod(message.CreatedAt) || Of(author) is not { } agent) continue;
                var day = Step(message.CreatedAt);
                agent.RepliesSent++;
                agent.Handled.Add(message.ConversationId);
                day.Replies++;
                day.Handled.Add(message.ConversationId);
                if (wait is { } since)
                {
                    var seconds = (message.CreatedAt - since).TotalSeconds;
                    agent.FirstResponses.Add(seconds);
                    day.FirstResponses.Add(seconds);
                }
            }
        }

        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => (a.Action == AuditActions.ConversationTakenOver || a.Action == AuditActions.ConversationResolved
                         || a.Action == AuditActions.AgentStatusChanged) && a.At >= from)
            .Select(a => new EventRow(a.Sequence, a.At, a.ActorId, a.Action, a.SubjectId, a.ConversationId, a.Before, a.After))
            .ToListAsync(cancellationToken);

        foreach (var takeover in events.Where(e => e.Action == AuditActions.ConversationTakenOver && InPeriod(e.At)))
            if (Of(ReadGuid(takeover.Before, "ownerId")) is { } agent) agent.TakeoversSuffered++;

        var resolutions = events.Where(e => e.Action == AuditActions.ConversationResolved && InPeriod(e.At) && e.ConversationId is not null).ToList();
        if (resolutions.Count > 0)
        {
            var history = (await db.AuditEvents.AsNoTracking()
                    .Where(a => (a.Action == AuditActions.ConversationResolved || a.Action == AuditActions.ConversationReopened) && a.At < to
                                && touched.Select(c => (Guid?)c.Id).Contains(a.ConversationId))
                    .Select(a => new { a.ConversationId, a.Action, a.At, a.Sequence })
                    .ToListAsync(cancellationToken))
                .GroupBy(a => a.ConversationId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Sequence).ToList());
            foreach (var resolved in resolutions)
            {
                var id = resolved.ConversationId!.Value;
                if (!conversations.TryGetValue(id, out var conversation)) continue;
                var earlier = history.GetValueOrDefault(id)?.Where(a => a.Sequence < resolved.Sequence).ToList() ?? [];
                DateTimeOffset? start = conversation.CreatedAt;
                if (earlier.LastOrDefault(a => a.Action == AuditActions.ConversationResolved) is { } previous)
                {
                    var reopened = earlier.FirstOrDefault(a => a.Sequence > previous.Sequence && a.Action == AuditActions.ConversationReopened)?.At;
                    var wrote = byConversation.GetValueOrDefault(id)?
                        .FirstOrDefault(m => m.Direction == MessageDirection.Inbound && m.CreatedAt > previous.At && m.CreatedAt <= resolved.At)?.CreatedAt;
                    start = reopened is null ? wrote : wrote is null ? reopened : Min(reopened.Value, wrote.Value);
                }
                if (start is null) continue;
                var stillThisResolution = conversation.Status == ConversationStatus.Resolved && conversation.ResolvedAt is { } at
                                          && Math.Abs((at - resolved.At).TotalMilliseconds) < 1;
                var owner = stillThisResolution && conversation.OwnerId is not null ? conversation.OwnerId : resolved.ActorId;
                if (Of(owner) is not { } agent) continue;
                agent.Resolutions.Add((resolved.At - start.Value).TotalSeconds);
                Step(resolved.At).Resolutions++;
            }
        }

        var end = Min(to, now);
        foreach (var (agentInfo, statusChanges) in scopeAgents.Select(a => (a, events
                     .Where(e => e.Action == AuditActions.AgentStatusChanged && e.SubjectId == a.Id.ToString()).OrderBy(e => e.Sequence).ToList())))
        {
            if (end <= from) break;
            var agent = figures[agentInfo.Id];
            var status = statusChanges.Count > 0 ? ReadStatus(statusChanges[0].Before) ?? AgentStatus.Offline : agentInfo.Status;
            var cursor = from;
            foreach (var change in statusChanges.TakeWhile(e => e.At < end))
            {
                agent.AddTime(status, change.At - cursor);
                status = ReadStatus(change.After) ?? status;
                cursor = Max(cursor, change.At);
            }
            agent.AddTime(status, end - cursor);
        }

        var notes = await db.Notes.AsNoTracking().Where(n => n.CreatedAt >= from && n.CreatedAt < to)
            .Select(n => n.AuthorId).ToListAsync(cancellationToken);
        foreach (var author in notes)
            if (Of(author) is { } agent) agent.NotesWritten++;

        var handoffs = await db.Handoffs.AsNoTracking().Where(h => h.CreatedAt >= from && h.CreatedAt < to)
            .Select(h => new { h.ByAgentId, h.FromAgentId, h.ToAgentId }).ToListAsync(cancellationToken);
        foreach (var handoff in handoffs)
        {
            if (Of(handoff.FromAgentId ?? handoff.ByAgentId) is { } giver) giver.HandoffsGiven++;
            if (Of(handoff.ToAgentId) is { } receiver) receiver.HandoffsReceived++;
        }

        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => (t.CreatedAt >= from && t.CreatedAt < to) || (t.BreachedAt >= from && t.BreachedAt < to)
                        || (t.FirstResponseBreachedAt >= from && t.FirstResponseBreachedAt < to))
            .Select(t => new { t.CreatedById, t.CreatedAt, t.OwnerId, t.BreachedAt, t.FirstResponseBreachedAt })
            .ToListAsync(cancellationToken);
        foreach (var ticket in tickets)
        {
            if (InPeriod(ticket.CreatedAt) && Of(ticket.CreatedById) is { } escalator) escalator.Escalations++;
            if (Of(ticket.OwnerId) is not { } owner) continue;
            if (ticket.BreachedAt is { } breached && InPeriod(breached)) owner.SlaBreaches++;
            if (ticket.FirstResponseBreachedAt is { } missed && InPeriod(missed)) owner.SlaBreaches++;
        }

        var reviews = await db.QaReviews.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .Select(r => new { r.AgentId, r.Score }).ToListAsync(cancellationToken);
        foreach (var review in reviews)
            if (Of(review.AgentId) is { } agent) agent.QaScores.Add(review.Score);

        var agentRows = scopeAgents
            .Where(a => a.IsActive || figures[a.Id].HasActivity)
            .Select(a => figures[a.Id].ToRow(a.Id, null, a.Name))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var shown = agentRows.Select(r => r.AgentId!.Value).ToHashSet();
        var teamRows = withTeams
            ? teams.Where(t => scopeTeams.Contains(t.Id) && scopeAgents.Any(a => shown.Contains(a.Id) && a.TeamIds.Contains(t.Id)))
                .Select(t => Figures.Merge(scopeAgents.Where(a => shown.Contains(a.Id) && a.TeamIds.Contains(t.Id)).Select(a => figures[a.Id]))
                    .ToRow(null, t.Id, t.Name))
                .ToList()
            : [];

        var shownFigures = shown.Select(id => figures[id]).ToList();
        var allFirstResponses = shownFigures.SelectMany(f => f.FirstResponses).ToList();
        var buckets = KpiStatistics.Buckets.Select((b, i) => new KpiBucket(b.Label, allFirstResponses.Count(s =>
            s < b.UpTo && (i == 0 || s >= KpiStatistics.Buckets[i - 1].UpTo)))).ToList();
        var points = new List<KpiTrendPoint>();
        for (var step = period.StepOf(from); step < to; step = period.NextStep(step))
        {
            var figuresOfStep = trend.GetValueOrDefault(step) ?? new StepFigures();
            points.Add(new KpiTrendPoint(step, figuresOfStep.Replies, figuresOfStep.Handled.Count, figuresOfStep.Resolutions,
                KpiStatistics.Median(figuresOfStep.FirstResponses)));
        }
        var total = Figures.Merge(shownFigures).ToRow(null, null, "All agents");
        return new KpiReport(from, to, KpiPeriod.TimeZoneId, agentRows, teamRows, total, period.TrendStep, points, buckets);
    }

    /// <summary>The teams and agents the actor may see, narrowed by the filters; whether team rows are shown.</summary>
    private static Result<(HashSet<int> Teams, List<AgentInfo> Agents, bool WithTeams)> Scope(Actor actor, int? teamId, Guid? agentId,
        HashSet<int> allTeams, List<AgentInfo> agents)
    {
        if (teamId is { } team && !allTeams.Contains(team)) return Problem.NotFound($"Team {team}");
        var requested = agentId is { } id ? agents.FirstOrDefault(a => a.Id == id) : null;
        if (agentId is not null && requested is null && Permissions.MayLead(actor)) return Problem.NotFound("The agent");

        if (!Permissions.MayLead(actor))
        {
            if (agentId is { } other && other != actor.AgentId) return Problem.Forbidden("Agents see their own figures only.");
            if (teamId is { } t && !actor.TeamIds.Contains(t)) return Problem.Forbidden("You are not in that team.");
            return (actor.TeamIds.ToHashSet(), agents.Where(a => a.Id == actor.AgentId).ToList(), false);
        }

        HashSet<int> teams;
        if (actor.SeesAllTeams) teams = teamId is { } t ? [t] : allTeams;
        else if (teamId is { } led)
        {
            if (!actor.LeadsTeam(led)) return Problem.Forbidden("You lead other teams.");
            teams = [led];
        }
        else teams = actor.TeamIds.ToHashSet();

        if (requested is not null)
        {
            if (!actor.SeesAllTeams && requested.Id != actor.AgentId && !requested.TeamIds.Any(actor.TeamIds.Contains))
                return Problem.Forbidden("You lead other teams.");
            return (teams.Intersect(requested.TeamIds).ToHashSet(), [requested], false);
        }
        return (teams, agents.Where(a => a.TeamIds.Any(teams.Contains)).ToList(), true);
    }

    private static Guid? ReadGuid(string? json, string property)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
               && Guid.TryParse(value.GetString(), out var id) ? id : null;
    }

    private static AgentStatus? ReadStatus(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("status", out var value) && value.ValueKind == JsonValueKind.String
               && Enum.TryParse<AgentStatus>(value.GetString(), ignoreCase: true, out var status) ? status : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record AgentInfo(Guid Id, string Name, AgentStatus Status, bool IsActive, List<int> TeamIds);

    private sealed record MessageRow(Guid ConversationId, MessageDirection Direction, Guid? AuthorId, DateTimeOffset CreatedAt, int Position);

    private sealed record EventRow(long Sequence, DateTimeOffset At, Guid? ActorId, string Action, string SubjectId, Guid? ConversationId,
        string? Before, string? After);

    private sealed class StepFigures
    {
        public int Replies;
        public int Resolutions;
        public readonly HashSet<Guid> Handled = [];
        public readonly List<double> FirstResponses = [];
    }

    private sealed class Figures
    {
        public readonly HashSet<Guid> Handled = [];
        public readonly List<double> FirstResponses = [];
        public readonly List<double> Resolutions = [];
        public readonly List<int> QaScores = [];
        public int RepliesSent, NotesWritten, HandoffsGiven, HandoffsReceived, Escalations, SlaBreaches, TakeoversSuffered;
        public double OnlineSeconds, AwaySeconds;

        public bool HasActivity => RepliesSent + NotesWritten + HandoffsGiven + HandoffsReceived + Escalations + SlaBreaches
            + TakeoversSuffered + Resolutions.Count + QaScores.Count > 0 || OnlineSeconds + AwaySeconds > 0;

        public void AddTime(AgentStatus status, TimeSpan span)
        {
            if (span <= TimeSpan.Zero) return;
            if (status == AgentStatus.Online) OnlineSeconds += span.TotalSeconds;
            else if (status == AgentStatus.Away) AwaySeconds += span.TotalSeconds;
        }

        /// <summary>A team's figures: sums, distinct conversations, and medians over the pooled samples (not averaged medians).</summary>
        public static Figures Merge(IEnumerable<Figures> members)
        {
            var team = new Figures();
            foreach (var m in members)
            {
                team.Handled.UnionWith(m.Handled);
                team.FirstResponses.AddRange(m.FirstResponses);
                team.Resolutions.AddRange(m.Resolutions);
                team.QaScores.AddRange(m.QaScores);
                team.RepliesSent += m.RepliesSent;
                team.NotesWritten += m.NotesWritten;
                team.HandoffsGiven += m.HandoffsGiven;
                team.HandoffsReceived += m.HandoffsReceived;
                team.Escalations += m.Escalations;
                team.SlaBreaches += m.SlaBreaches;
                team.TakeoversSuffered += m.TakeoversSuffered;
                team.OnlineSeconds += m.OnlineSeconds;
                team.AwaySeconds += m.AwaySeconds;
            }
            return team;
        }

        public KpiRow ToRow(Guid? agentId, int? teamId, string name) => new(agentId, teamId, name, Handled.Count,
            FirstResponses.Count, KpiStatistics.Median(FirstResponses), KpiStatistics.P90(FirstResponses),
            Resolutions.Count, KpiStatistics.Median(Resolutions), KpiStatistics.P90(Resolutions),
            RepliesSent, NotesWritten, HandoffsGiven, HandoffsReceived, Escalations, SlaBreaches, TakeoversSuffered,
            QaScores.Count, QaScores.Count == 0 ? null : Math.Round(QaScores.Average(), 2),
            KpiStatistics.Round(OnlineSeconds), KpiStatistics.Round(AwaySeconds));
    }
}
