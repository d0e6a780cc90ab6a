using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShuttlePro.Core.Audit;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>The audit API contract: the filtered list with its hashes, who may read it, verification, and exports that re-verify offline.</summary>
public sealed class AuditApiTests(ShuttleServerFactory app) : IClassFixture<ShuttleServerFactory>
{
    private const string Imran = "imran@shuttlepro.test";   // supervisor
    private const string Ayesha = "ayesha@shuttlepro.test"; // agent

    /// <summary>The supervisor takes a demo conversation over and hands it to Ops with a note.</summary>
    private async Task<string> HandedOffConversationAsync(HttpClient imran, string contact, string note)
    {
        var list = await imran.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?q={Uri.EscapeDataString(contact)}");
        var id = list.EnumerateArray().Single(c => c.GetProperty("contact").GetProperty("name").GetString() == contact).GetProperty("id").GetString()!;
        var teams = await imran.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var ops = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Ops").GetProperty("id").GetInt32();
        await OkAsync(await imran.PostAsync($"/api/v1/conversations/{id}/takeover", null));
        var handoff = await imran.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs", new { toTeamId = ops, note });
        Assert.True(handoff.IsSuccessStatusCode, await handoff.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task ASupervisorReadsAConversationsTrailWithTheHandoffNoteAndTheChainHashes()
    {
        using var imran = await app.ClientForAsync(Imran);
        var id = await HandedOffConversationAsync(imran, "Junaid Khalid", "Courier says parcel is at the Lahore hub; Ops please confirm with TCS.");

        var events = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}"))).EnumerateArray().ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("conversationId").GetString()));
        var sequences = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var handoff = events.Single(e => e.GetProperty("action").GetString() == AuditActions.HandoffCreated);
        Assert.Equal("Imran Qureshi", handoff.GetProperty("actorName").GetString());
        Assert.Equal("Courier says parcel is at the Lahore hub; Ops please confirm with TCS.",
            handoff.GetProperty("data").GetProperty("after").GetProperty("note").GetString());
        Assert.Matches("^[0-9a-f]{64}$", handoff.GetProperty("hash").GetString()!);
        Assert.Matches("^[0-9a-f]{64}$", handoff.GetProperty("prevHash").GetString()!);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == AuditActions.ConversationTakenOver);

        // Paging: after= continues where the last page ended.
        var first = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}&limit=1"))).EnumerateArray().Single();
        var rest = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}&after={first.GetProperty("seq").GetInt64()}")))
            .EnumerateArray().Select(e => e.GetProperty("seq").GetInt64());
        Assert.Equal(sequences, rest.Prepend(first.GetProperty("seq").GetInt64()));

        var byAction = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}&action=handoff.created"))).EnumerateArray();
        Assert.Equal(handoff.GetProperty("seq").GetInt64(), Assert.Single(byAction).GetProperty("seq").GetInt64());
        var bySearch = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}&q=lahore%20hub"))).EnumerateArray();
        Assert.Equal(handoff.GetProperty("seq").GetInt64(), Assert.Single(bySearch).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task AgentsMayNotReadTheTrailAndBadFiltersAreRefusedClearly()
    {
        using var ayesha = await app.ClientForAsync(Ayesha);
        await ProblemAsync(await ayesha.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await ayesha.GetAsync("/api/v1/audit/verify"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await ayesha.GetAsync("/api/v1/audit/export?format=csv"), HttpStatusCode.Forbidden, "forbidden");

        using var imran = await app.ClientForAsync(Imran);
        await ProblemAsync(await imran.GetAsync("/api/v1/audit?conversationId=1042"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await imran.GetAsync("/api/v1/audit?limit=0"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await imran.GetAsync("/api/v1/audit?after=-3"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await imran.GetAsync("/api/v1/audit?from=yesterday"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await imran.GetAsync("/api/v1/audit?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await imran.GetAsync("/api/v1/audit/export?format=xml"), HttpStatusCode.BadRequest, "validation");

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task VerifyReportsAnIntactChain()
    {
        using var imran = await app.ClientForAsync(Imran);

        var verification = await OkAsync(await imran.GetAsync("/api/v1/audit/verify"));

        Assert.True(verification.GetProperty("ok").GetBoolean());
        Assert.True(verification.GetProperty("checked").GetInt64() > 100); // the demo data's history
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("brokenAt").ValueKind);
    }

    [Theory]
    [InlineData("csv", AuditExportFormat.Csv)]
    [InlineData("jsonl", AuditExportFormat.JsonLines)]
    public async Task TheWholeExportReverifiesOfflineAndAFilteredOneMatchesTheApi(string format, AuditExportFormat parsed)
    {
        using var imran = await app.ClientForAsync(Imran);
        var id = await HandedOffConversationAsync(imran, format == "csv" ? "Kiran Baig" : "Rabia Shah", "Customer wants a call after 6pm, \"urgent\", re: COD");

        var whole = await imran.GetAsync($"/api/v1/audit/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.StartsWith(format == "csv" ? "text/csv" : "application/x-ndjson", whole.Content.Headers.ContentType!.ToString());
        Assert.EndsWith($".{format}", whole.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using (var reader = new StringReader(await whole.Content.ReadAsStringAsync()))
        {
            var offline = AuditExport.VerifyOffline(AuditExport.Read(reader, parsed).ToList(), complete: true, DateTimeOffset.UtcNow);
            Assert.True(offline.Ok, offline.Describe());
            Assert.True(offline.Checked > 100);
        }

        var api = (await OkAsync(await imran.GetAsync($"/api/v1/audit?conversationId={id}&limit=1000"))).EnumerateArray()
            .Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("hash").GetString()!)).ToList();
        var filtered = await imran.GetStringAsync($"/api/v1/audit/export?format={format}&conversationId={id}");
        var lines = AuditExport.Read(new StringReader(filtered), parsed).ToList();
        Assert.Equal(api, lines.Select(l => (l.Content.Sequence, l.Hash)));
        Assert.True(AuditExport.VerifyOffline(lines, complete: false, DateTimeOffset.UtcNow).Ok);
        Assert.Contains(lines, l => l.Content.After?.Contains("""\"urgent\", re: COD""") == true);
    }
}
