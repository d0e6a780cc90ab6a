using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Web.Components.Pages.Queue;
using ShuttlePro.Web.Store.QueueFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The live queue page: figures per team and brand, live updates that flash, the team filter, wall mode, and the attention rows.</summary>
public sealed class QueuePageTests : ComponentTestContext
{
    private static readonly TeamView Ops = new(2, "Ops");
    private static readonly Guid BilalId = Guid.NewGuid();
    private static readonly Guid HamzaId = Guid.NewGuid();
    private static readonly Guid Waiting = Guid.NewGuid();

    private static QueueStats Stats(int supportUnassigned = 3, DateTimeOffset? at = null, int bilalOwned = 4) => new(at ?? Now,
        [new TeamQueueStats(Ops.Id, "Ops", 2, 1, 1, 600, 0, 0, 1), new TeamQueueStats(Support.Id, "Support", 12, supportUnassigned, 5, 1500, 2, 1, 0)],
        [
            new AgentQueueStats(BilalId, "Bilal Ahmed", AgentStatus.Online, true, bilalOwned, 8, [Support.Id], 6,
                [new ConversationRef(Waiting, 1042, Support.Id)], []),
            new AgentQueueStats(HamzaId, "Hamza Sheikh", AgentStatus.Away, true, 2, 6, [Ops.Id], 1, [], []),
        ],
        [
            new ChannelQueueStats(Support.Id, 1, "Zeenat WhatsApp", "Zeenat Fashion", 7, 2, 3, 1500, 1, 1, 0),
            new ChannelQueueStats(Ops.Id, 1, "Zeenat WhatsApp", "Zeenat Fashion", 2, 1, 1, 600, 0, 0, 1),
            new ChannelQueueStats(Support.Id, 2, "GadgetBazaar WhatsApp", "GadgetBazaar", 5, 1, 2, 300, 1, 0, 0),
        ],
        [
            new AttentionItem(Guid.NewGuid(), 1040, Ops.Id, "Ops", "Zeenat WhatsApp", "Zeenat Fashion", "Rabia Shah", HamzaId, "Hamza Sheikh",
                AttentionReason.SlaBreached, [AttentionReason.SlaBreached], null, null, 12, Now.AddMinutes(-15), [], []),
            new AttentionItem(Waiting, 1042, Support.Id, "Support", "Zeenat WhatsApp", "Zeenat Fashion", "Farhan Qureshi", null, null,
                AttentionReason.WaitingUnowned, [AttentionReason.WaitingUnowned], Now.AddMinutes(-25), Now.AddHours(20), null, null,
                [new PresentAgent(BilalId, "Bilal Ahmed")], []),
        ]);

