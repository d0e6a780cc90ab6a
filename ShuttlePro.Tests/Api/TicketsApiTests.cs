using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Microsoft.AspNetCore.SignalR.Client;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// The tickets API contract: escalating a conversation, the ticket list and its filters, the ticket page with its timeline,
/// comments, who may change a ticket, solving with a resolution, the chips in the conversation, and ticket.updated on the hub.
/// Each test works on its own demo conversation, so they run in any order on the shared demo database.
/// </summary>
public sealed partial class TicketsApiTests(ShuttleServerFactory app) : IClassFixture<ShuttleServerFactory>
{
    private const string Ayesha = "ayesha@shuttlepro.test";   // Support, agent
    private const string Bilal = "bilal@shuttlepro.test";     // Support, agent
    private const string Zara = "zara@shuttlepro.test";       // Support, agent
    private const string Hamza = "hamza@shuttlepro.test";     // Ops, agent
    private const string Sana = "sana@shuttlepro.test";       // Support + Ops, shift lead

    [GeneratedRegex(@"^SP-\d{4,}$")]
    private static partial Regex TicketNumber();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Str(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    private static IEnumerable<string> Ids(JsonElement list) => list.EnumerateArray().Select(t => Str(t, "id"));

    /// <summary>A demo conversation by its customer's name, as a supervisor finds it (whoever owns it, whatever its state).</summary>
    private async Task<string> ConversationAsync(string contact)
    {
        using var client = await app.ClientForAsync("imran@shuttlepro.test");
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?q={Uri.EscapeDataString(contact)}");
        return Str(list.EnumerateArray().Single(c => c.GetProperty("contact").GetProperty("name").GetString() == contact), "id");
    }

    private async Task<int> TeamIdAsync(string name)
    {
        using var client = await app.ClientForAsync(Ayesha);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/teams")).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    private async Task<Guid> IdOfAsync(string email) =>
        (await app.Get<DirectoryService>().ListAgentsAsync()).Single(a => a.Email == email).Id;

    private async Task<Actor> ActorAsync(string email) => (await app.Get<DirectoryService>().FindActorAsync(await IdOfAsync(email)))!;

    private static async Task<JsonElement> EscalateAsync(HttpClient client, string conversationId, object body) =>
        await OkAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tickets", body), HttpStatusCode.Created);

    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/tickets" + query);
        return await OkAsync(response);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string ticketId, object body) =>
        client.PatchAsJsonAsync($"/api/v1/tickets/{ticketId}", body);

    private static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ATicketGoesFromEscalationThroughTheListCommentsAndPriorityToSolvedAndShowsOnItsConversation()
    {
        var conversationId = await ConversationAsync("Zeeshan Ali");
        var support = await TeamIdAsync("Support");
        var ayeshaId = await IdOfAsync(Ayesha);
        using var ayesha = await app.ClientForAsync(Ayesha);
        var lastMessageId = Str((await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}"))
            .GetProperty("messages").EnumerateArray().Last(), "id");
        var before = DateTimeOffset.UtcNow;

        // Escalate: number, type, priority, New, owned by the escalating agent of the conversation's team, due later.
        var createdResponse = await ayesha.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tickets", new { type = "Complaint", priority = "High" });
        var created = await OkAsync(createdResponse, HttpStatusCode.Created);
        var ticketId = Str(created, "id");
        var number = Str(created, "number");
        Assert.Matches(TicketNumber(), number);
        Assert.True(int.Parse(number[3..], System.Globalization.CultureInfo.InvariantCulture) >= 1001, number);
        Assert.Equal($"/api/v1/tickets/{ticketId}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal("Complaint", Str(created, "type"));
        Assert.Equal("High", Str(created, "priority"));
        Assert.Equal("New", Str(created, "status"));
        Assert.Equal(ayeshaId.ToString(), Str(created, "ownerId"));
        Assert.Equal(support, created.GetProperty("teamId").GetInt32());
        Assert.Equal(conversationId, Str(created, "conversationId"));
        Assert.Equal("OnTrack", Str(created, "sla"));
        Assert.StartsWith("Complaint: Zeeshan Ali", Str(created, "title"));
        var highDueAt = created.GetProperty("dueAt").GetDateTimeOffset();
        Assert.True(highDueAt > before, $"dueAt {highDueAt:O} should be after the escalation ({before:O})");

        // The list: it appears, and each filter keeps or drops it.
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha)));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, "?status=New,Open")));
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(ayesha, "?status=Solved")));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, "?priority=High")));
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(ayesha, "?priority=Low")));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, "?ownerId=me")));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, $"?ownerId={ayeshaId}")));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, "?overdue=false")));
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(ayesha, "?overdue=true")));
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, $"?type=Complaint&teamId={support}&sort=Newest&limit=50")));
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(ayesha, "?type=Refund")));
        using (var bilal = await app.ClientForAsync(Bilal))
        {
            Assert.Contains(ticketId, Ids(await ListAsync(bilal)));                      // same team: he sees it
            Assert.DoesNotContain(ticketId, Ids(await ListAsync(bilal, "?ownerId=me")));  // but it is not his
        }
        var row = (await ListAsync(ayesha, "?ownerId=me")).EnumerateArray().Single(t => Str(t, "id") == ticketId);
        Assert.Equal(number, Str(row, "number"));
        Assert.Equal("Zeeshan Ali", Str(row, "contactName"));

        // The ticket page: drafted description (with the pinned note) and the creation line pointing at the escalated message.
        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(number, Str(detail.GetProperty("ticket"), "number"));
        Assert.Contains("Bluetooth speaker BT-200", Str(detail, "description"));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("resolution").ValueKind);
        var createdLine = Assert.Single(detail.GetProperty("timeline").EnumerateArray());
        Assert.Equal("created", Str(createdLine, "kind"));
        Assert.Equal("Ayesha Siddiqui", Str(createdLine, "actorName"));
        Assert.Equal("High", Str(createdLine, "to"));
        Assert.Equal(lastMessageId, Str(createdLine, "messageId"));
        Assert.True(createdLine.GetProperty("at").GetDateTimeOffset() >= before.AddSeconds(-1));

        // A comment.
        var comment = await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/comments",
            new { body = "  Video checked: distortion above 70% volume, TCS pickup booked.  " }), HttpStatusCode.Created);
        Assert.Equal("comment", Str(comment, "kind"));
        Assert.Equal("Video checked: distortion above 70% volume, TCS pickup booked.", Str(comment, "body"));
        Assert.Equal(ayeshaId.ToString(), Str(comment, "actorId"));

        // Priority up: Urgent's targets are shorter, so it falls due sooner.
        var urgent = await OkAsync(await PatchAsync(ayesha, ticketId, new { priority = "Urgent" }));
        Assert.Equal("Urgent", Str(urgent, "priority"));
        Assert.Equal("New", Str(urgent, "status"));
        Assert.True(urgent.GetProperty("dueAt").GetDateTimeOffset() < highDueAt, "Urgent should be due before High");
        Assert.True(urgent.GetProperty("version").GetInt32() > created.GetProperty("version").GetInt32());

        // Solving needs a resolution; the refused request changes nothing (not even the priority that came with it).
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Solved" }), HttpStatusCode.BadRequest, "resolution_required");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Solved", resolution = "   ", priority = "Low" }),
            HttpStatusCode.BadRequest, "resolution_required");
        var unchanged = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(("New", "Urgent"), (Str(unchanged.GetProperty("ticket"), "status"), Str(unchanged.GetProperty("ticket"), "priority")));
        Assert.Equal(3, unchanged.GetProperty("timeline").GetArrayLength());

        var solved = await OkAsync(await PatchAsync(ayesha, ticketId, new
        {
            status = "Solved",
            resolution = "Replacement speaker dispatched with TCS, CN 77310999.",
            replyDraft = "Zeeshan, your replacement speaker is on its way (TCS 77310999).",
        }));
        Assert.Equal("Solved", Str(solved, "status"));
        Assert.Equal("Met", Str(solved, "sla"));
        Assert.NotEqual(JsonValueKind.Null, solved.GetProperty("solvedAt").ValueKind);
        Assert.Contains(ticketId, Ids(await ListAsync(ayesha, "?status=Solved")));
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(ayesha, "?status=New,Open,Pending,OnHold")));

        // The whole timeline, in order.
        detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal("Replacement speaker dispatched with TCS, CN 77310999.", Str(detail, "resolution"));
        Assert.Equal("Zeeshan, your replacement speaker is on its way (TCS 77310999).", Str(detail, "replyDraft"));
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["created", "comment", "priorityChanged", "solved"], timeline.Select(e => Str(e, "kind")));
        Assert.Equal(("High", "Urgent"), (Str(timeline[2], "from"), Str(timeline[2], "to")));
        Assert.Equal(("New", "Solved"), (Str(timeline[3], "from"), Str(timeline[3], "to")));
        Assert.Equal("Replacement speaker dispatched with TCS, CN 77310999.", Str(timeline[3], "body"));
        Assert.All(timeline, e => Assert.Equal("Ayesha Siddiqui", Str(e, "actorName")));

        // The conversation: its chip, and the ticket's lines in its thread.
        var conversation = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        var chip = Assert.Single(conversation.GetProperty("tickets").EnumerateArray());
        Assert.Equal(ticketId, Str(chip, "id"));
        Assert.Equal(number, Str(chip, "number"));
        Assert.Equal("Solved", Str(chip, "status"));
        Assert.Equal("Urgent", Str(chip, "priority"));
        Assert.Equal("Complaint", Str(chip, "type"));
        Assert.Equal("Met", Str(chip, "sla"));
        Assert.Equal(urgent.GetProperty("dueAt").GetDateTimeOffset(), chip.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Contains(conversation.GetProperty("messages").EnumerateArray(), m => Str(m, "id") == lastMessageId);
        var thread = await app.Get<ConversationQueries>().GetAsync(await ActorAsync(Ayesha), Guid.Parse(conversationId));
        Assert.Equal([$"Escalation: ticket {number} created (Complaint, High)", $"Ticket {number} solved by Ayesha Siddiqui"],
            thread.Value!.TicketLines.OrderBy(l => l.At).Select(l => l.Text));
    }

    [Fact]
    public async Task ASecondOpenTicketOfTheSameTypeIsTicketOpenNamingTheOpenOne()
    {
        var conversationId = await ConversationAsync("Bushra Anwar");
        using var ayesha = await app.ClientForAsync(Ayesha);
        var first = await EscalateAsync(ayesha, conversationId, new { type = "Delivery issue", priority = "Normal", title = "Address change before dispatch" });

        var problem = await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tickets",
            new { type = "delivery issue", priority = "High" }), HttpStatusCode.Conflict, "ticket_open");

        Assert.Equal(Str(first, "number"), Str(problem, "number"));
        Assert.Equal(Str(first, "id"), Str(problem, "ticketId"));
        Assert.Contains(Str(first, "number"), Str(problem, "detail"));
        // Another type may be open alongside; once the first is solved, its type may be escalated again.
        var refund = await EscalateAsync(ayesha, conversationId, new { type = "Refund" });
        Assert.Equal("Normal", Str(refund, "priority"));
        await OkAsync(await PatchAsync(ayesha, Str(first, "id"), new { status = "Solved", resolution = "Address updated before dispatch." }));
        var again = await EscalateAsync(ayesha, conversationId, new { type = "Delivery issue" });
        Assert.NotEqual(Str(first, "number"), Str(again, "number"));
        var chips = (await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}")).GetProperty("tickets");
        Assert.Equal(3, chips.GetArrayLength());
    }

    [Fact]
    public async Task ReopeningATicketWhileAnotherOfItsTypeIsOpenIsTicketOpen()
    {
        var conversationId = await ConversationAsync("Hafsa Javed");
        using var zara = await app.ClientForAsync(Zara);
        var first = await EscalateAsync(zara, conversationId, new { type = "Exchange" });
        await OkAsync(await PatchAsync(zara, Str(first, "id"), new { status = "Solved", resolution = "L size dispatched." }));
        var second = await EscalateAsync(zara, conversationId, new { type = "Exchange" });

        var problem = await ProblemAsync(await PatchAsync(zara, Str(first, "id"), new { status = "Open" }), HttpStatusCode.Conflict, "ticket_open");

        Assert.Equal(Str(second, "number"), Str(problem, "number"));
        var stillSolved = await zara.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{Str(first, "id")}");
        Assert.Equal("Solved", Str(stillSolved.GetProperty("ticket"), "status"));
    }

    [Fact]
    public async Task OnlyTheOwnerTheTeamsLeadsAndSupervisorsChangeATicketWhileTheTeamMayReadAndComment()
    {
        var conversationId = await ConversationAsync("Imtiaz Hussain");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var bilal = await app.ClientForAsync(Bilal);
        using var sana = await app.ClientForAsync(Sana);
        var ticket = await EscalateAsync(ayesha, conversationId, new { type = "Complaint", priority = "Normal" });
        var ticketId = Str(ticket, "id");

        // Bilal (Support agent, not the owner): reads and comments, but may not change it.
        Assert.Equal(HttpStatusCode.OK, (await bilal.GetAsync($"/api/v1/tickets/{ticketId}")).StatusCode);
        await OkAsync(await bilal.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/comments", new { body = "Warranty card photo looks valid." }),
            HttpStatusCode.Created);
        await ProblemAsync(await PatchAsync(bilal, ticketId, new { priority = "Urgent" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await PatchAsync(bilal, ticketId, new { status = "Solved", resolution = "Done" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await PatchAsync(bilal, ticketId, new { ownerId = await IdOfAsync(Bilal) }), HttpStatusCode.Forbidden, "forbidden");
        var detail = await bilal.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(("New", "Normal"), (Str(detail.GetProperty("ticket"), "status"), Str(detail.GetProperty("ticket"), "priority")));
        Assert.Equal(["created", "comment"], detail.GetProperty("timeline").EnumerateArray().Select(e => Str(e, "kind")));

        // Sana leads Support: she may, and gives it to Bilal, who then may while Ayesha no longer does.
        var led = await OkAsync(await PatchAsync(sana, ticketId, new { priority = "High", ownerId = await IdOfAsync(Bilal) }));
        Assert.Equal(("High", (await IdOfAsync(Bilal)).ToString()), (Str(led, "priority"), Str(led, "ownerId")));
        Assert.Equal("OnHold", Str(await OkAsync(await PatchAsync(bilal, ticketId, new { status = "OnHold" })), "status"));
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Pending" }), HttpStatusCode.Forbidden, "forbidden");
        using var imran = await app.ClientForAsync("imran@shuttlepro.test");
        Assert.Equal("Pending", Str(await OkAsync(await PatchAsync(imran, ticketId, new { status = "Pending" })), "status"));
        Assert.Contains(ticketId, Ids(await ListAsync(bilal, "?ownerId=me&status=OnHold,Pending")));
    }

    [Fact]
    public async Task AnotherTeamsAgentCannotFindTheTicketOrItsConversation()
    {
        var conversationId = await ConversationAsync("Aiza Rehman");
        var support = await TeamIdAsync("Support");
        using var ayesha = await app.ClientForAsync(Ayesha);
        using var hamza = await app.ClientForAsync(Hamza);
        var ticketId = Str(await EscalateAsync(ayesha, conversationId, new { type = "Delivery issue", priority = "Low" }), "id");

        await ProblemAsync(await hamza.GetAsync($"/api/v1/tickets/{ticketId}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await PatchAsync(hamza, ticketId, new { priority = "Urgent" }), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/comments", new { body = "Ops here" }), HttpStatusCode.NotFound, "not_found");
        await ProblemAsync(await hamza.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tickets", new { type = "Refund" }),
            HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(ticketId, Ids(await ListAsync(hamza)));
        await ProblemAsync(await hamza.GetAsync($"/api/v1/tickets?teamId={support}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await ayesha.GetAsync($"/api/v1/tickets/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Single(detail.GetProperty("timeline").EnumerateArray()); // nothing of Hamza's got in
        Assert.Equal("Low", Str(detail.GetProperty("ticket"), "priority"));

        // Handed to Ops, the ticket is Ops' to see (its conversation still is not).
        var ops = await TeamIdAsync("Ops");
        var moved = await OkAsync(await PatchAsync(ayesha, ticketId, new { teamId = ops }));
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("ownerId").ValueKind); // Ayesha is not in Ops
        Assert.Equal(HttpStatusCode.OK, (await hamza.GetAsync($"/api/v1/tickets/{ticketId}")).StatusCode);
        await ProblemAsync(await hamza.GetAsync($"/api/v1/conversations/{conversationId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("status=Sleeping")]
    [InlineData("status=New,Sleeping")]
    [InlineData("status=7")]
    [InlineData("priority=Critical")]
    [InlineData("priority=9")]
    [InlineData("teamId=support")]
    [InlineData("ownerId=someone")]
    [InlineData("overdue=maybe")]
    [InlineData("sort=alphabetical")]
    [InlineData("limit=0")]
    [InlineData("limit=-3")]
    [InlineData("limit=many")]
    public async Task ABadListQueryValueIsAValidationError(string query)
    {
        using var ayesha = await app.ClientForAsync(Ayesha);

        await ProblemAsync(await ayesha.GetAsync("/api/v1/tickets?" + query), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task GoodListQueryValuesInAnyCaseAreAccepted()
    {
        using var ayesha = await app.ClientForAsync(Ayesha);

        foreach (var query in new[] { "status=new,on%20hold,pending", "priority=urgent", "ownerId=ME", "overdue=TRUE", "sort=priority", "limit=5000", "sort=newest&limit=1" })
            await OkAsync(await ayesha.GetAsync("/api/v1/tickets?" + query));
    }

    [Fact]
    public async Task BadEscalationsCommentsAndChangesAreValidationErrorsThatChangeNothing()
    {
        var conversationId = await ConversationAsync("Farhan Qureshi");
        using var ayesha = await app.ClientForAsync(Ayesha);
        var create = $"/api/v1/conversations/{conversationId}/tickets";
        var hamzaId = await IdOfAsync(Hamza);

        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { priority = "High" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Lost parcel" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Complaint", priority = "Critical" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Complaint", priority = 9 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Complaint", ownerId = hamzaId }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Complaint", teamId = 987654 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(create, new { type = "Complaint", title = new string('x', 201) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsync(create, RawJson("{\"type\": \"Complaint\",")), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/tickets", new { type = "Complaint" }),
            HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}")).GetProperty("tickets").EnumerateArray());

        var ticketId = Str(await EscalateAsync(ayesha, conversationId, new { type = "Delivery issue", priority = "High", title = "Marked delivered, never received" }), "id");
        var comments = $"/api/v1/tickets/{ticketId}/comments";
        await ProblemAsync(await ayesha.PostAsJsonAsync(comments, new { body = "   " }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(comments, new { }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync(comments, new { body = new string('y', 4001) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/tickets/{Guid.NewGuid()}/comments", new { body = "Hello" }), HttpStatusCode.NotFound, "not_found");

        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Sleeping" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { priority = "Critical" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = 9 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { resolution = "Courier confirmed redelivery" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { ownerId = hamzaId }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { teamId = 987654 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Closed" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { status = "Solved", resolution = new string('z', 2001) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await ayesha.PatchAsync($"/api/v1/tickets/{ticketId}", RawJson("not json")), HttpStatusCode.BadRequest, "validation");

        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal(("New", "High"), (Str(detail.GetProperty("ticket"), "status"), Str(detail.GetProperty("ticket"), "priority")));
        Assert.Equal((await IdOfAsync(Ayesha)).ToString(), Str(detail.GetProperty("ticket"), "ownerId"));
        Assert.Single(detail.GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task APriorityOutsideTheEnumAsANumberIsAValidationErrorOnEscalationAndOnChange()
    {
        // The API's JSON accepts enum values as numbers too: 9 is no priority, on either route.
        var conversationId = await ConversationAsync("Danish Ahmed");
        using var ayesha = await app.ClientForAsync(Ayesha);
        await ProblemAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tickets", new { type = "Exchange", priority = 9 }),
            HttpStatusCode.BadRequest, "validation");
        var ticketId = Str(await EscalateAsync(ayesha, conversationId, new { type = "Exchange", priority = "Normal" }), "id");

        await ProblemAsync(await PatchAsync(ayesha, ticketId, new { priority = 9 }), HttpStatusCode.BadRequest, "validation");

        var detail = await ayesha.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticketId}");
        Assert.Equal("Normal", Str(detail.GetProperty("ticket"), "priority"));
    }

    [Fact]
    public async Task TicketUpdatesReachTheTeamsHubClientsWithinASecondAndNotAnotherTeams()
    {
        var conversationId = await ConversationAsync("Kiran Baig");
        await using var bilal = new HubClient(app.BaseAddress, await app.TokenAsync(Bilal));
        await using var hamza = new HubClient(app.BaseAddress, await app.TokenAsync(Hamza));
        await bilal.StartAsync();
        await hamza.StartAsync();
        using var zara = await app.ClientForAsync(Zara);
        static bool TicketUpdated(JsonElement e) => e.GetProperty("type").GetString() == "ticket.updated";

        var ticket = await EscalateAsync(zara, conversationId, new { type = "Complaint", priority = "High", title = "Missing suit ZF-KR-221" });
        var ticketId = Str(ticket, "id");
        var created = await bilal.WaitForAsync(e => TicketUpdated(e) && Str(e.GetProperty("data").GetProperty("ticket"), "id") == ticketId,
            TimeSpan.FromSeconds(1));

        Assert.Equal(conversationId, Str(created, "conversationId"));
        Assert.True(created.TryGetProperty("at", out _));
        var data = created.GetProperty("data");
        Assert.Equal(Str(ticket, "number"), Str(data.GetProperty("ticket"), "number"));
        Assert.Equal("High", Str(data.GetProperty("ticket"), "priority"));
        Assert.Equal("Zara Hussain", Str(data.GetProperty("ticket"), "ownerName"));
        var line = Assert.Single(data.GetProperty("events").EnumerateArray());
        Assert.Equal(("created", "Zara Hussain"), (Str(line, "kind"), Str(line, "actorName")));

        await OkAsync(await PatchAsync(zara, ticketId, new { status = "Open", priority = "Urgent" }));
        var changed = await bilal.WaitForAsync(e => TicketUpdated(e) && Str(e.GetProperty("data").GetProperty("ticket"), "id") == ticketId
                                                    && Str(e.GetProperty("data").GetProperty("ticket"), "status") == "Open", TimeSpan.FromSeconds(1));
        Assert.Equal("Urgent", Str(changed.GetProperty("data").GetProperty("ticket"), "priority"));
        Assert.Equal(["priorityChanged", "statusChanged"],
            changed.GetProperty("data").GetProperty("events").EnumerateArray().Select(e => Str(e, "kind")).Order());

        // Hamza (Ops) may not see Support's conversation nor its ticket. An event he may see, published after the ticket's,
        // proves his stream was flowing: everything published before it has reached him already.
        await app.Get<DirectoryService>().SetStatusAsync(await ActorAsync(Hamza), AgentStatus.Away, onShift: true);
        await hamza.WaitForAsync(e => e.GetProperty("type").GetString() == "agent.status", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(hamza.Received, TicketUpdated);
        Assert.DoesNotContain(hamza.Received, e => e.GetProperty("conversationId").ValueKind == JsonValueKind.String
                                                   && Str(e, "conversationId") == conversationId);
    }
}
