using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// Notes never leave: one app whose Zeenat number talks to a loopback Graph API. Agents write internal text everywhere
/// it can be written — notes, pinned notes, mentions, a takeover request, handoff notes to an agent and to a team, an
/// end-of-shift handoff, a ticket drafted from pinned notes, its comment and its resolution — and then every outbound
/// path runs: replies, a template, a send that fails with 5xx and is retried, one refused for good and sent again by
/// hand, replies after each handoff and after solving the ticket. Everything the Graph API received (URL, headers,
/// raw body) and every outbox row and outbound message row is searched for the internal texts; the legitimate replies
/// must all have arrived.
/// </summary>
public sealed class NotesNeverLeaveTests : IAsyncLifetime
{
    private const string AppSecret = "notes-never-leave-app-secret";
    private const string ChannelToken = "EAAG-notes-never-leave-token";
    private const string ZeenatNumber = "100000000000001";
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Bilal = "bilal@shuttlepro.test";
    private const string Zara = "zara@shuttlepro.test";
    private const string Hamza = "hamza@shuttlepro.test";
    private const string Imran = "imran@shuttlepro.test";

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _markers = [];
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _customers;
    private LoopbackGraphApi _graph = null!;
    private ShuttleAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _graph = await LoopbackGraphApi.StartAsync();
        _app = ShuttleAppFactory.WithSettings(new Dictionary<string, string>
        {
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:GraphApiBaseUrl"] = _graph.BaseUrl,
            ["WhatsApp:Channels:0:AccessToken"] = ChannelToken,
        });
        _ = _app.Server; // start the host (and its outbound dispatcher) now
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    /// <summary>A unique internal text; every one is searched for in what left.</summary>
    private string Marker(string where)
    {
        var marker = $"INTERNAL{_run}{where}";
        _markers.Add(marker);
        return marker;
    }

    private string Legit(string what) => $"Aap ka order kal pohanch jayega, ref OUT{_run}{what}";