    private IRenderedComponent<QueuePage> RenderLoaded(string address = "/queue")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var cut = Render<QueuePage>();
        Assert.Single(Dispatched.OfType<LoadQueueAction>());
        Store.Dispatch(new QueueLoadedAction(Stats()));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=queue-loaded]")));
        return cut;
    }

    private static string Figure(IRenderedComponent<QueuePage> cut, string team, string figure) =>
        cut.Find($"[data-testid=queue-team][data-name='{team}'] [data-testid=queue-figure][data-figure='{figure}']").TextContent;

    [Fact]
    public void ShouldShowEachTeamsFiguresTheAgentsAndTheBrandsSummedOverTeams()
    {
        var cut = RenderLoaded();

        Assert.Equal(["Ops", "Support"], cut.FindAll("[data-testid=queue-team]").Select(t => t.GetAttribute("data-name")));
        Assert.Equal(("12", "3", "5", "25m", "2", "1", "0"), (Figure(cut, "Support", "open"), Figure(cut, "Support", "unassigned"),
            Figure(cut, "Support", "waiting"), Figure(cut, "Support", "longest"), Figure(cut, "Support", "window"), Figure(cut, "Support", "slaAtRisk"),
            Figure(cut, "Support", "slaBreached")));
        var bilal = cut.Find($"[data-testid=queue-agent-row][data-agent-id='{BilalId}']");
        Assert.Contains("Online · on shift", bilal.TextContent);
        Assert.Contains("#1042", bilal.QuerySelector("[data-testid=queue-agent-presence]")!.TextContent);
        var zeenat = cut.FindAll("[data-testid=queue-channel-row]").Single(r => r.GetAttribute("data-channel-id") == "1");
        Assert.Equal(["Zeenat Fashion · Zeenat WhatsApp", "9", "3", "4", "25m", "1", "1", "1"], zeenat.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void ALiveUpdateShouldChangeTheFiguresAndFlashOnlyWhatChanged()
    {
        var cut = RenderLoaded();
        Assert.Empty(cut.FindAll(".qb-worse, .qb-better")); // nothing flashes on first sight

        Store.Dispatch(new LiveQueueStatsAction(Stats(supportUnassigned: 4, at: Now.AddSeconds(1), bilalOwned: 3)));

        cut.WaitForAssertion(() => Assert.Equal("4", Figure(cut, "Support", "unassigned")));
        var unassigned = cut.Find("[data-testid=queue-team][data-name='Support'] [data-figure='unassigned']");
        Assert.Contains("qb-worse", unassigned.ClassList);
        var owned = cut.Find($"[data-testid=queue-agent-row][data-agent-id='{BilalId}'] [data-figure='owned']");
        Assert.Equal("3", owned.TextContent);
        Assert.Contains("qb-better", owned.ClassList);
        Assert.DoesNotContain("qb-worse", cut.Find("[data-testid=queue-team][data-name='Support'] [data-figure='open']").ClassList);
    }

    [Fact]
    public void FiguresOlderThanTheOnesShownShouldBeDropped()
    {
        var cut = RenderLoaded();
        Store.Dispatch(new LiveQueueStatsAction(Stats(supportUnassigned: 9, at: Now.AddSeconds(-5))));

        Assert.Equal("3", Figure(cut, "Support", "unassigned"));
        Assert.Equal(Now, State<QueueState>().Stats!.At);
    }

    [Fact]
    public void TheAttentionListShouldSayWhyWhoAndForHowLong()
    {
        var cut = RenderLoaded();

        var rows = cut.FindAll("[data-testid=queue-attention-row]");
        Assert.Equal(["1040", "1042"], rows.Select(r => r.GetAttribute("data-number")));
        Assert.Contains("SLA breached", rows[0].TextContent);
        Assert.Contains("T-12 overdue 15m", rows[0].TextContent);
        Assert.Contains("nobody on it", rows[0].TextContent);
        Assert.Contains("Waiting, unowned", rows[1].TextContent);
        Assert.Contains("waiting 25m", rows[1].TextContent);
        Assert.Contains("Bilal", rows[1].QuerySelector("[data-testid=queue-attention-viewers]")!.TextContent);
        Assert.Equal($"/inbox/{Waiting}", rows[1].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void ChoosingATeamShouldNarrowEverySectionToIt()
    {
        var cut = RenderLoaded($"/queue?team={Ops.Id}");

        Assert.Equal(["Ops"], cut.FindAll("[data-testid=queue-team]").Select(t => t.GetAttribute("data-name")));
        Assert.Equal(["1040"], cut.FindAll("[data-testid=queue-attention-row]").Select(r => r.GetAttribute("data-number")));
        Assert.Equal(["Hamza Sheikh"], cut.FindAll("[data-testid=queue-agent-row]").Select(r => r.GetAttribute("data-name")));
        Assert.Equal(["1"], cut.FindAll("[data-testid=queue-channel-row]").Select(r => r.GetAttribute("data-channel-id")));
        Assert.Contains("Live queue · Ops", cut.Find("h5").TextContent);
    }

    [Fact]
    public void WallModeShouldFillTheScreenAndBeKeptInTheAddress()
    {
        var cut = RenderLoaded();
        Assert.DoesNotContain("qb-wall", cut.Find("[data-testid=queue-page]").ClassList);

        cut.Find("[data-testid=queue-wall-toggle]").Click();

        var address = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.True(address.EndsWith("/queue?wall=true"), address);
        cut.WaitForAssertion(() => Assert.Contains("qb-wall", cut.Find("[data-testid=queue-page]").ClassList));
        Assert.Empty(cut.FindAll("[data-testid=queue-channels]")); // the wall keeps to the big figures
        JSInterop.VerifyInvoke("shuttle.fullscreen");
    }
}
