using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Kpi;
using ShuttlePro.Core.Quality;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// KPIs against a scripted morning whose every figure is counted by hand below (T0 = 09:00 UTC = 14:00 in Karachi).
/// </summary>
public sealed class KpiQueriesTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _sana = null!;
    private Actor _omar = null!;
    private Actor _hamza = null!;
    private Actor _imran = null!;
    private DateTimeOffset _t0;

    private KpiQueries Kpi => _app.Get<KpiQueries>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Khan", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _sana = await _app.CreateAgentAsync("Sana Malik", Roles.ShiftLead, _support);
        _omar = await _app.CreateAgentAsync("Omar Farooq", Roles.ShiftLead, _ops);
        _hamza = await _app.CreateAgentAsync("Hamza Raza", Roles.Agent, _ops);
        _imran = await _app.CreateAgentAsync("Imran Qureshi", Roles.Supervisor);
        _t0 = _app.Clock.GetUtcNow();
        await ScriptAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private void At(int minutes) => _app.Clock.SetUtcNow(_t0.AddMinutes(minutes));

    private async Task ScriptAsync()
    {
        var directory = _app.Get<DirectoryService>();
        At(0);
        Ok(await directory.SetStatusAsync(_ayesha, AgentStatus.Online, true));
        var one = (await _app.ReceiveAsync(_channel, "923001110001", "Order ZF-1 kab aayega?", "Nida")).ConversationId;
        At(2);
        Ok(await _app.Conversations.ReplyAsync(_ayesha, one, "Check karti hoon")); // FRT 120 s
        At(3);
        await _app.ReceiveAsync(_channel, "923001110001", "Jaldi batayein", "Nida");
        At(4);
        await _app.ReceiveAsync(_channel, "923001110001", "Hello?", "Nida");
        At(9);
        Ok(await _app.Conversations.ReplyAsync(_ayesha, one, "Kal pohanch jaye ga")); // FRT 360 s (from minute 3)
        At(10);
        Ok(await _app.Get<NoteService>().WriteAsync(_ayesha, one, "TCS says Lahore hub, delivery tomorrow"));
        Ok(await directory.SetStatusAsync(_ayesha, AgentStatus.Away, true));
        At(11);
        var two = (await _app.ReceiveAsync(_channel, "923001110002", "Refund chahiye", "Farhan")).ConversationId;
        At(12);
        Ok(await _app.Conversations.ReplyAsync(_bilal, two, "Order number bataein")); // FRT 60 s
        At(15);
        Ok(await directory.SetStatusAsync(_ayesha, AgentStatus.Online, true)); // away 5 min
        At(20);
        Ok(await _app.Get<HandoffService>().HandOffAsync(_bilal, two, new HandoffTarget(_ayesha.AgentId, null),
            "Refund for order ZF-2, customer sent the number, please process it"));
        At(21);
        await _app.ReceiveAsync(_channel, "923001110002", "ZF-2 hai", "Farhan");
        At(25);
        Ok(await _app.Conversations.ReplyAsync(_ayesha, two, "Refund process ho gaya")); // FRT 240 s
        At(30);
        Ok(await _app.Get<OwnershipService>().TakeOverAsync(_sana, one)); // Ayesha suffers a takeover
        At(40);
        Ok(await _app.Conversations.ResolveAsync(_sana, one)); // resolution 40 min, Sana's
        At(45);
        Ok(await _app.Conversations.ResolveAsync(_ayesha, two)); // resolution 34 min (from minute 11), Ayesha's
        At(50);
        var three = (await _app.ReceiveAsync(_channel, "923001110003", "Parcel damaged", "Kiran")).ConversationId;
        At(51);
        Ok(await _app.Conversations.ReplyAsync(_bilal, three, "Photo bhejein")); // FRT 60 s
        Ok(await _app.Get<TicketService>().EscalateAsync(_bilal, three,
            new EscalateTicket("Complaint", TicketPriority.Urgent, OwnerId: _bilal.AgentId)));
        At(55);
        var firstReply = await SequenceAsync(one, AuditActions.MessageSent);
        Ok(await _app.Get<QaReviewService>().ReviewAsync(_sana, firstReply, 4, "Quick, but say when you will be back"));
        Ok(await _app.Get<QaReviewService>().ReviewAsync(_imran, firstReply, 5, "Good tone"));
        At(56);
        await _app.ReceiveAsync(_channel, "923001110002", "Refund abhi tak nahi aaya", "Farhan"); // reopens two
        At(57);
        Ok(await _app.Conversations.ReplyAsync(_ayesha, two, "Aaj shaam tak aa jaye ga")); // FRT 60 s
        At(59);
        Ok(await _app.Conversations.ResolveAsync(_ayesha, two)); // resolution 3 min (from minute 56)
        At(60);
        Ok(await directory.SetStatusAsync(_ayesha, AgentStatus.Offline, false)); // online 10 + 45 min
        At(300);
        await _app.Get<SlaMonitor>().RecordDueMomentsAsync(); // the urgent ticket missed its first response and its resolution
    }

    private static KpiPeriod Today(DateTimeOffset now) => KpiPeriod.Today(now);

    [Fact]
    public async Task EveryFigureShouldMatchTheHandCount()
    {
        var report = Ok(await Kpi.ComputeAsync(_imran, Today(_app.Clock.GetUtcNow())));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero), report.From); // midnight in Karachi

        var ayesha = Row(report, _ayesha);
        Assert.Equal(new KpiRow(_ayesha.AgentId, null, "Ayesha Khan", ConversationsHandled: 2,
            FirstResponses: 4, FirstResponseMedianSeconds: 180, FirstResponseP90Seconds: 360, // 60 120 | 240 360
            Resolutions: 2, ResolutionMedianSeconds: 1110, ResolutionP90Seconds: 2040, // 180, 2040
            RepliesSent: 4, NotesWritten: 1, HandoffsGiven: 0, HandoffsReceived: 1, Escalations: 0, SlaBreaches: 0, TakeoversSuffered: 1,
            QaReviews: 2, QaScoreAverage: 4.5, OnlineSeconds: 3300, AwaySeconds: 300), ayesha);

        var bilal = Row(report, _bilal);
        Assert.Equal(new KpiRow(_bilal.AgentId, null, "Bilal Ahmed", 2, 2, 60, 60, 0, null, null,
            RepliesSent: 2, NotesWritten: 0, HandoffsGiven: 1, HandoffsReceived: 0, Escalations: 1, SlaBreaches: 2, TakeoversSuffered: 0,
            QaReviews: 0, QaScoreAverage: null, OnlineSeconds: 0, AwaySeconds: 0), bilal);

        var sana = Row(report, _sana);
        Assert.Equal((0, 1, 2400.0, 2400.0), (sana.RepliesSent, sana.Resolutions, sana.ResolutionMedianSeconds, sana.ResolutionP90Seconds));

        // The team pools its agents' samples: first responses 60 60 60 | 120 240 360, resolutions 180 2040 2400.
        var support = Assert.Single(report.Teams, t => t.TeamId == _support.Id);
        Assert.Equal(new KpiRow(null, _support.Id, "Support", ConversationsHandled: 3, FirstResponses: 6, FirstResponseMedianSeconds: 90,
            FirstResponseP90Seconds: 360, Resolutions: 3, ResolutionMedianSeconds: 2040, ResolutionP90Seconds: 2400, RepliesSent: 6,
            NotesWritten: 1, HandoffsGiven: 1, HandoffsReceived: 1, Escalations: 1, SlaBreaches: 2, TakeoversSuffered: 1, QaReviews: 2,
            QaScoreAverage: 4.5, OnlineSeconds: 3300, AwaySeconds: 300), support);

        // Hourly for a day: midnight in Karachi (19:00 UTC) up to 14:00 UTC; everything happened between 09:00 and 10:00 UTC.
        Assert.Equal(KpiPeriod.Hour, report.TrendStep);
        Assert.Equal(19, report.Trend.Count);
        Assert.Equal(report.From, report.Trend[0].Start);
        Assert.Equal(new KpiTrendPoint(_t0, RepliesSent: 6, ConversationsHandled: 3, Resolutions: 3, FirstResponseMedianSeconds: 90),
            Assert.Single(report.Trend, p => p.RepliesSent > 0));
        Assert.Equal(3, report.Total.ConversationsHandled);
        Assert.Equal(90, report.Total.FirstResponseMedianSeconds);
        Assert.Equal([0, 5, 1, 0, 0, 0], report.FirstResponseBuckets.Select(b => b.Count)); // 60 s is in 1–5m, 360 s in 5–15m
    }

    [Fact]
    public async Task APeriodShouldCountOnlyWhatHappenedInsideIt()
    {
        // [T0+5, T0+30): Ayesha's second reply (FRT 360 — its wait began before the period) and her reply in two (240).
        var report = Ok(await Kpi.ComputeAsync(_imran, new KpiPeriod(_t0.AddMinutes(5), _t0.AddMinutes(30)), agentId: _ayesha.AgentId));
        var ayesha = Assert.Single(report.Agents);
        Assert.Equal((2, 2, 300.0, 360.0, 0), (ayesha.RepliesSent, ayesha.FirstResponses, ayesha.FirstResponseMedianSeconds,
            ayesha.FirstResponseP90Seconds, ayesha.TakeoversSuffered));
        Assert.Equal((1, 0, 1), (ayesha.NotesWritten, ayesha.QaReviews, ayesha.HandoffsReceived));
        Assert.Equal((5 + 15) * 60, ayesha.OnlineSeconds); // online 5–10 and 15–30; away 10–15
        Assert.Equal(300, ayesha.AwaySeconds);
        Assert.Empty(report.Teams);
    }

    [Fact]
    public async Task ALongerPeriodShouldTrendByKarachiDay()
    {
        var report = Ok(await Kpi.ComputeAsync(_imran, KpiPeriod.LastDays(7, _app.Clock.GetUtcNow())));
        Assert.Equal(KpiPeriod.Day, report.TrendStep);
        Assert.Equal(7, report.Trend.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 19, 0, 0, TimeSpan.Zero), report.Trend[0].Start);
        Assert.Equal(6, report.Trend[^1].RepliesSent);
        Assert.Equal(0, report.Trend.Take(6).Sum(p => p.RepliesSent));
    }

    [Fact]
    public void MedianAndP90ShouldFollowTheirDefinitions()
    {
        Assert.Null(KpiStatistics.Median([]));
        Assert.Equal(7, KpiStatistics.Median([7]));
        Assert.Equal(15, KpiStatistics.Median([20, 10]));
        Assert.Equal(20, KpiStatistics.Median([30, 10, 20]));
        double[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(9, KpiStatistics.P90(ten)); // ceil(0.9·10) = 9th
        Assert.Equal(10, KpiStatistics.P90([.. ten, 11])); // ceil(0.9·11) = 10th
        Assert.Equal(5, KpiStatistics.P90([5]));
    }

    [Fact]
    public async Task AnAgentShouldSeeOnlyTheirOwnRow()
    {
        var mine = Ok(await Kpi.ComputeAsync(_ayesha, Today(_app.Clock.GetUtcNow())));
        Assert.Equal(_ayesha.AgentId, Assert.Single(mine.Agents).AgentId);
        Assert.Empty(mine.Teams);
        Assert.Equal(ProblemCodes.Forbidden, (await Kpi.ComputeAsync(_ayesha, Today(_app.Clock.GetUtcNow()), agentId: _bilal.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Kpi.ComputeAsync(_ayesha, Today(_app.Clock.GetUtcNow()), teamId: _ops.Id)).Problem?.Code);
    }

    [Fact]
    public async Task AShiftLeadShouldSeeTheirTeamsOnly()
    {
        var now = _app.Clock.GetUtcNow();
        var sana = Ok(await Kpi.ComputeAsync(_sana, Today(now)));
        Assert.Equal(["Ayesha Khan", "Bilal Ahmed", "Sana Malik"], sana.Agents.Select(a => a.Name));
        Assert.Equal(_support.Id, Assert.Single(sana.Teams).TeamId);
        Assert.Equal(ProblemCodes.Forbidden, (await Kpi.ComputeAsync(_sana, Today(now), teamId: _ops.Id)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Kpi.ComputeAsync(_sana, Today(now), agentId: _hamza.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Kpi.ComputeAsync(_omar, Today(now), agentId: _ayesha.AgentId)).Problem?.Code);
        Assert.Equal(["Hamza Raza", "Omar Farooq"], Ok(await Kpi.ComputeAsync(_omar, Today(now))).Agents.Select(a => a.Name));
    }

    [Fact]
    public async Task ABadPeriodOrAnUnknownFilterShouldBeRefused()
    {
        var now = _app.Clock.GetUtcNow();
        Assert.Equal(ProblemCodes.Validation, (await Kpi.ComputeAsync(_imran, new KpiPeriod(now, now.AddHours(-1)))).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await Kpi.ComputeAsync(_imran, new KpiPeriod(now.AddDays(-100), now))).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Kpi.ComputeAsync(_imran, Today(now), teamId: 999)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Kpi.ComputeAsync(_imran, Today(now), agentId: Guid.NewGuid())).Problem?.Code);
    }

    private static KpiRow Row(KpiReport report, Actor agent) => Assert.Single(report.Agents, r => r.AgentId == agent.AgentId);

    private async Task<long> SequenceAsync(Guid conversationId, string action)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId && a.Action == action).MinAsync(a => a.Sequence);
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, result.Problem?.Message);
        return result.Value!;
    }
}
