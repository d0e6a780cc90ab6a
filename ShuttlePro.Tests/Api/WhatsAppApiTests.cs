using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Data;
using ShuttlePro.Tests.Channels;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// The WhatsApp contract on the whole app: webhook verification, signed deliveries and their status codes, messages'
/// WhatsApp fields in the API, templates and the 24-hour window, and retrying a refused message.
/// </summary>
public sealed class WhatsAppApiTests(ShuttleAppFactory app) : IClassFixture<ShuttleAppFactory>
{
    private const string Ayesha = "ayesha@shuttlepro.test";
    private const string Hamza = "hamza@shuttlepro.test";
    private const string ZeenatNumber = "100000000000001";

    private string Secret => app.Get<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.AppSecret;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A Meta fixture for the demo's Zeenat number, sent now, from <paramref name="waId"/>.</summary>
    private static byte[] Delivery(string fixture, string suffix, string waId = MetaFixtures.CustomerWaId) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(MetaFixtures.Fresh(fixture, suffix, DateTimeOffset.UtcNow))
            .Replace(MetaFixtures.PhoneNumberId, ZeenatNumber).Replace(MetaFixtures.CustomerWaId, waId));

    private async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature)
    {
        using var client = app.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null) content.Headers.Add(WebhookSignature.Header, signature);
        return await client.PostAsync("/webhooks/whatsapp", content);
    }

    private Task<HttpResponseMessage> DeliverAsync(byte[] body) => PostWebhookAsync(body, WebhookSignature.Sign(body, Secret));

    private async Task<int> MessagesWithWamidAsync(string wamidPart)
    {
        await using var db = await app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync(m => m.WaMessageId!.Contains(wamidPart));
    }

    private async Task<JsonElement> ConversationOfAsync(string email, string search)
    {
        using var client = await app.ClientForAsync(email);
        var rows = await JsonAsync(await client.GetAsync($"/api/v1/conversations?q={Uri.EscapeDataString(search)}"));
        var id = rows.EnumerateArray().First().GetProperty("id").GetString();
        return await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}"));
    }

    [Fact]
    public async Task TheSubscriptionCheckEchoesTheChallengeOnlyForTheRightToken()
    {
        using var client = app.CreateClient();
        var token = app.Get<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.VerifyToken;

        var ok = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={token}&hub.challenge=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/webhooks/whatsapp")).StatusCode);
    }

    [Fact]
    public async Task AnUnsignedOrWronglySignedDeliveryGets401AndStoresNothing()
    {
        var body = Delivery("text", "unsigned-api");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(body, WebhookSignature.Sign(body, "not-the-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(body, "sha256=" + new string('0', 64))).StatusCode);

        Assert.Equal(0, await MessagesWithWamidAsync("unsigned-api"));
    }

    [Fact]
    public async Task MalformedJsonGets400AndAnOversizedBody413()
    {
        var malformed = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":"u8.ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await DeliverAsync(malformed)).StatusCode);

        var huge = new byte[3 * 1024 * 1024 + 1];
        Array.Fill(huge, (byte)' ');
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await DeliverAsync(huge)).StatusCode);
    }

    [Fact]
    public async Task ASignedDeliveryIsStoredOnceAndShowsInTheApiWithItsWhatsAppFields()
    {
        var body = Delivery("image", "api-image", "923005550101");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => DeliverAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await MessagesWithWamidAsync("api-image"));
        var detail = await ConversationOfAsync(Ayesha, "923005550101");
        Assert.Equal("Sheena Nelson", detail.GetProperty("contact").GetProperty("name").GetString());
        var message = detail.GetProperty("messages").EnumerateArray().Single();
        Assert.StartsWith("wamid.api-image.", message.GetProperty("waMessageId").GetString());
        Assert.Equal(("Image", "Received"), (message.GetProperty("type").GetString(), message.GetProperty("status").GetString()));
        Assert.Equal("Box was crushed like this", message.GetProperty("body").GetString());
        Assert.Equal("1003383421387256", message.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task ADeliveryForAnUnknownNumberIsAnswered200AndKeptForAdmins()
    {
        var body = Delivery("text", "api-dead").AsSpan().ToArray();
        body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(ZeenatNumber, "555000111222333"));

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(body)).StatusCode);

        await using var db = await app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.DeadLetters.ToListAsync(), d => d.PhoneNumberId == "555000111222333");
        Assert.Equal(0, await MessagesWithWamidAsync("api-dead"));
    }

    [Fact]
    public async Task AfterTheWindowClosedFreeTextGets422AndAnApprovedTemplateIsAccepted()
    {
        // Saima Rauf last wrote more than a day ago (the demo's closed window); Ayesha owns the conversation.
        var detail = await ConversationOfAsync(Ayesha, "Saima Rauf");
        var id = detail.GetProperty("id").GetString();
        using var client = await app.ClientForAsync(Ayesha);

        await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Stock aa gaya!" }),
            HttpStatusCode.UnprocessableEntity, "window_closed");
        await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { template = new { name = "no_such_template", language = "en", parameters = Array.Empty<string>() } }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { template = new { name = "restock_alert", language = "en", parameters = new[] { "Saima" } } }), HttpStatusCode.BadRequest, "validation");
        await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { body = "x", template = new { name = "restock_alert" } }), HttpStatusCode.BadRequest, "validation");

        var templates = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}/templates"));
        var restock = templates.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "restock_alert");
        Assert.Equal(2, restock.GetProperty("parameterCount").GetInt32());

        var sent = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages",
            new { template = new { name = "restock_alert", language = "en", parameters = new[] { "Saima", "Lawn suit ZF-LW-118" } } });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var after = await ConversationOfAsync(Ayesha, "Saima Rauf");
        var template = after.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal(("Template", "restock_alert"), (template.GetProperty("type").GetString(), template.GetProperty("templateName").GetString()));
        Assert.StartsWith("Good news Saima! Lawn suit ZF-LW-118 is back in stock.", template.GetProperty("body").GetString());
    }

    [Fact]
    public async Task TemplatesOfAConversationOneMayNotSeeAreNotFound()
    {
        var id = (await ConversationOfAsync(Ayesha, "Saima Rauf")).GetProperty("id").GetString();
        using var hamza = await app.ClientForAsync(Hamza);

        await ProblemAsync(await hamza.GetAsync($"/api/v1/conversations/{id}/templates"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AMessageWhatsAppRefusedShowsItsErrorAndCanBeRetried()
    {
        // The demo's Graph API stand-in refuses numbers ending in 0000 (131026, not on WhatsApp).
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(Delivery("text", "api-refused", "923001230000"))).StatusCode);
        var id = (await ConversationOfAsync(Ayesha, "923001230000")).GetProperty("id").GetString();
        using var client = await app.ClientForAsync(Ayesha);
        var reply = await JsonAsync(await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { body = "Aap ka order kal aayega." }));
        var messageId = reply.GetProperty("id").GetString();

        var failed = await WaitForMessageAsync(client, id!, messageId!, m => m.GetProperty("status").GetString() == "Failed");
        Assert.Equal(131026, failed.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Message undeliverable", failed.GetProperty("error").GetProperty("title").GetString());

        var retried = await client.PostAsync($"/api/v1/conversations/{id}/messages/{messageId}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Pending", (await JsonAsync(retried)).GetProperty("status").GetString());
        await WaitForMessageAsync(client, id!, messageId!, m => m.GetProperty("status").GetString() == "Failed");

        var inbound = (await ConversationOfAsync(Ayesha, "923001230000")).GetProperty("messages")[0].GetProperty("id").GetString();
        await ProblemAsync(await client.PostAsync($"/api/v1/conversations/{id}/messages/{inbound}/retry", null),
            HttpStatusCode.BadRequest, "validation");
    }

    private static async Task<JsonElement> WaitForMessageAsync(HttpClient client, string conversationId, string messageId, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var detail = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{conversationId}", timeout.Token));
            var message = detail.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("id").GetString() == messageId);
            if (done(message)) return message;
            await Task.Delay(100, timeout.Token);
        }
    }
}
