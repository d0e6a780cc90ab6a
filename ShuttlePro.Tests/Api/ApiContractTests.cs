using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>The HTTP API v1 contract of issue 2: shapes, names, enums as names, and every error as a coded problem.</summary>
public sealed class ApiContractTests(ShuttleAppFactory app) : IClassFixture<ShuttleAppFactory>
{
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Bilal = "bilal@shuttlepro.test";
    private const string Hamza = "hamza@shuttlepro.test";
    private const string Imran = "imran@shuttlepro.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> ListAsync(string email, string query)
    {
        using var client = await app.ClientForAsync(email);
        var response = await client.GetAsync($"/api/v1/conversations{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>An open, unowned Support conversation no other test of this class touches.</summary>
    private async Task<string> UnownedSupportConversationAsync(string contactName) =>
        (await ListAsync(Ayesha, $"?view=unassigned&status=open&q={Uri.EscapeDataString(contactName)}"))
        .EnumerateArray().Single().GetProperty("id").GetString()!;

    [Fact]
    public async Task TheTokenEndpointIssuesABearerTokenForValidCredentials()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = Ayesha, password = "ShuttlePro!demo1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Theory]
    [InlineData(Ayesha, "wrong-password")]
    [InlineData("nobody@shuttlepro.test", "ShuttlePro!demo1")]
    [InlineData("", "")]
    public async Task BadCredentialsGet401(string email, string password)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task EveryApiRouteNeedsAToken()
    {
        using var client = app.CreateClient();

        foreach (var path in new[] { "/api/v1/me", "/api/v1/agents", "/api/v1/teams", "/api/v1/conversations" })
            await ProblemAsync(await client.GetAsync(path), HttpStatusCode.Unauthorized, "unauthorized");
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-real-token");
        await ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task MeDescribesTheCaller()
    {
        using var client = await app.ClientForAsync("sana@shuttlepro.test");

        var me = await JsonAsync(await client.GetAsync("/api/v1/me"));

        Assert.Equal("Sana Malik", me.GetProperty("name").GetString());
        Assert.Equal("sana@shuttlepro.test", me.GetProperty("email").GetString());
        Assert.Equal(["ShiftLead"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Ops", "Support"], me.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());
        Assert.True(Guid.TryParse(me.GetProperty("id").GetString(), out _));
        Assert.True(me.GetProperty("teams")[0].GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task AgentsAndTeamsAreListed()
    {
        using var client = await app.ClientForAsync(Ayesha);

        var agents = await JsonAsync(await client.GetAsync("/api/v1/agents"));
        var teams = await JsonAsync(await client.GetAsync("/api/v1/teams"));

        var hamza = agents.EnumerateArray().Single(a => a.GetProperty("email").GetString() == Hamza);
        Assert.Equal("Hamza Sheikh", hamza.GetProperty("name").GetString());
        Assert.Equal(["Agent"], hamza.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Ops", hamza.GetProperty("teams")[0].GetProperty("name").GetString());
        Assert.Contains(hamza.GetProperty("status").GetString(), new[] { "Online", "Away", "Offline" });
        Assert.Equal(JsonValueKind.True, hamza.GetProperty("onShift").ValueKind);
        Assert.Equal(["Complaints", "Ops", "Support"], teams.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task TheConversationListHasTheContractShapeMostRecentFirst()
    {
        var list = await ListAsync(Ayesha, "?view=team");

        var rows = list.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var first = rows[0];
        foreach (var field in new[] { "id", "number", "status", "contact", "channel", "teamId", "teamName", "ownerId", "ownerName",
                     "lastMessageAt", "lastMessagePreview", "version" })
            Assert.True(first.TryGetProperty(field, out _), $"missing {field}");
        Assert.True(first.GetProperty("contact").TryGetProperty("name", out _));
        Assert.StartsWith("+92", first.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Contains(first.GetProperty("channel").GetProperty("brand").GetString(), new[] { "Zeenat Fashion", "GadgetBazaar" });
        Assert.True(first.GetProperty("channel").TryGetProperty("id", out _));
        Assert.True(first.GetProperty("channel").TryGetProperty("name", out _));
        Assert.Contains(first.GetProperty("status").GetString(), new[] { "Open", "Pending", "Resolved" });
        var activity = rows.Select(r => r.GetProperty("lastActivityAt").GetDateTimeOffset()).ToList();
        Assert.Equal(activity.OrderByDescending(a => a), activity);
    }

    [Fact]
    public async Task ViewsStatusesAndSearchFilterTheList()
    {
        var me = await JsonAsync(await (await app.ClientForAsync(Ayesha)).GetAsync("/api/v1/me"));
        var myId = me.GetProperty("id").GetString();

        var mine = (await ListAsync(Ayesha, "?view=mine")).EnumerateArray().ToList();
        var unassigned = (await ListAsync(Ayesha, "?view=Unassigned&status=OPEN")).EnumerateArray().ToList();
        var resolved = (await ListAsync(Ayesha, "?view=team&status=resolved")).EnumerateArray().ToList();
        var byName = (await ListAsync(Ayesha, "?view=team&q=fatima")).EnumerateArray().ToList();
        var byText = (await ListAsync(Ayesha, "?view=team&q=ZF-48213")).EnumerateArray().ToList();

        Assert.NotEmpty(mine);
        Assert.All(mine, c => Assert.Equal(myId, c.GetProperty("ownerId").GetString()));
        Assert.True(unassigned.Count >= 10);
        Assert.All(unassigned, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("ownerId").ValueKind));
        Assert.All(unassigned, c => Assert.Equal("Open", c.GetProperty("status").GetString()));
        Assert.NotEmpty(resolved);
        Assert.All(resolved, c => Assert.Equal("Resolved", c.GetProperty("status").GetString()));
        Assert.Contains(byName, c => c.GetProperty("contact").GetProperty("name").GetString() == "Fatima Khan");
        Assert.Contains(byText, c => c.GetProperty("contact").GetProperty("name").GetString() == "Fatima Khan");
    }

    [Fact]
    public async Task TheAllViewIsForSupervisorsAndAdmins()
    {
        using var agent = await app.ClientForAsync(Ayesha);
        await ProblemAsync(await agent.GetAsync("/api/v1/conversations?view=all"), HttpStatusCode.Forbidden, "forbidden");

        var all = (await ListAsync(Imran, "?view=all&limit=500")).EnumerateArray().ToList();
        Assert.True(all.Count >= 40);
        Assert.Contains(all, c => c.GetProperty("teamName").GetString() == "Ops");
    }

    [Fact]
    public async Task LimitDefaultsTo100AndIsCappedAt500()
    {
        Assert.Equal(3, (await ListAsync(Imran, "?view=all&limit=3")).GetArrayLength());
        Assert.True((await ListAsync(Imran, "?view=all&limit=100000")).GetArrayLength() <= 500);
        using var client = await app.ClientForAsync(Imran);
        await ProblemAsync(await client.GetAsync("/api/v1/conversations?limit=0"), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await client.GetAsync("/api/v1/conversations?limit=many"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("?view=everything")]
    [InlineData("?status=closed")]
    [InlineData("?status=1")]
    public async Task UnknownFilterValuesAreValidationErrors(string query)
    {
        using var client = await app.ClientForAsync(Ayesha);

        await ProblemAsync(await client.GetAsync($"/api/v1/conversations{query}"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task TheDetailHasMessagesWithDirectionAuthorAndStatus()
    {
        var owned = (await ListAsync(Bilal, "?view=mine&status=open")).EnumerateArray().First();
        using var client = await app.ClientForAsync(Bilal);

        var detail = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{owned.GetProperty("id").GetString()}"));

        Assert.Equal(owned.GetProperty("number").GetInt32(), detail.GetProperty("number").GetInt32());
        var messages = detail.GetProperty("messages").EnumerateArray().ToList();
        Assert.Contains(messages, m => m.GetProperty("direction").GetString() == "inbound");
        var outbound = messages.First(m => m.GetProperty("direction").GetString() == "outbound");
        Assert.Equal("Bilal Ahmed", outbound.GetProperty("authorName").GetString());
        Assert.Equal("Text", outbound.GetProperty("type").GetString());
        Assert.Contains(outbound.GetProperty("status").GetString(), new[] { "Sent", "Delivered", "Read" });
        foreach (var field in new[] { "id", "body", "authorId", "createdAt" }) Assert.True(outbound.TryGetProperty(field, out _), field);
        var times = messages.Select(m => m.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task AConversationOfAnotherTeamIsNotFoundRatherThanForbidden()
    {
        var supportConversation = await UnownedSupportConversationAsync("Rabia Shah");
        using var hamza = await app.ClientForAsync(Hamza);

        await ProblemAsync(await hamza.GetAsync($"/api/v1/conversations/{supportConversation}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.PostAsJsonAsync($"/api/v1/conversations/{supportConversation}/messages", new { body = "Hi" }),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.PostAsync($"/api/v1/conversations/{supportConversation}/resolve", null), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.GetAsync("/api/v1/conversations/not-a-guid"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ReplyingReturns201AndTheMessageIsInTheThread()
    {
        var id = await UnownedSupportConversationAsync("Danish Ahmed");
        using var client = await app.ClientForAsync(Ayesha);

        var response = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Sorry! 65W charger aaj dispatch ho raha hai." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var messageId = (await JsonAsync(response)).GetProperty("id").GetString();
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}"));
        Assert.Equal("Ayesha Siddiqui", detail.GetProperty("ownerName").GetString());
        var message = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetString() == messageId);
        Assert.Equal("outbound", message.GetProperty("direction").GetString());
    }

    [Fact]
    public async Task ANonOwnersReplyIsAConflictNamingTheOwner()
    {
        var id = await UnownedSupportConversationAsync("Nimra Aslam");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var bilal = await app.ClientForAsync(Bilal);
        Assert.Equal(HttpStatusCode.Created, (await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Cancel kar diya" })).StatusCode);

        var response = await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Me too" });

        await ProblemAsync(response, HttpStatusCode.Conflict, "not_owner");
    }

    [Theory]
    [InlineData("{\"body\":\"\"}")]
    [InlineData("{\"body\":\"   \"}")]
    [InlineData("{}")]
    [InlineData("null")]
    public async Task AnEmptyReplyIsAValidationError(string json)
    {
        var id = await UnownedSupportConversationAsync("Kamran Javed");
        using var client = await app.ClientForAsync(Ayesha);

        var response = await client.PostAsync($"/api/v1/conversations/{id}/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task AReplyOverWhatsAppsLimitIsAValidationErrorAndChangesNothing()
    {
        var id = await UnownedSupportConversationAsync("Sadia Noor");
        using var client = await app.ClientForAsync(Ayesha);

        var response = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = new string('x', 4097) });

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var detail = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}"));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("ownerId").ValueKind);
    }

    [Theory]
    [InlineData("{\"body\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"body\": 42}")]
    public async Task MalformedJsonIsA400Problem(string json)
    {
        var id = await UnownedSupportConversationAsync("Kamran Javed");
        using var client = await app.ClientForAsync(Ayesha);

        var response = await client.PostAsync($"/api/v1/conversations/{id}/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task ResolveAndReopenReturnTheUpdatedSummary()
    {
        var owned = (await ListAsync("zara@shuttlepro.test", "?view=mine&status=open")).EnumerateArray().First().GetProperty("id").GetString();
        using var client = await app.ClientForAsync("zara@shuttlepro.test");

        var resolved = await client.PostAsync($"/api/v1/conversations/{owned}/resolve", null);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("Resolved", (await JsonAsync(resolved)).GetProperty("status").GetString());

        var reopened = await client.PostAsync($"/api/v1/conversations/{owned}/reopen", null);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("Open", (await JsonAsync(reopened)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnotherAgentCannotResolveAConversationSomeoneOwns()
    {
        var zaras = (await ListAsync("zara@shuttlepro.test", "?view=mine&status=pending")).EnumerateArray().First().GetProperty("id").GetString();
        using var bilal = await app.ClientForAsync(Bilal);

        await ProblemAsync(await bilal.PostAsync($"/api/v1/conversations/{zaras}/resolve", null), HttpStatusCode.Conflict, "not_owner");
    }

    [Fact]
    public async Task HealthAnswersWhenTheDatabaseDoes()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(app.DatabasePath), "the app runs on the test's own SQLite file");
    }
}
