using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>The KPI API contract on the demo data: figures that match a count made here straight from the database, and who may ask.</summary>
public sealed class KpiApiTests(ShuttleServerFactory app) : IClassFixture<ShuttleServerFactory>
{
    private const string Imran = "imran@shuttlepro.test"; // supervisor
    private const string Sana = "sana@shuttlepro.test";   // shift lead, Support and Ops
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Bilal = "bilal@shuttlepro.test";

    private static string Query(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    [Fact]
    public async Task TheDemoFiguresShouldMatchAHandCountFromTheDatabase()
    {
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var from = to.AddDays(-7);
        using var imran = await app.ClientForAsync(Imran);
        var report = await OkAsync(await imran.GetAsync($"/api/v1/kpi/report?{Query(from, to)}"));

        await using var db = await app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var replies = await db.Messages.Where(m => m.Direction == MessageDirection.Outbound && m.AuthorId != null)
            .Select(m => new { m.AuthorId, m.ConversationId, m.CreatedAt }).ToListAsync();
        replies = replies.Where(m => m.CreatedAt >= from && m.CreatedAt < to).ToList();
        var notes = (await db.Notes.Select(n => new { n.AuthorId, n.CreatedAt }).ToListAsync()).Where(n => n.CreatedAt >= from && n.CreatedAt < to).ToList();
        var handoffs = await db.Handoffs.Select(h => new { h.FromAgentId, h.ByAgentId, h.ToAgentId }).ToListAsync();
        var resolved = (await db.AuditEvents.Where(a => a.Action == AuditActions.ConversationResolved).Select(a => new { a.ActorId, a.At }).ToListAsync())
            .Where(a => a.At >= from && a.At < to).ToList();

        var agents = report.GetProperty("agents").EnumerateArray().ToList();
        Assert.Contains(agents, a => a.GetProperty("repliesSent").GetInt32() > 0);
        foreach (var agent in agents)
        {
            var id = agent.GetProperty("agentId").GetGuid();
            var name = agent.GetProperty("name").GetString();
            Assert.True(replies.Count(r => r.AuthorId == id) == agent.GetProperty("repliesSent").GetInt32(), $"replies of {name}");
            Assert.True(replies.Where(r => r.AuthorId == id).Select(r => r.ConversationId).Distinct().Count()
                        == agent.GetProperty("conversationsHandled").GetInt32(), $"handled by {name}");
            Assert.True(notes.Count(n => n.AuthorId == id) == agent.GetProperty("notesWritten").GetInt32(), $"notes of {name}");
            Assert.True(handoffs.Count(h => (h.FromAgentId ?? h.ByAgentId) == id) == agent.GetProperty("handoffsGiven").GetInt32(), $"handoffs of {name}");
            Assert.True(handoffs.Count(h => h.ToAgentId == id) == agent.GetProperty("handoffsReceived").GetInt32(), $"handoffs to {name}");
            // The demo's conversations are resolved by their owners.
            Assert.True(resolved.Count(r => r.ActorId == id) == agent.GetProperty("resolutions").GetInt32(), $"resolutions of {name}");
        }
        var support = report.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Support");
        Assert.True(support.GetProperty("repliesSent").GetInt32() > 0);
        Assert.Equal(agents.Sum(a => a.GetProperty("repliesSent").GetInt32()),
            report.GetProperty("trend").EnumerateArray().Sum(d => d.GetProperty("repliesSent").GetInt32()));
        Assert.Equal(report.GetProperty("firstResponseBuckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()),
            agents.Sum(a => a.GetProperty("firstResponses").GetInt32()));
    }

    [Fact]
    public async Task AnAgentShouldGetTheirOwnRowAndForbiddenForAnyoneElse()
    {
        using var ayesha = await app.ClientForAsync(Ayesha);
        var mine = await OkAsync(await ayesha.GetAsync("/api/v1/kpi/report"));
        var row = Assert.Single(mine.GetProperty("agents").EnumerateArray());
        Assert.Equal("Ayesha Siddiqui", row.GetProperty("name").GetString());
        Assert.Empty(mine.GetProperty("teams").EnumerateArray());
        Assert.Equal("Asia/Karachi", mine.GetProperty("timeZone").GetString());

        using var imran = await app.ClientForAsync(Imran);
        var bilalId = (await imran.GetFromJsonAsync<JsonElement>("/api/v1/kpi/report")).GetProperty("agents").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == "Bilal Ahmed").GetProperty("agentId").GetString();
        await ProblemAsync(await ayesha.GetAsync($"/api/v1/kpi?agentId={bilalId}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await ayesha.GetAsync($"/api/v1/kpi/export?agentId={bilalId}"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AShiftLeadShouldSeeTheAgentsOfTheirTeams()
    {
        using var sana = await app.ClientForAsync(Sana);
        var report = await OkAsync(await sana.GetAsync("/api/v1/kpi/report"));
        var names = report.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Contains("Bilal Ahmed", names);
        Assert.Contains("Hamza Sheikh", names);
        Assert.DoesNotContain("Imran Qureshi", names); // in no team
        Assert.Equal(["Ops", "Support"], report.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-11-24T00:00:00Z")]
    [InlineData("to=2026-11-24T00:00:00Z")]
    [InlineData("teamId=support")]
    [InlineData("agentId=bilal")]
    public async Task BadInputShouldBeAValidationProblem(string query)
    {
        using var imran = await app.ClientForAsync(Imran);
        await ProblemAsync(await imran.GetAsync($"/api/v1/kpi?{query}"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task TheKpiRouteShouldAnswerThePerAgentRowsOfTheReport()
    {
        using var imran = await app.ClientForAsync(Imran);
        var to = DateTimeOffset.UtcNow.AddMinutes(-1); // a closed period: both answers count the same history
        var query = Query(to.AddDays(-7), to);
        var report = await OkAsync(await imran.GetAsync($"/api/v1/kpi/report?{query}"));
        var rows = await OkAsync(await imran.GetAsync($"/api/v1/kpi?{query}"));

        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
        Assert.Equal(report.GetProperty("agents").GetRawText(), rows.GetRawText());
        Assert.True(rows.GetArrayLength() >= 5);
        Assert.True(rows[0].TryGetProperty("firstResponseMedianSeconds", out _));
    }

    [Fact]
    public async Task TheExportShouldBeCsvWithAnAgentLineEachAndTheTeamTotals()
    {
        using var imran = await app.ClientForAsync(Imran);
        var json = await OkAsync(await imran.GetAsync("/api/v1/kpi/report"));
        var response = await imran.GetAsync("/api/v1/kpi/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kind,agentId,teamId,name,conversationsHandled", lines[0]);
        Assert.Equal(json.GetProperty("agents").GetArrayLength(), lines.Count(l => l.StartsWith("agent,")));
        Assert.Equal(json.GetProperty("teams").GetArrayLength(), lines.Count(l => l.StartsWith("team,")));
    }
}
