using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Api;

/// <summary>/hubs/inbox over real WebSockets (token in the query string): the same events as the app, under the same visibility.</summary>
public sealed class InboxHubTests(ShuttleServerFactory server) : IClassFixture<ShuttleServerFactory>
{
    private async Task<string> UnownedSupportConversationAsync(string contact)
    {
        using var client = await server.ClientForAsync("ayesha@shuttlepro.test");
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?view=unassigned&q={Uri.EscapeDataString(contact)}");
        return list.EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private async Task<Actor> ActorAsync(string email)
    {
        var directory = server.Get<DirectoryService>();
        var agent = (await directory.ListAgentsAsync()).Single(a => a.Email == email);
        return (await directory.FindActorAsync(agent.Id))!;
    }

    [Fact]
    public async Task AReplyReachesPermittedHubClientsAndNoOthers()
    {
        var id = await UnownedSupportConversationAsync("Mehwish Iqbal");
        await using var bilal = new HubClient(server.BaseAddress, await server.TokenAsync("bilal@shuttlepro.test"));
        await using var hamza = new HubClient(server.BaseAddress, await server.TokenAsync("hamza@shuttlepro.test"));
        await bilal.StartAsync();
        await hamza.StartAsync();

        using var ayesha = await server.ClientForAsync("ayesha@shuttlepro.test");
        var sent = await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Ji, size S available hai. Sukkur delivery 3 din." });
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var added = await bilal.WaitForAsync("message.added", id);
        Assert.Equal(messageId, added.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("outbound", added.GetProperty("data").GetProperty("direction").GetString());
        Assert.Equal("Ayesha Siddiqui", added.GetProperty("data").GetProperty("authorName").GetString());
        Assert.True(added.TryGetProperty("at", out _));
        var updated = await bilal.WaitForAsync("conversation.updated", id);
        Assert.Equal("Ayesha Siddiqui", updated.GetProperty("data").GetProperty("ownerName").GetString());
        Assert.Equal("Mehwish Iqbal", updated.GetProperty("data").GetProperty("contact").GetProperty("name").GetString());

        // Hamza (Ops) may not see Support's conversation. An event he may see, published after the reply, proves his
        // stream was flowing all along: everything before it has been delivered to him already.
        await server.Get<DirectoryService>().SetStatusAsync(await ActorAsync("hamza@shuttlepro.test"), AgentStatus.Away, onShift: true);
        await hamza.WaitForAsync(e => e.GetProperty("type").GetString() == "agent.status");
        Assert.DoesNotContain(hamza.Received, e => e.GetProperty("conversationId").ValueKind == JsonValueKind.String
                                                   && e.GetProperty("conversationId").GetString() == id);
    }

    [Fact]
    public async Task AnotherTeamsHubClientReceivesNoneOfAConversationsEvents()
    {
        var id = await UnownedSupportConversationAsync("Usman Tariq");
        await using var bilal = new HubClient(server.BaseAddress, await server.TokenAsync("bilal@shuttlepro.test"));
        await using var hamza = new HubClient(server.BaseAddress, await server.TokenAsync("hamza@shuttlepro.test"));
        await using var ayeshaHub = new HubClient(server.BaseAddress, await server.TokenAsync("ayesha@shuttlepro.test"));
        await bilal.StartAsync();
        await hamza.StartAsync();
        await ayeshaHub.StartAsync();
        using var ayesha = await server.ClientForAsync("ayesha@shuttlepro.test");

        // Presence, typing and the reply lock; ownership; a note; a ticket; a reply — each seen by Support's Bilal.
        await ayeshaHub.InvokeAsync("Watch", Guid.Parse(id));
        await ayeshaHub.InvokeAsync("Typing", Guid.Parse(id), true);
        await bilal.WaitForAsync(e => e.GetProperty("type").GetString() == "presence.changed" && e.GetProperty("conversationId").GetString() == id
                                      && e.GetProperty("data").GetProperty("lock").ValueKind == JsonValueKind.Object);
        (await ayesha.PostAsync($"/api/v1/conversations/{id}/take", null)).EnsureSuccessStatusCode();
        await bilal.WaitForAsync("conversation.updated", id);
        (await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = "Box photos received, crack visible." })).EnsureSuccessStatusCode();
        await bilal.WaitForAsync("note.added", id);
        (await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/tickets", new { type = "Complaint", priority = "High" })).EnsureSuccessStatusCode();
        await bilal.WaitForAsync("ticket.updated", id);
        (await ayesha.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Sorry! Replacement bhej rahe hain." })).EnsureSuccessStatusCode();
        await bilal.WaitForAsync("message.added", id);

        // An event Hamza (Ops) may see, published after all of those, proves his stream was flowing: none of them reached him.
        await server.Get<DirectoryService>().SetStatusAsync(await ActorAsync("hamza@shuttlepro.test"), AgentStatus.Online, onShift: true);
        await hamza.WaitForAsync(e => e.GetProperty("type").GetString() == "agent.status");
        Assert.DoesNotContain(hamza.Received, e => e.GetProperty("conversationId").ValueKind == JsonValueKind.String
                                                   && e.GetProperty("conversationId").GetString() == id);
        Assert.DoesNotContain(hamza.Received, e => e.GetProperty("type").GetString() is "ticket.updated" or "note.added" or "presence.changed");
    }

    [Fact]
    public async Task ACustomerMessageReachesTheTeamsHubClients()
    {
        await using var bilal = new HubClient(server.BaseAddress, await server.TokenAsync("bilal@shuttlepro.test"));
        await bilal.StartAsync();
        var channel = ShuttlePro.Core.Demo.DemoScript.Channels[0];

        var inbound = await server.Get<ShuttlePro.Core.Conversations.ConversationService>().ReceiveAsync(new(
            channel.PhoneNumberId, "923001119999", "New Customer", $"wamid.hub.{Guid.NewGuid():N}",
            ShuttlePro.Core.Conversations.MessageType.Text, "Is this in stock?", DateTimeOffset.UtcNow));

        var added = await bilal.WaitForAsync("message.added", inbound.Value!.ConversationId.ToString());
        Assert.Equal("inbound", added.GetProperty("data").GetProperty("direction").GetString());
        Assert.Equal("Is this in stock?", added.GetProperty("data").GetProperty("body").GetString());
    }

    [Fact]
    public async Task AHubConnectionWithoutAValidTokenIsRefused()
    {
        await using var anonymous = new HubClient(server.BaseAddress, "not-a-token");

        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task WatchingAndTypingThroughTheHubShowAsPresenceAndVanishOnDisconnect()
    {
        var id = await UnownedSupportConversationAsync("Kamran Javed");
        await using var bilal = new HubClient(server.BaseAddress, await server.TokenAsync("bilal@shuttlepro.test"));
        await bilal.StartAsync();
        var ayesha = new HubClient(server.BaseAddress, await server.TokenAsync("ayesha@shuttlepro.test"));
        await ayesha.StartAsync();

        var watched = await ayesha.InvokeAsync("Watch", Guid.Parse(id));
        Assert.Contains(watched.GetProperty("viewers").EnumerateArray(), v => v.GetProperty("name").GetString() == "Ayesha Siddiqui");
        var viewing = await bilal.WaitForAsync(e => e.GetProperty("type").GetString() == "presence.changed"
            && e.GetProperty("conversationId").GetString() == id && e.GetProperty("data").GetProperty("viewers").GetArrayLength() == 1);
        Assert.Equal("Ayesha Siddiqui", viewing.GetProperty("data").GetProperty("viewers")[0].GetProperty("name").GetString());

        await ayesha.InvokeAsync("Typing", Guid.Parse(id), true);
        var locked = await bilal.WaitForAsync(e => e.GetProperty("type").GetString() == "presence.changed"
            && e.GetProperty("data").GetProperty("lock").ValueKind == JsonValueKind.Object);
        Assert.Equal("Ayesha Siddiqui", locked.GetProperty("data").GetProperty("lock").GetProperty("name").GetString());

        await ayesha.DisposeAsync();
        var gone = await bilal.WaitForAsync(e => e.GetProperty("type").GetString() == "presence.changed"
            && e.GetProperty("conversationId").GetString() == id && e.GetProperty("data").GetProperty("viewers").GetArrayLength() == 0);
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("data").GetProperty("lock").ValueKind);
    }

    [Fact]
    public async Task TheHubRefusesWatchingAConversationTheCallerMayNotSee()
    {
        var id = await UnownedSupportConversationAsync("Ahmed Siddiqui");
        await using var hamza = new HubClient(server.BaseAddress, await server.TokenAsync("hamza@shuttlepro.test"));
        await hamza.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => hamza.InvokeAsync("Watch", Guid.Parse(id)));
        Assert.Contains("not_found", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => hamza.InvokeAsync("Typing", Guid.Parse(id), true));
    }

    [Fact]
    public async Task ATakeoverRequestReachesTheOwnersHubClientOnly()
    {
        var id = await UnownedSupportConversationAsync("Sadia Noor");
        using var zaraApi = await server.ClientForAsync("zara@shuttlepro.test");
        await zaraApi.PostAsync($"/api/v1/conversations/{id}/take", null);
        await using var zara = new HubClient(server.BaseAddress, await server.TokenAsync("zara@shuttlepro.test"));
        await using var ayesha = new HubClient(server.BaseAddress, await server.TokenAsync("ayesha@shuttlepro.test"));
        await zara.StartAsync();
        await ayesha.StartAsync();

        using var bilal = await server.ClientForAsync("bilal@shuttlepro.test");
        await bilal.PostAsJsonAsync($"/api/v1/conversations/{id}/takeover-requests", new { note = "Her sister's order too" });

        var request = await zara.WaitForAsync(e => e.GetProperty("type").GetString() == "takeover.requested");
        Assert.Equal("Bilal Ahmed", request.GetProperty("data").GetProperty("requesterName").GetString());
        await server.Get<DirectoryService>().SetStatusAsync(await ActorAsync("ayesha@shuttlepro.test"), AgentStatus.Online, onShift: true);
        await ayesha.WaitForAsync(e => e.GetProperty("type").GetString() == "agent.status");
        Assert.DoesNotContain(ayesha.Received, e => e.GetProperty("type").GetString() == "takeover.requested");
    }

    [Fact]
    public async Task NotesNotificationsAndHandoffsReachExactlyTheirAudience()
    {
        using var bilalApi = await server.ClientForAsync("bilal@shuttlepro.test");
        var list = await bilalApi.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=mine&q=Tariq%20Mehmood");
        var id = list.EnumerateArray().Single().GetProperty("id").GetString()!;
        await using var zara = new HubClient(server.BaseAddress, await server.TokenAsync("zara@shuttlepro.test"));
        await using var hamza = new HubClient(server.BaseAddress, await server.TokenAsync("hamza@shuttlepro.test"));
        await zara.StartAsync();
        await hamza.StartAsync();

        await bilalApi.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { body = "@hamza bank transfer screenshot received, please verify" });

        var note = await zara.WaitForAsync("note.added", id);
        Assert.Contains("bank transfer", note.GetProperty("data").GetProperty("body").GetString());
        var notification = await hamza.WaitForAsync(e => e.GetProperty("type").GetString() == "notification");
        Assert.Equal(id, notification.GetProperty("data").GetProperty("conversationId").GetString());
        Assert.Equal("mention", notification.GetProperty("data").GetProperty("kind").GetString());

        var teams = await bilalApi.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var ops = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Ops").GetProperty("id").GetInt32();
        await bilalApi.PostAsJsonAsync($"/api/v1/conversations/{id}/handoffs", new { toTeamId = ops, note = "Payment by bank transfer needs Ops verification before dispatch." });

        var handoff = await hamza.WaitForAsync("handoff.created", id);
        Assert.Equal(ops, handoff.GetProperty("data").GetProperty("toTeamId").GetInt32());
        var removed = await zara.WaitForAsync("conversation.removed", id);
        Assert.Equal(id, removed.GetProperty("data").GetProperty("id").GetString());
        Assert.DoesNotContain(zara.Received, e => e.GetProperty("type").GetString() == "notification");
    }
}
