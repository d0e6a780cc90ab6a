using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Channel = System.Threading.Channels.Channel;
using Microsoft.AspNetCore.SignalR.Client;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Api;

/// <summary>/hubs/inbox over real WebSockets (token in the query string): the same events as the app, under the same visibility.</summary>
public sealed class InboxHubTests(ShuttleServerFactory server) : IClassFixture<ShuttleServerFactory>
{
    private sealed class HubClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();

        public HubClient(Uri baseAddress, string token)
        {
            _connection = new HubConnectionBuilder()
                .WithUrl(new Uri(baseAddress, "/hubs/inbox"), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .Build();
            _connection.On<JsonElement>("event", e => _events.Writer.TryWrite(e));
        }

        public List<JsonElement> Received { get; } = [];

        public Task StartAsync() => _connection.StartAsync();

        /// <summary>Waits for the first event that matches, remembering every event seen on the way.</summary>
        public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                Received.Add(e);
                if (match(e)) return e;
            }
        }

        public Task<JsonElement> WaitForAsync(string type, string conversationId) =>
            WaitForAsync(e => e.GetProperty("type").GetString() == type && e.GetProperty("conversationId").GetString() == conversationId);

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }

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
}
