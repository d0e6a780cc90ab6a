using ShuttlePro.Core.Collaboration;
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

/// <summary>The same figures for one channel (a brand's WhatsApp number) within one team; the board sums the cells it may see.</summary>
public sealed record ChannelQueueStats(int TeamId, int ChannelId, string ChannelName, string Brand, int Open, int Unassigned, int Waiting,
    long LongestWaitSeconds, int WindowClosingSoon, int SlaAtRisk, int SlaBreached);

/// <summary>A conversation mentioned on the board; <see cref="Number"/> is null when it is not open (resolved ones are not tracked).</summary>
public sealed record ConversationRef(Guid Id, int? Number, int TeamId);

public sealed record AgentQueueStats(Guid AgentId, string Name, AgentStatus Status, bool OnShift, int OwnedOpen, int Capacity,
    IReadOnlyList<int> TeamIds, int RepliesLastHour, IReadOnlyList<ConversationRef> Viewing, IReadOnlyList<ConversationRef> Typing);

/// <summary>Why a conversation needs a supervisor's eye, most urgent first.</summary>
public enum AttentionReason
{
    SlaBreached,
    SlaAtRisk,
    WaitingUnowned,
    WindowClosing,
}

/// <summary>One row of the "needs attention" list: the most urgent reason, every reason, and who is on it right now.</summary>
public sealed record AttentionItem(Guid ConversationId, int Number, int TeamId, string TeamName, string Channel, string Brand, string ContactName,
    Guid? OwnerId, string? OwnerName, AttentionReason Reason, IReadOnlyList<AttentionReason> Reasons, DateTimeOffset? WaitingSince,
    DateTimeOffset? WindowClosesAt, int? TicketNumber, DateTimeOffset? SlaDueAt, IReadOnlyList<PresentAgent> Viewers, IReadOnlyList<PresentAgent> Typing);

/// <summary>The queue board's figures at <paramref name="At"/>, for every team, channel and agent, or as one actor may see them.</summary>
public sealed record QueueStats(DateTimeOffset At, IReadOnlyList<TeamQueueStats> Teams, IReadOnlyList<AgentQueueStats> Agents,
    IReadOnlyList<ChannelQueueStats> Channels, IReadOnlyList<AttentionItem> Attention)
{
    /// <summary>A WhatsApp window "closes soon" when it closes within this much time from now (and has not closed yet).</summary>
    public static readonly TimeSpan WindowClosingSoon = TimeSpan.FromHours(2);

    /// <summary>How many rows of the needs-attention list each team contributes (the board shows the most urgent).</summary>
    public const int AttentionPerTeam = 25;

    public static readonly TimeSpan RepliesWindow = TimeSpan.FromHours(1);

    /// <summary>Supervisors and admins see every team; shift leads the teams they lead; agents do not see the board.</summary>
    public static bool MayView(Actor actor) => Permissions.MayLead(actor);

    public QueueStats VisibleTo(Actor actor) => actor.SeesAllTeams
        ? this
        : this with
        {
            Teams = Teams.Where(t => actor.LeadsTeam(t.TeamId)).ToList(),
            Agents = Agents.Where(a => a.TeamIds.Any(actor.LeadsTeam))
                .Select(a => a with
                {
                    Viewing = a.Viewing.Where(c => actor.LeadsTeam(c.TeamId)).ToList(),
                    Typing = a.Typing.Where(c => actor.LeadsTeam(c.TeamId)).ToList(),
                })
                .ToList(),
            Channels = Channels.Where(c => actor.LeadsTeam(c.TeamId)).ToList(),
            Attention = Attention.Where(a => actor.LeadsTeam(a.TeamId)).ToList(),
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
public sealed record ConversationEntry(Guid Id, int Number, int TeamId, int ChannelId, string ChannelName, string Brand, string ContactName,
    Guid? OwnerId, string? OwnerName, ConversationStatus Status, DateTimeOffset? AwaitingReplySince, DateTimeOffset? LastInboundAt, int Version)
{
    public bool IsOpen => Status != ConversationStatus.Resolved;

    public static ConversationEntry Of(ConversationSummary s) =>
        new(s.Id, s.Number, s.TeamId, s.Channel.Id, s.Channel.Name, s.Channel.Brand, s.Contact.Name, s.OwnerId, s.OwnerName, s.Status,
            s.AwaitingReplySince, s.LastInboundAt, s.Version);
}

public sealed record TicketEntry(Guid Id, int Number, Guid ConversationId, int TeamId, TicketStatus Status, DateTimeOffset? SolvedAt,
    DateTimeOffset WarnAt, DateTimeOffset DueAt, DateTimeOffset FirstResponseDueAt, DateTimeOffset? FirstRespondedAt, int Version)
{
    public bool IsOpen => Status.IsOpen();

    public SlaState SlaAt(DateTimeOffset now) => Sla.StateOf(Status, SolvedAt, WarnAt, DueAt, FirstResponseDueAt, FirstRespondedAt, now);

    /// <summary>The next deadline that counts: the first response while none was given, else the resolution.</summary>
    public DateTimeOffset NextDueAt => FirstRespondedAt is null && FirstResponseDueAt < DueAt ? FirstResponseDueAt : DueAt;

    public static TicketEntry Of(TicketSummary t) =>
        new(t.Id, t.Number, t.ConversationId, t.TeamId, t.Status, t.SolvedAt, t.WarnAt, t.DueAt, t.FirstResponseDueAt, t.FirstRespondedAt, t.Version);
}

public sealed record AgentEntry(Guid Id, string Name, AgentStatus Status, bool OnShift, int Capacity, bool IsActive, IReadOnlyList<int> TeamIds)
{
    public static AgentEntry Of(AgentView a) =>
        new(a.Id, a.Name, a.Status, a.OnShift, a.Capacity, a.IsActive, a.Teams.Select(t => t.Id).Order().ToList());
}

/// <summary>An agent's reply (an outbound message they wrote), counted for "replies in the last hour".</summary>
public sealed record ReplyEntry(Guid MessageId, Guid AgentId, DateTimeOffset At);

/// <summary>
/// The rows the figures are computed from: loaded from the database in a reconciliation, or kept from live events by the
/// tracker. Both go through <see cref="QueueFigures.Compute"/>, so the two can only differ in their rows.
/// </summary>
public sealed record QueueData(IReadOnlyList<TeamView> Teams, IReadOnlyList<ConversationEntry> Conversations, IReadOnlyList<TicketEntry> Tickets,
    IReadOnlyList<AgentEntry> Agents, IReadOnlyList<ReplyEntry> Replies, IReadOnlyList<ConversationPresence> Presence);

/// <summary>
/// The throttled board update: published at most a few times a second with the latest figures (coalesced), so a burst of
/// events becomes a handful of messages. Each receiver sees <see cref="QueueStats.VisibleTo"/>.
/// </summary>
public sealed record QueueStatsChanged(QueueStats Stats, DateTimeOffset At) : LiveEvent(At), IInstanceLocalEvent
{
    public override bool IsVisibleTo(Actor actor) => QueueStats.MayView(actor);
}
