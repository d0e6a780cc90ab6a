using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>Issue 3's API contract: take, assign, take over, release, the reply guards and presence in the detail.</summary>
public sealed class OwnershipApiTests(ShuttleAppFactory app) : IClassFixture<ShuttleAppFactory>
{
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Bilal = "bilal@shuttlepro.test";
    private const string Sana = "sana@shuttlepro.test";
    private const string Hamza = "hamza@shuttlepro.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<string> UnownedAsync(string contact)
    {
        using var client = await app.ClientForAsync(Ayesha);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?view=unassigned&q={Uri.EscapeDataString(contact)}");
        return list.EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<Guid> IdOfAsync(string email) =>
        (await app.Get<DirectoryService>().ListAgentsAsync()).Single(a => a.Email == email).Id;

    [Fact]
    public async Task TakeReturnsTheSummaryAndASecondTakeIsAlreadyOwnedNamingTheOwner()
    {
        var id = await UnownedAsync("Fatima Khan");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var bilal = await app.ClientForAsync(Bilal);

        var taken = await ayesha.PostAsync($"/api/v1/conversations/{id}/take", null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("Ayesha Siddiqui", (await JsonAsync(taken)).GetProperty("ownerName").GetString());

        var problem = await ProblemAsync(await bilal.PostAsync($"/api/v1/conversations/{id}/take", null), HttpStatusCode.Conflict, "already_owned");
        Assert.Equal((await IdOfAsync(Ayesha)).ToString(), problem.GetProperty("ownerId").GetString());
        Assert.Equal("Ayesha Siddiqui", problem.GetProperty("ownerName").GetString());
    }

    [Fact]
    public async Task AssignIsForLeadsAndNeedsAnAgentWhoCanSeeIt()
    {
        var id = await UnownedAsync("Ali Raza");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var sana = await app.ClientForAsync(Sana);

        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = await IdOfAsync(Bilal) }),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await sana.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = await IdOfAsync(Hamza) }),
            HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await sana.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { }), HttpStatusCode.BadRequest, "validation");

        var assigned = await sana.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = await IdOfAsync(Bilal) });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("Bilal Ahmed", (await JsonAsync(assigned)).GetProperty("ownerName").GetString());
    }

    [Fact]
    public async Task TakeoverIsForLeadsAndReleaseForTheOwnerOrALead()
    {
        var id = await UnownedAsync("Hira Malik");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var bilal = await app.ClientForAsync(Bilal);
        using var sana = await app.ClientForAsync(Sana);
        await ayesha.PostAsync($"/api/v1/conversations/{id}/take", null);

        await ProblemAsync(await bilal.PostAsync($"/api/v1/conversations/{id}/takeover", null), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await bilal.PostAsync($"/api/v1/conversations/{id}/release", null), HttpStatusCode.Forbidden, "forbidden");
        var takenOver = await sana.PostAsync($"/api/v1/conversations/{id}/takeover", null);
        Assert.Equal("Sana Malik", (await JsonAsync(takenOver)).GetProperty("ownerName").GetString());

        var released = await sana.PostAsync($"/api/v1/conversations/{id}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(released)).GetProperty("ownerId").ValueKind);
    }

    [Fact]
    public async Task ASendWhileSomeoneElseHoldsTheReplyLockIsLocked()
    {
        var id = await UnownedAsync("Usman Tariq");
        var ayesha = (await app.Get<DirectoryService>().FindActorAsync(await IdOfAsync(Ayesha)))!;
        await app.Get<CollaborationService>().TypingAsync(ayesha, "ayesha-browser", Guid.Parse(id), typing: true);
        using var bilal = await app.ClientForAsync(Bilal);

        var problem = await ProblemAsync(await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Me!" }),
            HttpStatusCode.Conflict, "locked");

        Assert.Equal("Ayesha Siddiqui", problem.GetProperty("agentName").GetString());
        using var client = await app.ClientForAsync(Bilal);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var presence = detail.GetProperty("presence");
        Assert.Equal("Ayesha Siddiqui", presence.GetProperty("lock").GetProperty("name").GetString());
        Assert.True(presence.GetProperty("lock").GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Contains(presence.GetProperty("typing").EnumerateArray(), t => t.GetProperty("name").GetString() == "Ayesha Siddiqui");
        Assert.Contains(presence.GetProperty("viewers").EnumerateArray(), t => t.GetProperty("agentId").GetString() == ayesha.AgentId.ToString());
    }

    [Fact]
    public async Task ASendThatMissedACustomerMessageIsStaleWithTheNewMessages()
    {
        var id = await UnownedAsync("Mehwish Iqbal");
        using var ayesha = await app.ClientForAsync(Ayesha);
        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        var firstId = detail.GetProperty("messages")[0].GetProperty("id").GetString();
        var lastId = detail.GetProperty("messages").EnumerateArray().Last().GetProperty("id").GetString();

        var problem = await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { body = "Size S?", lastSeenMessageId = firstId }), HttpStatusCode.Conflict, "stale");
        var newMessages = problem.GetProperty("newMessages").EnumerateArray().ToList();
        Assert.NotEmpty(newMessages);
        Assert.All(newMessages, m => Assert.Equal("inbound", m.GetProperty("direction").GetString()));

        var sent = await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Ji, size S hai", lastSeenMessageId = lastId });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
    }

    [Fact]
    public async Task ATakeoverRequestCanBeAcceptedThroughTheApi()
    {
        var id = await UnownedAsync("Nimra Aslam");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var bilal = await app.ClientForAsync(Bilal);
        await ayesha.PostAsync($"/api/v1/conversations/{id}/take", null);
        await ProblemAsync(await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Hi" }), HttpStatusCode.Conflict, "not_owner");

        var requested = await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/takeover-requests", new { note = "I spoke to her yesterday" });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var requestId = (await JsonAsync(requested)).GetProperty("id").GetString();
        var pending = await ayesha.GetFromJsonAsync<JsonElement>("/api/v1/takeover-requests");
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("id").GetString() == requestId);

        var accepted = await ayesha.PostAsync($"/api/v1/takeover-requests/{requestId}/accept", null);
        Assert.Equal("Accepted", (await JsonAsync(accepted)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Ji Nimra" })).StatusCode);
    }

    [Fact]
    public async Task OwnershipRoutesOfAnotherTeamsConversationAreNotFound()
    {
        var id = await UnownedAsync("Rabia Shah");
        using var hamza = await app.ClientForAsync(Hamza);

        foreach (var route in new[] { "take", "takeover", "release" })
            await ProblemAsync(await hamza.PostAsync($"/api/v1/conversations/{id}/{route}", null), HttpStatusCode.NotFound, "not_found");
    }
}
