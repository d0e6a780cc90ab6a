using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>Issue 4's API contract: notes, handoffs, status, end of shift, notifications.</summary>
public sealed class CollaborationApiTests(ShuttleAppFactory app) : IClassFixture<ShuttleAppFactory>
{
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Bilal = "bilal@shuttlepro.test";
    private const string Hamza = "hamza@shuttlepro.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<string> MineAsync(string email, string contact)
    {
        using var client = await app.ClientForAsync(email);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?view=mine&q={Uri.EscapeDataString(contact)}");
        return list.EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<int> TeamIdAsync(string name)
    {
        using var client = await app.ClientForAsync(Ayesha);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/teams")).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task ANoteIsCreatedWithItsMentionsAndAppearsInTheDetail()
    {
        var id = await MineAsync(Ayesha, "Bushra Anwar");
        using var ayesha = await app.ClientForAsync(Ayesha);

        var created = await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = "@hamza address change ZF-48420: new address DHA Phase 5", pinned = true });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var mention = Assert.Single(body.GetProperty("mentions").EnumerateArray());
        Assert.Equal("Hamza Sheikh", mention.GetProperty("name").GetString());
        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var note = detail.GetProperty("notes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == body.GetProperty("id").GetString());
        Assert.True(note.GetProperty("pinned").GetBoolean());
        Assert.Equal("Ayesha Siddiqui", note.GetProperty("authorName").GetString());
        Assert.Single(note.GetProperty("mentions").EnumerateArray());
        foreach (var field in new[] { "id", "body", "authorId", "createdAt" }) Assert.True(note.TryGetProperty(field, out _), field);

        // Hamza (Ops) was brought in: he reads it, notes it, and cannot reply.
        using var hamza = await app.ClientForAsync(Hamza);
        Assert.Equal(HttpStatusCode.OK, (await hamza.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await hamza.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = "Address updated with the courier" })).StatusCode);
        await ProblemAsync(await hamza.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Hi" }), HttpStatusCode.Forbidden, "forbidden");
        var notifications = await hamza.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("kind").GetString() == "mention");
    }

    [Fact]
    public async Task AnEmptyNoteIsAValidationError()
    {
        var id = await MineAsync(Ayesha, "Zeeshan Ali");
        using var ayesha = await app.ClientForAsync(Ayesha);

        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = " " }), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task AHandoffNeedsANoteAndTheRightPerson()
    {
        var id = await MineAsync(Bilal, "Samina Pervaiz");
        var ops = await TeamIdAsync("Ops");
        using var bilal = await app.ClientForAsync(Bilal);
        using var ayesha = await app.ClientForAsync(Ayesha);

        await ProblemAsync(await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs", new { toTeamId = ops, note = "" }),
            HttpStatusCode.BadRequest, "note_required");
        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs",
            new { toTeamId = ops, note = "Fabric short by half a metre, warehouse should check stock." }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs",
            new { toTeamId = ops, toAgentId = Guid.NewGuid(), note = "Fabric short by half a metre, warehouse should check stock." }), HttpStatusCode.BadRequest, "validation");

        var handed = await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs",
            new { toTeamId = ops, note = "Fabric short by half a metre; warehouse should check stock and send a replacement." });

        Assert.Equal(HttpStatusCode.Created, handed.StatusCode);
        var detail = await bilal.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}"); // still visible: he handed it off
        var handoff = detail.GetProperty("handoffs").EnumerateArray().Single();
        Assert.Equal(ops, handoff.GetProperty("toTeamId").GetInt32());
        Assert.Equal(JsonValueKind.Null, handoff.GetProperty("toAgentId").ValueKind);
        Assert.Equal((await app.Get<DirectoryService>().ListAgentsAsync()).Single(a => a.Email == Bilal).Id.ToString(),
            handoff.GetProperty("fromAgentId").GetString());
        Assert.StartsWith("Fabric short", handoff.GetProperty("note").GetString());
        Assert.Equal("Ops", detail.GetProperty("teamName").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("ownerId").ValueKind);
    }

    [Fact]
    public async Task StatusAndShiftAreSetThroughMe()
    {
        using var zara = await app.ClientForAsync("zara@shuttlepro.test");

        var away = await zara.PostAsJsonAsync("/api/v1/me/status", new { status = "away", onShift = true });
        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        var agent = await JsonAsync(away);
        Assert.Equal(("Away", true), (agent.GetProperty("status").GetString(), agent.GetProperty("onShift").GetBoolean()));
        await ProblemAsync(await zara.PostAsJsonAsync("/api/v1/me/status", new { status = "sleeping" }), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task EndingAShiftReportsEachConversation()
    {
        var id = await MineAsync("zara@shuttlepro.test", "Waqas Anjum");
        var support = await TeamIdAsync("Support");
        using var zara = await app.ClientForAsync("zara@shuttlepro.test");

        var ended = await zara.PostAsJsonAsync("/api/v1/me/end-shift", new
        {
            items = new object[]
            {
                new { conversationId = id, toTeamId = support, note = "Needs the invoice with the company NTN; customer sent details." },
                new { conversationId = Guid.NewGuid(), toTeamId = support, note = "This conversation does not exist at all." },
            },
        });

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var body = await JsonAsync(ended);
        Assert.Equal(1, body.GetProperty("handedOff").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items[0].GetProperty("ok").GetBoolean());
        Assert.Equal("not_found", items[1].GetProperty("code").GetString());
        Assert.Equal("Offline", body.GetProperty("agent").GetProperty("status").GetString());
    }

    [Fact]
    public async Task NotificationsCanBeMarkedRead()
    {
        var id = await MineAsync(Ayesha, "Imtiaz Hussain");
        using var ayesha = await app.ClientForAsync(Ayesha);
        await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = "@Bilal Ahmed can you check the warranty card photo?" });
        using var bilal = await app.ClientForAsync(Bilal);

        var unread = await bilal.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?unread=true");
        Assert.NotEmpty(unread.EnumerateArray());
        var read = await bilal.PostAsJsonAsync("/api/v1/me/notifications/read", new { });
        Assert.True((await JsonAsync(read)).GetProperty("read").GetInt32() >= 1);
        Assert.Empty((await bilal.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?unread=true")).EnumerateArray());
    }
}
