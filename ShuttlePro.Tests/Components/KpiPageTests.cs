using Bunit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Kpi;
using ShuttlePro.Web.Components.Pages.Kpi;
using ShuttlePro.Web.Store.KpiFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The KPI page: what it asks the store for, the table with its team rows, sorting, filters by role, and the export link.</summary>
public sealed class KpiPageTests : ComponentTestContext
{
    private static KpiRow Row(string name, int replies, double? firstResponseMedian, Guid? agentId = null, int? teamId = null) =>
        new(agentId ?? (teamId is null ? Guid.NewGuid() : null), teamId, name, replies, replies, firstResponseMedian, firstResponseMedian, 1, 3600, 5400,
            replies, 2, 1, 0, 0, 1, 0, 1, 4.5, 3300, 300);

    private static KpiReport Report(KpiPeriod period, params KpiRow[] agents) => new(period.From, period.To, KpiPeriod.TimeZoneId, agents,
        [Row("Support", agents.Sum(a => a.RepliesSent), 90, teamId: Support.Id)], Row("All agents", agents.Sum(a => a.RepliesSent), 90),
        period.TrendStep, [new KpiTrendPoint(period.From, 3, 2, 1, 60)], [new KpiBucket("< 1m", 1), new KpiBucket("1–5m", 2)]);

    private (IRenderedComponent<KpiPage> Page, KpiRequest Request) RenderLoaded(params KpiRow[] agents)
    {
        var cut = Render<KpiPage>();
        var request = Dispatched.OfType<LoadKpiAction>().Last().Request;
        Store.Dispatch(new KpiLoadedAction(request, Report(request.Period, agents)));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=kpi-row]")));
        return (cut, request);
    }

    [Fact]
    public void ASupervisorShouldSeeEveryAgentWithTimesInMinutesAndTheTeamRow()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var (cut, request) = RenderLoaded(Row("Bilal Ahmed", 7, 200), Row("Ayesha Siddiqui", 4, 45));

        Assert.Equal(KpiPeriod.Today(Now), request.Period);
        Assert.Equal((null, null), (request.TeamId, request.AgentId));
        Assert.Equal(["Ayesha Siddiqui", "Bilal Ahmed"], cut.FindAll("[data-testid=kpi-row]").Select(r => r.TextContent));
        var bilal = cut.FindAll("tbody tr")[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Bilal Ahmed", "7", "7", "3m 20s", "3m 20s", "1", "1h 00m", "1h 30m", "2", "1 / 0", "0", "1", "0", "4.5", "55m 00s", "5m 00s"], bilal);
        Assert.Equal("Support team", cut.Find("[data-testid=kpi-team-row]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=kpi-filter-team]"));
        Assert.NotNull(cut.Find("[data-testid=kpi-filter-agent]"));
        Assert.Equal("Agent KPIs", cut.Find("h5").TextContent);
    }

    [Fact]
    public void SortingByRepliesShouldReorderTheAgents()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var (cut, _) = RenderLoaded(Row("Ayesha Siddiqui", 4, 45), Row("Bilal Ahmed", 7, 200), Row("Zara Hussain", 1, 30));

        cut.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("Replies")).Click();

        cut.WaitForAssertion(() => Assert.Equal(["Zara Hussain", "Ayesha Siddiqui", "Bilal Ahmed"],
            cut.FindAll("[data-testid=kpi-row]").Select(r => r.TextContent)));
    }

    [Fact]
    public void AnAgentShouldSeeTheirOwnFiguresWithoutFilters()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        var (cut, _) = RenderLoaded(Row("Ayesha Siddiqui", 4, 45, me.Id));

        Assert.Equal("My KPIs", cut.Find("h5").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=kpi-filter-team]"));
        Assert.Empty(cut.FindAll("[data-testid=kpi-filter-agent]"));
    }

    [Fact]
    public void ChoosingSevenDaysShouldAskForTheLastSevenKarachiDaysAndMoveTheExportLink()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var (cut, _) = RenderLoaded(Row("Bilal Ahmed", 7, 200));

        cut.Find("[data-testid=kpi-range-7d]").Click();

        var request = Dispatched.OfType<LoadKpiAction>().Last().Request;
        Assert.Equal(KpiPeriod.LastDays(7, Now), request.Period);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 19, 0, 0, TimeSpan.Zero), request.Period.From);
        var href = cut.Find("[data-testid=kpi-export]").GetAttribute("href");
        Assert.Equal($"/api/v1/kpi/export?from={Uri.EscapeDataString(request.Period.From.ToString("O"))}&to={Uri.EscapeDataString(Now.ToString("O"))}", href);
    }

    [Fact]
    public void ARefusalShouldBeShown()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var cut = Render<KpiPage>();
        var request = Dispatched.OfType<LoadKpiAction>().Last().Request;

        Store.Dispatch(new KpiLoadFailedAction(request, Problem.Forbidden("You lead other teams.")));

        cut.WaitForAssertion(() => Assert.Equal("You lead other teams.", cut.Find("[data-testid=kpi-problem]").TextContent.Trim()));
    }

    [Fact]
    public void AnAnswerToAnOlderRequestShouldBeDropped()
    {
        var period = KpiPeriod.Today(Now);
        var older = new KpiRequest(period);
        var newer = new KpiRequest(period, TeamId: 1);
        var state = KpiReducers.OnLoad(KpiReducers.OnLoad(KpiState.Initial, new LoadKpiAction(older)), new LoadKpiAction(newer));

        var after = KpiReducers.OnLoaded(state, new KpiLoadedAction(older, Report(period)));

        Assert.Same(state, after);
        Assert.True(after.Loading);
        var loaded = KpiReducers.OnLoaded(state, new KpiLoadedAction(newer, Report(period)));
        Assert.False(loaded.Loading);
        Assert.NotNull(loaded.Report);
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(45.0, "45s")]
    [InlineData(200.0, "3m 20s")]
    [InlineData(3600.0, "1h 00m")]
    [InlineData(90061.0, "1d 1h")]
    public void DurationsShouldReadLikeAClock(double? seconds, string expected) => Assert.Equal(expected, KpiFormat.Duration(seconds));
}
