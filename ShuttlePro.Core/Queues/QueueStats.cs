using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>
/// One team's queue. Open counts Open and Pending conversations (Pending still belongs to someone's queue); Waiting counts
/// open conversations whose customer wrote last and got no agent reply yet (AwaitingReplySince set).
/// </summary>
public sealed record TeamQueueStats(int TeamId, string Name, int Open, int Unassigned, int Waiting, long LongestWaitSeconds,
    int WindowClosingSoon, int SlaAtRisk, int SlaBreached);

public sealed record AgentQueueStats(Guid AgentId, string Name, AgentStatus Status, bool OnShift, int OwnedOpen, int Capacity,
    IReadOnlyList<int> TeamIds);

/// <summary>The queue board's figures at <paramref name="At"/>, for every team and agent, or as one actor may see them.</summary>
public sealed record QueueStats(DateTimeOffset At, IReadOnlyList<TeamQueueStats> Teams, IReadOnlyList<AgentQueueStats> Agents)
{
    /// <summary>A WhatsApp window "closes soon" when it closes within this much time from now (and has not closed yet).</summary>
    public static readonly TimeSpan WindowClosingSoon = TimeSpan.FromHours(2);

    /// <summary>Supervisors and admins see every team; shift leads the teams they lead; agents do not see the board.</summary>
    public static bool MayView(Actor actor) => actor.IsSystem || actor.SeesAllTeams || actor.IsShiftLead;

    public QueueStats VisibleTo(Actor actor) => actor.SeesAllTeams
        ? this
        : this with
        {
            Teams = Teams.Where(t => actor.LeadsTeam(t.TeamId)).ToList(),
            Agents = Agents.Where(a => a.TeamIds.Any(actor.LeadsTeam)).ToList(),
        };

    internal static bool IsWaiting(ConversationEntry c) => c.IsOpen && c.AwaitingReplySince is not null;

    internal static bool WindowClosesSoon(ConversationEntry c, DateTimeOffset now) =>
        c.IsOpen && c.LastInboundAt is { } last && last + Conversation.CustomerServiceWindow > now
        && last + Conversation.CustomerServiceWindow <= now + WindowClosingSoon;

    internal static long WaitSeconds(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (long)(now - since).TotalSeconds);

    internal static IEnumerable<T> Ordered<T>(IEnumerable<T> items, Func<T, string> name, Func<T, IComparable> id) =>
        items.OrderBy(name, StringComparer.OrdinalIgnoreCase).ThenBy(id);
}

/// <summary>What the figures need to know about one conversation (resolved ones are kept by the tracker only to order late events).</summary>
public sealed record ConversationEntry(Guid Id, int TeamId, Guid? OwnerId, ConversationStatus Status, DateTimeOffset? AwaitingReplySince,
    DateTimeOffset? LastInboundAt, int Version)
{
    public bool IsOpen => Status != ConversationStatus.Resolved;

    public static ConversationEntry Of(ConversationSummary s) =>
        new(s.Id, s.TeamId, s.OwnerId, s.Status, s.AwaitingReplySince, s.LastInboundAt, s.Version);
}

public sealed record TicketEntry(Guid Id, int TeamId, TicketStatus Status, DateTimeOffset? SolvedAt, DateTimeOffset WarnAt, DateTimeOffset DueAt,
    DateTimeOffset FirstResponseDueAt, DateTimeOffset? FirstRespondedAt, int Version)
{
    public bool IsOpen => Status.IsOpen();

    public SlaState SlaAt(DateTimeOffset now) => Sla.StateOf(Status, SolvedAt, WarnAt, DueAt, FirstResponseDueAt, FirstRespondedAt, now);

    public static TicketEntry Of(TicketSummary t) =>
        new(t.Id, t.TeamId, t.Status, t.SolvedAt, t.WarnAt, t.DueAt, t.FirstResponseDueAt, t.FirstRespondedAt, t.Version);
}

public sealed record AgentEntry(Guid Id, string Name, AgentStatus Status, bool OnShift, int Capacity, bool IsActive, IReadOnlyList<int> TeamIds)
{
    public static AgentEntry Of(AgentView a) =>
        new(a.Id, a.Name, a.Status, a.OnShift, a.Capacity, a.IsActive, a.Teams.Select(t => t.Id).Order().ToList());
}

/// <summary>The rows the figures are computed from, as loaded from the database in one reconciliation.</summary>
public sealed record QueueData(IReadOnlyList<TeamView> Teams, IReadOnlyList<ConversationEntry> Conversations, IReadOnlyList<TicketEntry> Tickets,
    IReadOnlyList<AgentEntry> Agents);

/// <summary>
/// The throttled board update: published at most a few times a second with the latest figures (coalesced), so a burst of
/// events becomes a handful of messages. Each receiver sees <see cref="QueueStats.VisibleTo"/>.
/// </summary>
public sealed record QueueStatsChanged(QueueStats Stats, DateTimeOffset At) : LiveEvent(At)
{
    public override bool IsVisibleTo(Actor actor) => QueueStats.MayView(actor);
}