    [Fact]
    public async Task NoInternalTextReachesTheGraphApiOnAnyOutboundPath()
    {
        var agents = await AgentIdsAsync();
        using var ayesha = await _app.ClientForAsync(Ayesha);
        using var bilal = await _app.ClientForAsync(Bilal);
        using var zara = await _app.ClientForAsync(Zara);
        using var hamza = await _app.ClientForAsync(Hamza);

        // The loopback fails the retried reply twice with 503, and refuses the other one for good the first time.
        var retried = Legit("retried");
        var refusedOnce = Legit("refusedonce");
        _graph.Respond = request =>
        {
            var attempt = _attempts.AddOrUpdate(request.Text ?? request.Body["template"]?["name"]?.GetValue<string>() ?? "", 1, (_, n) => n + 1);
            if (request.Text == retried && attempt <= 2) return LoopbackGraphApi.Error(503, 2, "Service temporarily unavailable");
            if (request.Text == refusedOnce && attempt == 1) return LoopbackGraphApi.Error(400, 131026, "Message undeliverable");
            return LoopbackGraphApi.Accepted($"wamid.notes.{request.Index}");
        };

        // A: notes of every kind, a takeover request with a note, then a reply and a template.
        var a = await NewConversationAsync("a", agents[Ayesha]);
        await NoteAsync(ayesha, a, Marker("plain") + " customer ne COD refuse kiya tha, rider ko dobara bhejo");
        await NoteAsync(ayesha, a, Marker("pinned") + " order ZF-48213, Leopards CN 4410293377", pinned: true);
        await NoteAsync(ayesha, a, "@bilal " + Marker("mention") + " can you check the refund? @Ops Team also");
        var later = await NoteAsync(ayesha, a, Marker("pinnedlater") + " address: House 12, Street 4, DHA Phase 5");
        await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{a}/notes/{later}/pin", new { pinned = true }));
        var takeover = await OkAsync(await bilal.PostAsJsonAsync($"/api/v1/conversations/{a}/takeover-requests",
            new { note = Marker("takeover") + " I spoke to her yesterday" }), HttpStatusCode.Created);
        await OkAsync(await ayesha.PostAsync($"/api/v1/takeover-requests/{takeover.GetProperty("id").GetString()}/decline", null));
        var replyA = Legit("a");
        await ReplyAsync(ayesha, a, replyA);
        await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{a}/messages",
            new { template = new { name = "order_update", language = "en", parameters = new[] { "Sheena", $"ZF{_run}", "Leopards" } } }),
            HttpStatusCode.Created);

        // B: a reply that meets 5xx twice and goes out on the third attempt; one refused for good, then sent again by hand.
        var b = await NewConversationAsync("b", agents[Ayesha]);
        await NoteAsync(ayesha, b, Marker("retrynote") + " customer is angry, offer 10% voucher only if asked", pinned: true);
        await ReplyAsync(ayesha, b, retried);
        var refusedId = await ReplyAsync(ayesha, b, refusedOnce);
        await WaitForStatusAsync(ayesha, b, refusedId, "Failed");
        await OkAsync(await ayesha.PostAsync($"/api/v1/conversations/{b}/messages/{refusedId}/retry", null));

        // C: handed to an agent with a note, who replies.
        var c = await NewConversationAsync("c", agents[Ayesha]);
        await NoteAsync(ayesha, c, Marker("beforehandoff") + " wrong size sent, exchange approved");
        await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{c}/handoffs",
            new { toAgentId = agents[Bilal], note = Marker("handoffagent") + " please arrange the exchange pickup @bilal" }), HttpStatusCode.Created);
        var replyC = Legit("c");
        await ReplyAsync(bilal, c, replyC);

        // D: handed to a team with a note; someone there takes it and replies.
        var d = await NewConversationAsync("d", agents[Ayesha]);
        var ops = await TeamIdAsync(ayesha, "Ops");
        await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{d}/handoffs",
            new { toTeamId = ops, note = Marker("handoffteam") + " courier says address incomplete" }), HttpStatusCode.Created);
        await OkAsync(await hamza.PostAsync($"/api/v1/conversations/{d}/take", null));
        var replyD = Legit("d");
        await ReplyAsync(hamza, d, replyD);

        // E: the end of a shift hands it on with a note; the new owner replies.
        var e = await NewConversationAsync("e", agents[Zara]);
        await NoteAsync(zara, e, Marker("shiftnote") + " promised a callback at 5pm", pinned: true);
        var shift = await OkAsync(await zara.PostAsJsonAsync("/api/v1/me/end-shift",
            new { items = new[] { new { conversationId = e, toAgentId = agents[Bilal], note = Marker("endshift") + " callback pending" } } }));
        Assert.Equal(1, shift.GetProperty("handedOff").GetInt32());
        var replyE = Legit("e");
        await ReplyAsync(bilal, e, replyE);

        // F: a ticket drafted from the pinned note, commented on and solved with a resolution and a drafted reply;
        // the owner then sends the drafted reply (the one thing meant for the customer).
        var f = await NewConversationAsync("f", agents[Ayesha]);
        await NoteAsync(ayesha, f, Marker("ticketpinned") + " refund of Rs 4,500 approved by Imran", pinned: true);
        var ticket = await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/conversations/{f}/tickets", new { type = "Refund", priority = "High" }),
            HttpStatusCode.Created);
        var ticketId = ticket.GetProperty("id").GetString();
        await OkAsync(await ayesha.PostAsJsonAsync($"/api/v1/tickets/{ticketId}/comments", new { body = Marker("ticketcomment") + " finance confirmed" }),
            HttpStatusCode.Created);
        var replyF = Legit("f");
        await OkAsync(await ayesha.PatchAsJsonAsync($"/api/v1/tickets/{ticketId}",
            new { status = "Solved", resolution = Marker("resolution") + " refunded via JazzCash", replyDraft = replyF }));
        var solved = await OkAsync(await ayesha.GetAsync($"/api/v1/tickets/{ticketId}"));
        Assert.Contains(_markers.Single(m => m.EndsWith("ticketpinned", StringComparison.Ordinal)), solved.GetProperty("description").GetString());
        await ReplyAsync(ayesha, f, solved.GetProperty("replyDraft").GetString()!);

        var expected = new[] { replyA, retried, refusedOnce, replyC, replyD, replyE, replyF };
        await WaitUntilDrainedAsync(expected);

        // What left: the legitimate replies, accepted, and the template with its parameters.
        var requests = _graph.Requests.ToArray();
        foreach (var reply in expected) Assert.Contains(requests, r => r.Text == reply);
        Assert.Equal(3, requests.Count(r => r.Text == retried));
        Assert.Equal(2, requests.Count(r => r.Text == refusedOnce));
        var template = Assert.Single(requests, r => r.Body["type"]?.GetValue<string>() == "template");
        Assert.Contains($"ZF{_run}", template.Wire);
        Assert.All(requests, r => Assert.Equal("Bearer " + ChannelToken, r.Authorization));
        // The search sees what travelled: the legitimate text is found in the wire form.
        Assert.Contains(requests, r => r.Wire.Contains($"OUT{_run}a", StringComparison.Ordinal));

        foreach (var request in requests)
        {
            var decoded = string.Join("\n", Strings(request.Body));
            foreach (var marker in _markers)
            {
                Assert.False(request.Wire.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{marker} reached the Graph API:\n{request.Wire}");
                Assert.False(decoded.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{marker} reached the Graph API:\n{decoded}");
            }
        }

        // What could leave: no outbox row and no outbound message holds internal text, while the internal rows do.
        await using var db = await _app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var outbox = await db.Outbox.AsNoTracking().ToListAsync();
        var outbound = await db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Outbound).ToListAsync();
        Assert.Equal(expected.Length + 1, outbox.Count(o => o.Status == OutboxStatus.Acknowledged));
        var sendable = string.Join("\n", outbox.Select(o => JsonSerializer.Serialize(o)).Concat(outbound.Select(m => JsonSerializer.Serialize(m))));
        foreach (var marker in _markers) Assert.DoesNotContain(marker, sendable, StringComparison.OrdinalIgnoreCase);
        var internalText = string.Join("\n", (await db.Notes.AsNoTracking().Select(n => n.Body).ToListAsync())
            .Concat(await db.Handoffs.AsNoTracking().Select(h => h.Note).ToListAsync())
            .Concat(await db.TakeoverRequests.AsNoTracking().Select(r => r.Note ?? "").ToListAsync())
            .Concat(await db.TicketEvents.AsNoTracking().Select(t => t.Body ?? "").ToListAsync()));
        foreach (var marker in _markers) Assert.Contains(marker, internalText, StringComparison.Ordinal);
    }

    /// <summary>A new customer writes to the Zeenat number (a signed webhook); a supervisor gives the conversation to <paramref name="ownerId"/>.</summary>
    private async Task<string> NewConversationAsync(string suffix, string ownerId)
    {
        var waId = "9230077" + (10_000 + ++_customers).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(ZeenatNumber, "+92 300 1112233", waId, $"Notes Customer {suffix.ToUpperInvariant()}",
            $"wamid.notes.{_run}.{suffix}", "Mera order kab aayega?", DateTimeOffset.UtcNow));
        using (var webhook = _app.CreateClient())
        using (var content = new ByteArrayContent(body))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, AppSecret));
            await OkAsync(await webhook.PostAsync("/webhooks/whatsapp", content));
        }
        using var imran = await _app.ClientForAsync(Imran);
        var list = await OkAsync(await imran.GetAsync($"/api/v1/conversations?q={waId}"));
        var id = list.EnumerateArray().Single().GetProperty("id").GetString()!;
        await OkAsync(await imran.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = ownerId }));
        return id;
    }

    private async Task<Dictionary<string, string>> AgentIdsAsync()
    {
        using var imran = await _app.ClientForAsync(Imran);
        var agents = await OkAsync(await imran.GetAsync("/api/v1/agents"));
        return agents.EnumerateArray().ToDictionary(a => a.GetProperty("email").GetString()!, a => a.GetProperty("id").GetString()!);
    }

    private static async Task<int> TeamIdAsync(HttpClient client, string name) =>
        (await OkAsync(await client.GetAsync("/api/v1/teams"))).EnumerateArray()
        .Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();

    private static async Task<string> NoteAsync(HttpClient client, string conversationId, string body, bool pinned = false) =>
        (await OkAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/notes", new { body, pinned }), HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    private static async Task<string> ReplyAsync(HttpClient client, string conversationId, string body) =>
        (await OkAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { body }), HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    private static async Task WaitForStatusAsync(HttpClient client, string conversationId, string messageId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var detail = await OkAsync(await client.GetAsync($"/api/v1/conversations/{conversationId}"));
            var message = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetString() == messageId);
            if (message.GetProperty("status").GetString() == status) return;
            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} is {message.GetProperty("status").GetString()}, not {status}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Until every expected reply was accepted and no outbox row is left pending (a 60 s deadline). The dispatcher is
    /// woken on each look, as a new reply would wake it, so a retry goes out when its backoff ends rather than at the
    /// next safety poll.
    /// </summary>
    private async Task WaitUntilDrainedAsync(IReadOnlyList<string> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var dbFactory = _app.Get<IDbContextFactory<ShuttleDbContext>>();
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var pending = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending);
            var arrived = _graph.Requests.Select(r => r.Text).ToHashSet();
            var missing = expected.Where(e => !arrived.Contains(e)).ToList();
            if (pending == 0 && missing.Count == 0) return;
            Assert.True(DateTime.UtcNow < deadline, $"Outbox not drained: {pending} pending, missing {string.Join(", ", missing)}");
            _app.Get<OutboundSignal>().Notify();
            await Task.Delay(100);
        }
    }

    /// <summary>Every string value (and property name) in a JSON document, unescaped.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
