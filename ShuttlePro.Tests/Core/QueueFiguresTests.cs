using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Tests.Core;

/// <summary>The queue board's figures from rows: urgency order of the needs-attention list, brand cells, replies in the last hour, who sees what.</summary>
public sealed class QueueFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
    private static readonly TeamView Support = new(1, "Support");
    private static readonly TeamView Ops = new(2, "Ops");
    private static readonly AgentEntry Bilal = new(Guid.NewGuid(), "Bilal Ahmed", AgentStatus.Online, true, 8, true, [Support.Id]);
    private static readonly AgentEntry Hamza = new(Guid.NewGuid(), "Hamza Sheikh", AgentStatus.Away, true, 6, true, [Ops.Id]);
    private int _number = 100;

    private ConversationEntry Conversation(TeamView team, int channel = 1, Guid? owner = null, double? waitingMinutes = null, double? lastInboundHoursAgo = null) =>
        new(Guid.NewGuid(), ++_number, team.Id, channel, channel == 1 ? "Zeenat WhatsApp" : "GadgetBazaar WhatsApp", channel == 1 ? "Zeenat Fashion" : "GadgetBazaar",
            $"Customer {_number}", owner, owner is null ? null : "Owner", ConversationStatus.Open,
            waitingMinutes is { } w ? Now.AddMinutes(-w) : null,
            lastInboundHoursAgo is { } h ? Now.AddHours(-h) : waitingMinutes is { } m ? Now.AddMinutes(-m) : null, 1);

    private static TicketEntry Ticket(ConversationEntry conversation, double dueInMinutes, double warnInMinutes) =>
        new(Guid.NewGuid(), 7, conversation.Id, conversation.TeamId, TicketStatus.Open, null, Now.AddMinutes(warnInMinutes), Now.AddMinutes(dueInMinutes),
            Now.AddHours(10), Now.AddMinutes(-30), 1);

    private static QueueStats Compute(IReadOnlyList<ConversationEntry> conversations, IReadOnlyList<TicketEntry>? tickets = null,
        IReadOnlyList<ReplyEntry>? replies = null, IReadOnlyList<ConversationPresence>? presence = null) =>
        QueueFigures.Compute(new QueueData([Support, Ops], conversations, tickets ?? [], [Bilal, Hamza], replies ?? [], presence ?? []), Now);

    [Fact]
    public void TheNeedsAttentionListShouldPutBreachesFirstThenRisksThenTheLongestUnownedWaitThenTheWindowClosingFirst()
    {
        var waitingLong = Conversation(Support, waitingMinutes: 50);
        var waitingShort = Conversation(Support, waitingMinutes: 5);
        var closingLater = Conversation(Support, owner: Bilal.Id, waitingMinutes: 60, lastInboundHoursAgo: 22.5);
        var closingFirst = Conversation(Support, owner: Bilal.Id, waitingMinutes: 60, lastInboundHoursAgo: 23.5);
        var breachedOwned = Conversation(Ops, owner: Hamza.Id);
        var atRisk = Conversation(Support, owner: Bilal.Id);
        var calm = Conversation(Support, owner: Bilal.Id, waitingMinutes: 2);
        var answeredButClosing = Conversation(Support, owner: Bilal.Id, lastInboundHoursAgo: 23); // nobody waits: nothing urgent

        var stats = Compute([waitingShort, closingLater, calm, waitingLong, atRisk, closingFirst, breachedOwned, answeredButClosing],
            [Ticket(breachedOwned, dueInMinutes: -10, warnInMinutes: -60), Ticket(atRisk, dueInMinutes: 20, warnInMinutes: -5)]);

        Assert.Equal([breachedOwned.Number, atRisk.Number, waitingLong.Number, waitingShort.Number, closingFirst.Number, closingLater.Number],
            stats.Attention.Select(a => a.Number));
        Assert.Equal([AttentionReason.SlaBreached, AttentionReason.SlaAtRisk, AttentionReason.WaitingUnowned, AttentionReason.WaitingUnowned,
            AttentionReason.WindowClosing, AttentionReason.WindowClosing], stats.Attention.Select(a => a.Reason));
        Assert.Equal(Now.AddMinutes(-10), stats.Attention[0].SlaDueAt);
        Assert.Equal("Ops", stats.Attention[0].TeamName);
        Assert.Equal(Now.AddHours(0.5), stats.Attention[4].WindowClosesAt);
    }

    [Fact]
    public void AConversationWithSeveralReasonsShouldBeOneRowUnderItsMostUrgentReason()
    {
        var everything = Conversation(Support, waitingMinutes: 23 * 60 + 30);
        var stats = Compute([everything], [Ticket(everything, dueInMinutes: -1, warnInMinutes: -30)]);

        var row = Assert.Single(stats.Attention);
        Assert.Equal(AttentionReason.SlaBreached, row.Reason);
        Assert.Equal([AttentionReason.SlaBreached, AttentionReason.WaitingUnowned, AttentionReason.WindowClosing], row.Reasons);
    }

    [Fact]
    public void EachTeamShouldContributeAtMostItsMostUrgentRowsSoOneFloodedTeamDoesNotHideAnother()
    {
        var flood = Enumerable.Range(0, QueueStats.AttentionPerTeam + 10).Select(i => Conversation(Support, waitingMinutes: 100 + i)).ToList();
        var opsWaiting = Conversation(Ops, waitingMinutes: 1);

        var stats = Compute([.. flood, opsWaiting]);

        Assert.Equal(QueueStats.AttentionPerTeam, stats.Attention.Count(a => a.TeamId == Support.Id));
        Assert.Equal(flood[^1].Number, stats.Attention[0].Number); // the longest wait of the flood
        Assert.Contains(stats.Attention, a => a.Number == opsWaiting.Number);
    }

    [Fact]
    public void BrandCellsShouldSplitEachTeamsFiguresByChannel()
    {
        var a = Conversation(Support, channel: 1, waitingMinutes: 30);
        var b = Conversation(Support, channel: 2, owner: Bilal.Id, waitingMinutes: 12);
        var c = Conversation(Support, channel: 2);
        var d = Conversation(Ops, channel: 2, waitingMinutes: 45);

        var stats = Compute([a, b, c, d], [Ticket(c, dueInMinutes: -5, warnInMinutes: -20)]);

        var cells = stats.Channels.Select(x => (x.Brand, x.TeamId, x.Open, x.Unassigned, x.Waiting, x.LongestWaitSeconds, x.SlaBreached)).ToList();
        Assert.Equal([("GadgetBazaar", Support.Id, 2, 1, 1, 12 * 60L, 1), ("GadgetBazaar", Ops.Id, 1, 1, 1, 45 * 60L, 0),
            ("Zeenat Fashion", Support.Id, 1, 1, 1, 30 * 60L, 0)], cells.OrderBy(x => x.Brand).ThenByDescending(x => x.TeamId == Support.Id));
        var support = stats.Teams.Single(t => t.TeamId == Support.Id);
        Assert.Equal((3, 2, 2, 30 * 60L, 1), (support.Open, support.Unassigned, support.Waiting, support.LongestWaitSeconds, support.SlaBreached));
    }

    [Fact]
    public void RepliesShouldCountOnlyTheLastHourAndPresenceShouldNameTheConversations()
    {
        var watched = Conversation(Support, owner: Bilal.Id);
        var replies = new[] { 59.9, 30, 1, 60, 61 }.Select(minutes => new ReplyEntry(Guid.NewGuid(), Bilal.Id, Now.AddMinutes(-minutes))).ToList();
        var bilal = new PresentAgent(Bilal.Id, Bilal.Name);
        var hamza = new PresentAgent(Hamza.Id, Hamza.Name);
        var resolvedOne = Guid.NewGuid();
        var presence = new[]
        {
            new ConversationPresence(watched.Id, ConversationAccess.OfTeam(Support.Id), [bilal, hamza], [bilal], null),
            new ConversationPresence(resolvedOne, ConversationAccess.OfTeam(Support.Id), [hamza], [], null),
        };

        var stats = Compute([watched], replies: replies, presence: presence);

        var b = stats.Agents.Single(a => a.AgentId == Bilal.Id);
        Assert.Equal(3, b.RepliesLastHour);
        Assert.Equal([watched.Number], b.Viewing.Select(v => v.Number));
        Assert.Equal([watched.Number], b.Typing.Select(v => v.Number));
        var h = stats.Agents.Single(a => a.AgentId == Hamza.Id);
        Assert.Equal([watched.Number, null], h.Viewing.Select(v => v.Number)); // a conversation resolved meanwhile has no number on the board
    }

    [Fact]
    public void AShiftLeadShouldSeeOnlyTheirTeamsRowsAgentsAndTheConversationsTheirAgentsAreOn()
    {
        var support = Conversation(Support, waitingMinutes: 10);
        var ops = Conversation(Ops, waitingMinutes: 10);
        var both = Bilal with { TeamIds = [Support.Id, Ops.Id] };
        var presence = new[] { new ConversationPresence(ops.Id, ConversationAccess.OfTeam(Ops.Id), [new PresentAgent(both.Id, both.Name)], [], null) };
        var stats = QueueFigures.Compute(new QueueData([Support, Ops], [support, ops], [], [both, Hamza], [], presence), Now);
        var lead = new Actor(Guid.NewGuid(), "Sana Malik", new HashSet<string> { Roles.ShiftLead }, new HashSet<int> { Support.Id });

        var seen = stats.VisibleTo(lead);

        Assert.Equal(["Support"], seen.Teams.Select(t => t.Name));
        Assert.Equal([support.Number], seen.Attention.Select(a => a.Number));
        Assert.All(seen.Channels, c => Assert.Equal(Support.Id, c.TeamId));
        var bilal = Assert.Single(seen.Agents);
        Assert.Empty(bilal.Viewing); // he is in an Ops conversation, which Sana does not lead
        Assert.Equal(stats, stats.VisibleTo(new Actor(Guid.NewGuid(), "Imran Qureshi", new HashSet<string> { Roles.Supervisor }, new HashSet<int>())));
    }
}
