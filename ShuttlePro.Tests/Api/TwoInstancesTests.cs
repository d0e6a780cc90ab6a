using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// Two app instances on one database and one Redis, as behind a load balancer: an agent's hub connection on A sees what an
/// agent does on B; with Redis gone both keep serving their own agents; with Redis back they are one again.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private ShuttleServerFactory _a = null!;
    private ShuttleServerFactory _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string> { ["LiveEvents:Redis"] = _redis.ConnectionString };
        _a = ShuttleServerFactory.With(settings);
        _b = ShuttleServerFactory.With(settings, _a.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static async Task<string> UnassignedSupportConversationAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=unassigned");
        return list.EnumerateArray().First(c => c.GetProperty("teamName").GetString() == "Support").GetProperty("id").GetString()!;
    }

    private static bool Is(JsonElement e, string type, string conversationId) =>
        e.GetProperty("type").GetString() == type && e.GetProperty("conversationId").GetString() == conversationId;

    [Fact]
    public async Task AnAgentOnInstanceASeesATakeANoteAndATypingLockMadeOnInstanceBAndEachServesAloneWhileRedisIsAway()
    {
        await using var bilalOnA = new HubClient(_a.BaseAddress, await _a.TokenAsync("bilal@shuttlepro.test"));
        await bilalOnA.StartAsync();
        await using var ayeshaOnB = new HubClient(_b.BaseAddress, await _b.TokenAsync("ayesha@shuttlepro.test"));
        await ayeshaOnB.StartAsync();
        using var ayeshaApiOnB = await _b.ClientForAsync("ayesha@shuttlepro.test");
        var id = await UnassignedSupportConversationAsync(ayeshaApiOnB);

        Assert.Equal(HttpStatusCode.OK, (await ayeshaApiOnB.PostAsync($"/api/v1/conversations/{id}/take", null)).StatusCode);
        var taken = await bilalOnA.WaitForAsync(e => Is(e, "conversation.updated", id)
            && e.GetProperty("data").GetProperty("ownerName").GetString() == "Ayesha Siddiqui");
        Assert.Equal("Ayesha Siddiqui", taken.GetProperty("data").GetProperty("ownerName").GetString());

        Assert.Equal(HttpStatusCode.Created, (await ayeshaApiOnB.PostAsJsonAsync($"/api/v1/conversations/{id}/notes",
            new { body = "Leopards CN 4410299001: rider could not find the address" })).StatusCode);
        var note = await bilalOnA.WaitForAsync(e => Is(e, "note.added", id));
        Assert.Contains("Leopards", note.GetProperty("data").GetProperty("body").GetString());

        await ayeshaOnB.InvokeAsync("Typing", Guid.Parse(id), true);
        var locked = await bilalOnA.WaitForAsync(e => Is(e, "presence.changed", id)
            && e.GetProperty("data").GetProperty("lock").ValueKind == JsonValueKind.Object);
        Assert.Equal("Ayesha Siddiqui", locked.GetProperty("data").GetProperty("lock").GetProperty("name").GetString());

        // Redis goes away: both instances keep serving, each with its own agents' live events.
        await _redis.StopAsync();
        using var zaraApiOnB = await _b.ClientForAsync("zara@shuttlepro.test");
        var second = await UnassignedSupportConversationAsync(zaraApiOnB);
        Assert.Equal(HttpStatusCode.OK, (await zaraApiOnB.PostAsync($"/api/v1/conversations/{second}/take", null)).StatusCode);
        await ayeshaOnB.WaitForAsync(e => Is(e, "conversation.updated", second));
        using var bilalApiOnA = await _a.ClientForAsync("bilal@shuttlepro.test");
        Assert.Equal(HttpStatusCode.OK, (await bilalApiOnA.GetAsync($"/api/v1/conversations/{second}")).StatusCode); // the data is shared all along

        // Redis is back: what happens on B reaches A again, by itself.
        await _redis.RestartAsync();
        await WaitUntilSharedAsync(_a);
        await WaitUntilSharedAsync(_b);
        Assert.Equal(HttpStatusCode.Created, (await ayeshaApiOnB.PostAsJsonAsync($"/api/v1/conversations/{id}/notes",
            new { body = "Rebooked with Leopards for Saturday" })).StatusCode);
        var afterReturn = await bilalOnA.WaitForAsync(e => Is(e, "note.added", id) && e.GetProperty("data").GetProperty("body").GetString()!.Contains("Saturday"));
        Assert.NotEqual(JsonValueKind.Undefined, afterReturn.ValueKind);
    }

    [Fact]
    public async Task AReplyLockHeldByAnAgentOnOneServerStopsAnAgentOnTheOtherFromSending()
    {
        await using var ayeshaOnB = new HubClient(_b.BaseAddress, await _b.TokenAsync("ayesha@shuttlepro.test"));
        await ayeshaOnB.StartAsync();
        using var bilalApiOnA = await _a.ClientForAsync("bilal@shuttlepro.test");
        var id = await UnassignedSupportConversationAsync(bilalApiOnA);

        await ayeshaOnB.InvokeAsync("Typing", Guid.Parse(id), true); // unowned: whoever types first holds the lock
        var presenceOnA = _a.Get<ShuttlePro.Core.Collaboration.IPresenceTracker>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            while (presenceOnA.Get(Guid.Parse(id)).Lock is null) await Task.Delay(20, timeout.Token); // the event reaching A

        var refused = await bilalApiOnA.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Ji, main dekh raha hoon" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("locked", problem.GetProperty("code").GetString());
        Assert.Equal("Ayesha Siddiqui", problem.GetProperty("agentName").GetString());
    }

    private static async Task WaitUntilSharedAsync(ShuttleServerFactory instance)
    {
        var bus = instance.Get<ShuttlePro.Core.Live.RedisLiveEvents>();
        using var recorder = new LiveEventRecorder(bus, e => e is ShuttlePro.Core.Live.LiveBusStatusChanged);
        if (bus.IsShared) return;
        await recorder.WaitForAsync<ShuttlePro.Core.Live.LiveBusStatusChanged>(e => e.Shared, TimeSpan.FromSeconds(20));
    }
}
