using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Queues;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The live queue figures: kept from live events, equal to a reconciliation from the database, time-based figures, visibility.</summary>
public sealed class QueueStatsTests : IAsyncLifetime
{
    private readonly FakeChannelSender _sender = new();
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;
    private Actor _sana = null!;
    private Actor _zara = null!;

    private QueueStatsTracker Tracker => _app.Get<QueueStatsTracker>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(services => services.Replace(ServiceDescriptor.Singleton<IChannelSender>(_sender)));
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza Sheikh", Roles.Agent, _ops);
        _sana = await _app.CreateAgentAsync("Sana Malik", Roles.ShiftLead, _support);
        _zara = await _app.CreateAgentAsync("Zara Khan", Roles.Supervisor);
        await Tracker.ReconcileAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Json(QueueStats stats) => JsonSerializer.Serialize(stats);

    /// <summary>Waits (on the tracker's change signal, not a clock) until the live figures equal the database's.</summary>
    private async Task AssertTrackerMatchesDatabaseAsync()
    {
        var expected = Json(await _app.Get<QueueStatsCalculator>().ComputeAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = Tracker.NextChange;
            var actual = Json(Tracker.Snapshot());
            if (actual == expected) return;
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public async Task CountersMaintainedFromLiveEventsMatchAReconciliationFromTheDatabaseAfterARandomSequenceOfOperations()
    {
        var random = new Random(8);
        var ids = new List<Guid>();
        var agents = new[] { _ayesha, _bilal, _hamza };
        var handoffs = _app.Get<HandoffService>();
        var ownership = _app.Get<OwnershipService>();
        var tickets = _app.Get<TicketService>();
        var collaboration = _app.Get<CollaborationService>();
        var succeeded = 0;
        var covered = new HashSet<string>();
        for (var step = 0; step < 120; step++)
        {
            if (ids.Count == 0 || random.Next(5) == 0)
            {
                var inbound = await _app.ReceiveAsync(_channel, $"9230000{random.Next(15):D4}", $"Order ZF-{step} kahan hai?");
                if (!ids.Contains(inbound.ConversationId)) ids.Add(inbound.ConversationId);
                continue;
            }
            var id = ids[random.Next(ids.Count)];
            var agent = agents[random.Next(agents.Length)];
            var session = $"tab-{agent.AgentId:N}-{random.Next(2)}";
            IResultLike result = random.Next(14) switch
            {
                0 => Wrap(await ownership.TakeAsync(agent, id)),
                1 => Wrap(await _app.Conversations.ReplyAsync(agent, id, "Ji, dekh rahe hain")),
                2 => Wrap(await ownership.ReleaseAsync(agent, id)),
                3 => Wrap(await ownership.AssignAsync(_sana, id, agent.AgentId)),
                4 => Wrap(await _app.Conversations.ResolveAsync(_zara, id)),
                5 => Wrap(await _app.Conversations.ReopenAsync(_zara, id)),
                6 => Wrap(await handoffs.HandOffAsync(_zara, id, new HandoffTarget(null, random.Next(2) == 0 ? _ops.Id : _support.Id),
                    "Courier check: TCS says delivered, customer says no. Next: call TCS.")),
                7 => Wrap(await tickets.EscalateAsync(_zara, id, new EscalateTicket("Complaint", TicketPriority.High))),
                8 => Wrap(await _app.Get<DirectoryService>().SetStatusAsync(agent, (AgentStatus)random.Next(3), random.Next(2) == 0)),
                9 => Wrap(await _app.Conversations.MarkPendingAsync(_zara, id)),
                10 => Wrap(await collaboration.WatchAsync(agent, session, id)),
                11 => Wrap(await collaboration.TypingAsync(agent, session, id, random.Next(3) > 0)),
                12 => await DisconnectAsync(session),
                _ => await AdvanceAsync(TimeSpan.FromMinutes(random.Next(1, 240))),
            };
            if (result.Succeeded) succeeded++;
            if (step % 20 == 19) await CheckpointAsync();
        }
        Assert.True(succeeded > 40, $"only {succeeded} operations succeeded: the sequence exercises too little");

        await CheckpointAsync();
        Assert.Equal(1, Tracker.Reconciliations); // kept from events alone since the start

        // The sequence reached every kind of figure at some checkpoint, so the equalities compared something in each.
        Assert.Equal(["attention", "channels", "open", "replies", "sla", "typing", "viewing"], covered.Order()); // windows: the next test

        async Task CheckpointAsync()
        {
            await AssertTrackerMatchesDatabaseAsync();
            var stats = Tracker.Snapshot();
            if (stats.Teams.Sum(t => t.Open) > 0) covered.Add("open");
            if (stats.Teams.Sum(t => t.SlaAtRisk + t.SlaBreached) > 0) covered.Add("sla");
            if (stats.Agents.Any(a => a.RepliesLastHour > 0)) covered.Add("replies");
            if (stats.Agents.Any(a => a.Viewing.Count > 0)) covered.Add("viewing");
            if (stats.Agents.Any(a => a.Typing.Count > 0)) covered.Add("typing");
            if (stats.Attention.Count > 0) covered.Add("attention");
            if (stats.Channels.Count > 0) covered.Add("channels");
        }
    }

    private interface IResultLike
    {
        bool Succeeded { get; }
    }

    private sealed record Outcome(bool Succeeded) : IResultLike;

    private static IResultLike Wrap<T>(Result<T> result) => new Outcome(result.Succeeded);

    /// <summary>Time passes; presence that expired meanwhile is swept, as the app's presence sweeper does every few seconds.</summary>
    private async Task<IResultLike> AdvanceAsync(TimeSpan by)
    {
        _app.Clock.Advance(by);
        await _app.Get<IPresenceTracker>().SweepAsync();
        return new Outcome(true);
    }

    private async Task<IResultLike> DisconnectAsync(string session)
    {
        await _app.Get<CollaborationService>().DisconnectAsync(session);
        return new Outcome(true);
    }

    [Fact]
    public async Task TimeBasedFiguresFollowTheClockWithoutEvents()
    {
        var receivedAt = _app.Clock.GetUtcNow();
        var inbound = await _app.ReceiveAsync(_channel, "923001234567", "Parcel nahi aya");
        var ticket = await _app.Get<TicketService>().EscalateAsync(_zara, inbound.ConversationId, new EscalateTicket("Complaint", TicketPriority.High));
        Assert.True(ticket.Succeeded, ticket.Problem?.Message);
        await AssertTrackerMatchesDatabaseAsync();
        var support = Tracker.Snapshot().Teams.Single(t => t.TeamId == _support.Id);
        Assert.Equal((1, 1, 1, 0L, 0, 0, 0), (support.Open, support.Unassigned, support.Waiting, support.LongestWaitSeconds,
            support.WindowClosingSoon, support.SlaAtRisk, support.SlaBreached));

        _app.Clock.Advance(TimeSpan.FromHours(23));
        // The whole picture first, so a mismatch shows every figure of both sides.
        Assert.Equal(Json(await _app.Get<QueueStatsCalculator>().ComputeAsync()), Json(Tracker.Snapshot()));
        support = Tracker.Snapshot().Teams.Single(t => t.TeamId == _support.Id);
        Assert.Equal((long)TimeSpan.FromHours(23).TotalSeconds, support.LongestWaitSeconds);
        Assert.Equal(1, support.WindowClosingSoon);
        Assert.Equal(ticket.Value.SlaAt(_app.Clock.GetUtcNow()) == SlaState.Breached ? 1 : 0, support.SlaBreached);

        _app.Clock.Advance(TimeSpan.FromHours(2)); // the window has closed: no longer "closing soon"
        support = Tracker.Snapshot().Teams.Single(t => t.TeamId == _support.Id);
        Assert.Equal(0, support.WindowClosingSoon);
        Assert.Equal((long)(_app.Clock.GetUtcNow() - receivedAt).TotalSeconds, support.LongestWaitSeconds);
        Assert.Equal(1, support.SlaBreached);
    }

    [Fact]
    public async Task SupervisorsSeeEveryTeamShiftLeadsTheirTeamsAndAgentsNothing()
    {
        var inbound = await _app.ReceiveAsync(_channel, "923007654321", "Return kaise karun?");
        await ownershipTakeAsync(inbound.ConversationId);
        await AssertTrackerMatchesDatabaseAsync();

        var all = Tracker.Current(_zara);
        Assert.True(all.Succeeded);
        Assert.Equal(["Ops", "Support"], all.Value.Teams.Select(t => t.Name));
        Assert.Contains(all.Value.Agents, a => a.AgentId == _hamza.AgentId);
        Assert.Equal(1, all.Value.Agents.Single(a => a.AgentId == _ayesha.AgentId).OwnedOpen);

        var lead = Tracker.Current(_sana);
        Assert.True(lead.Succeeded);
        Assert.Equal(["Support"], lead.Value.Teams.Select(t => t.Name));
        Assert.Equal(["Ayesha Siddiqui", "Bilal Ahmed", "Sana Malik"], lead.Value.Agents.Select(a => a.Name));

        var agent = Tracker.Current(_ayesha);
        Assert.False(agent.Succeeded);
        Assert.Equal(ProblemCodes.Forbidden, agent.Problem.Code);
    }

    private async Task ownershipTakeAsync(Guid conversationId) =>
        Assert.True((await _app.Get<OwnershipService>().TakeAsync(_ayesha, conversationId)).Succeeded);

    [Fact]
    public async Task ABurstOfChangesBecomesAFewCoalescedPublications()
    {
        var published = new List<QueueStatsChanged>();
        var seen = new SemaphoreSlim(0);
        using var subscription = _app.Get<ShuttlePro.Core.Live.ILiveEvents>().Subscribe(e => e is QueueStatsChanged, (e, _) =>
        {
            lock (published) published.Add((QueueStatsChanged)e);
            seen.Release();
            return ValueTask.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var publisher = _app.Get<QueueStatsPublisher>().RunAsync(stop.Token);

        for (var i = 0; i < 20; i++) await _app.ReceiveAsync(_channel, $"92301111{i:D4}", "Salam");
        await AssertTrackerMatchesDatabaseAsync();
        await seen.WaitAsync(TimeSpan.FromSeconds(10));
        // The clock has not moved: the publisher is still inside its minimum interval, so at most one went out.
        lock (published) Assert.Single(published);

        _app.Clock.Advance(QueueStatsPublisher.MinInterval);
        Assert.True(await seen.WaitAsync(TimeSpan.FromSeconds(10)), "the coalesced update after the interval never came");
        lock (published)
        {
            Assert.Equal(2, published.Count);
            Assert.Equal(20, published[^1].Stats.Teams.Single(t => t.TeamId == _support.Id).Open); // the latest state wins
        }
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher);
    }
}
