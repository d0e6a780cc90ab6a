using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Queues;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary><c>GET /api/v1/queues/stats</c> and the hub's <c>queue.stats</c> on the demo data: the shape, who sees what, and live delivery.</summary>
public sealed class QueuesApiTests(ShuttleServerFactory app) : IClassFixture<ShuttleServerFactory>
{
    private const string Imran = "imran@shuttlepro.test"; // supervisor
    private const string Admin = "admin@shuttlepro.test";
    private const string Sana = "sana@shuttlepro.test";   // shift lead, Support and Ops
    private const string Ayesha = "ayesha@shuttlepro.test";

    private static readonly string[] TeamFields =
        ["teamId", "name", "open", "unassigned", "waiting", "longestWaitSeconds", "windowClosingSoon", "slaAtRisk", "slaBreached"];

    private static readonly string[] AgentFields = ["agentId", "name", "status", "onShift", "ownedOpen", "capacity"];

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task SupervisorsAndAdminsShouldSeeEveryTeamAndAgentInTheContractShape()
    {
        var teams = await app.Get<DirectoryService>().ListTeamsAsync();
        var agents = await app.Get<DirectoryService>().ListAgentsAsync();
        foreach (var email in new[] { Imran, Admin })
        {
            using var client = await app.ClientForAsync(email);
            var stats = await OkAsync(await client.GetAsync("/api/v1/queues/stats"));

            Assert.Equal(["teams", "agents"], Names(stats));
            Assert.Equal(teams.Select(t => t.Id).Order(), stats.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("teamId").GetInt32()).Order());
            Assert.Equal(agents.Select(a => a.Id).Order(), stats.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetGuid()).Order());
            Assert.All(stats.GetProperty("teams").EnumerateArray(), t => Assert.Equal(TeamFields, Names(t)));
            Assert.All(stats.GetProperty("agents").EnumerateArray(), a => Assert.Equal(AgentFields, Names(a)));
        }
    }

    [Fact]
    public async Task TheFiguresShouldMatchTheDatabase()
    {
        using var imran = await app.ClientForAsync(Imran);
        var stats = await OkAsync(await imran.GetAsync("/api/v1/queues/stats"));
        var expected = await app.Get<QueueStatsCalculator>().ComputeAsync();

        foreach (var team in stats.GetProperty("teams").EnumerateArray())
        {
            var want = expected.Teams.Single(t => t.TeamId == team.GetProperty("teamId").GetInt32());
            Assert.Equal((want.Open, want.Unassigned, want.Waiting, want.WindowClosingSoon),
                (team.GetProperty("open").GetInt32(), team.GetProperty("unassigned").GetInt32(), team.GetProperty("waiting").GetInt32(),
                    team.GetProperty("windowClosingSoon").GetInt32()));
        }
        Assert.Contains(stats.GetProperty("teams").EnumerateArray(), t => t.GetProperty("open").GetInt32() > 0);
        foreach (var agent in stats.GetProperty("agents").EnumerateArray())
            Assert.Equal(expected.Agents.Single(a => a.AgentId == agent.GetProperty("agentId").GetGuid()).OwnedOpen, agent.GetProperty("ownedOpen").GetInt32());
    }

    [Fact]
    public async Task AShiftLeadShouldSeeTheirTeamsAndTheirAgentsOnly()
    {
        var directory = app.Get<DirectoryService>();
        var sana = (await directory.ListAgentsAsync()).Single(a => a.Email == Sana);
        var led = sana.Teams.Select(t => t.Id).ToHashSet();
        var agents = (await directory.ListAgentsAsync()).Where(a => a.Teams.Any(t => led.Contains(t.Id))).Select(a => a.Id).Order();

        using var client = await app.ClientForAsync(Sana);
        var stats = await OkAsync(await client.GetAsync("/api/v1/queues/stats"));

        Assert.Equal(led.Order(), stats.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("teamId").GetInt32()).Order());
        Assert.Equal(agents, stats.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetGuid()).Order());
    }

    [Fact]
    public async Task AnAgentShouldBeRefused()
    {
        using var ayesha = await app.ClientForAsync(Ayesha);
        await ProblemAsync(await ayesha.GetAsync("/api/v1/queues/stats"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ASupervisorsHubConnectionShouldGetQueueStatsAfterACustomerMessageAndAnAgentsShouldNot()
    {
        await using var imran = new HubClient(app.BaseAddress, await app.TokenAsync(Imran));
        await using var ayesha = new HubClient(app.BaseAddress, await app.TokenAsync(Ayesha));
        await imran.StartAsync();
        await ayesha.StartAsync();
        var channel = ShuttlePro.Core.Demo.DemoScript.Channels[0];

        var inbound = await app.Get<ConversationService>().ReceiveAsync(new(channel.PhoneNumberId, "923009990001", "Queue Watcher",
            $"wamid.queue.{Guid.NewGuid():N}", MessageType.Text, "Mera order kab aye ga?", DateTimeOffset.UtcNow));
        Assert.True(inbound.Succeeded);
        int teamId;
        await using (var db = await app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync())
            teamId = await db.Conversations.Where(c => c.Id == inbound.Value.ConversationId).Select(c => c.TeamId).SingleAsync();
        var open = (await app.Get<QueueStatsCalculator>().ComputeAsync()).Teams.Single(t => t.TeamId == teamId).Open;

        var stats = await imran.WaitForAsync(e => e.GetProperty("type").GetString() == "queue.stats"
                                                 && e.GetProperty("data").GetProperty("teams").EnumerateArray()
                                                     .Any(t => t.GetProperty("teamId").GetInt32() == teamId && t.GetProperty("open").GetInt32() == open));
        Assert.Equal(["teams", "agents"], Names(stats.GetProperty("data")));

        // An event Ayesha may see, published after: everything before it has reached her, and no queue.stats was among it.
        var directory = app.Get<DirectoryService>();
        var me = (await directory.ListAgentsAsync()).Single(a => a.Email == Ayesha);
        await directory.SetStatusAsync(DirectoryService.ToActor(me), AgentStatus.Away, onShift: true);
        await ayesha.WaitForAsync(e => e.GetProperty("type").GetString() == "agent.status");
        Assert.DoesNotContain(ayesha.Received, e => e.GetProperty("type").GetString() == "queue.stats");
    }
}
