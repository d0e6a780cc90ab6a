using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Channels;

/// <summary>
/// The durable outbox against a real HTTP server on loopback standing in for the Graph API: Meta's request shape,
/// retries with backoff for 5xx and rate limits, permanent refusals shown on the message, and a restart in the middle
/// of a batch that loses nothing and never sends an acknowledged row again.
/// </summary>
public sealed class OutboxDispatchTests : IAsyncLifetime
{
    private const string Token = "EAAG-test-access-token-7788";
    private LoopbackGraphApi _graph = null!;
    private TestServices _app = null!;
    private Actor _ayesha = null!;
    private Channel _channel = null!;

    public async Task InitializeAsync()
    {
        _graph = await LoopbackGraphApi.StartAsync();
        (_app, _channel, _ayesha) = await StartAppAsync(messagesPerSecond: 80);
    }

    private async Task<(TestServices App, Channel Channel, Actor Agent)> StartAppAsync(int messagesPerSecond)
    {
        var app = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["WhatsApp:AppSecret"] = "outbox-test-secret",
            ["WhatsApp:GraphApiBaseUrl"] = _graph.BaseUrl,
            ["WhatsApp:MessagesPerSecondPerNumber"] = messagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WhatsApp:Channels:0:PhoneNumberId"] = MetaFixtures.PhoneNumberId,
            ["WhatsApp:Channels:0:DisplayPhoneNumber"] = "+92 300 1112233",
            ["WhatsApp:Channels:0:Brand"] = "Zeenat Fashion",
            ["WhatsApp:Channels:0:Team"] = "Support",
            ["WhatsApp:Channels:0:AccessToken"] = Token,
            ["WhatsApp:Channels:0:Templates:0:Name"] = "order_update",
            ["WhatsApp:Channels:0:Templates:0:Language"] = "en",
            ["WhatsApp:Channels:0:Templates:0:Body"] = "Hello {{1}}, your order {{2}} is on its way.",
        });
        await app.Get<ChannelDirectory>().SyncFromSettingsAsync();
        await using var db = await app.DbAsync();
        var channel = await db.Channels.Include(c => c.DefaultTeam).SingleAsync();
        return (app, channel, await app.CreateAgentAsync("Ayesha", Roles.Agent, channel.DefaultTeam));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private OutboundDispatcher Dispatcher => _app.Get<OutboundDispatcher>();

    private Task<int> DispatchAsync() => Dispatcher.DispatchPendingAsync(CancellationToken.None);

    private async Task<(Guid ConversationId, Guid MessageId)> ReplyAsync(string customer, string text)
    {
        var inbound = await _app.ReceiveAsync(_channel, customer, "Hello?");
        var reply = await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, text);
        Assert.True(reply.Succeeded, reply.Problem?.Message);
        return (inbound.ConversationId, reply.Value!.Id);
    }

    private async Task<Message> MessageAsync(Guid id)
    {
        await using var db = await _app.DbAsync();
        return await db.Messages.SingleAsync(m => m.Id == id);
    }

    private async Task<OutboxEntry> OutboxAsync(Guid messageId)
    {
        await using var db = await _app.DbAsync();
        return await db.Outbox.SingleAsync(o => o.MessageId == messageId);
    }

    [Fact]
    public async Task AReplyIsPostedAsMetaDocumentsWithTheNumbersTokenAndItsWamidIsKept()
    {
        var (_, messageId) = await ReplyAsync("923001110001", "Your order ZF-48213 left Lahore today.");

        Assert.Equal(1, await DispatchAsync());

        var request = Assert.Single(_graph.Requests);
        Assert.Equal($"/v21.0/{MetaFixtures.PhoneNumberId}/messages", request.Path);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.Equal("whatsapp", request.Body["messaging_product"]!.GetValue<string>());
        Assert.Equal("individual", request.Body["recipient_type"]!.GetValue<string>());
        Assert.Equal(("923001110001", "text"), (request.To, request.Body["type"]!.GetValue<string>()));
        Assert.Equal("Your order ZF-48213 left Lahore today.", request.Text);
        Assert.False(request.Body["text"]!["preview_url"]!.GetValue<bool>());
        Assert.Equal((await OutboxAsync(messageId)).Id.ToString(), request.Body["biz_opaque_callback_data"]!.GetValue<string>());

        var message = await MessageAsync(messageId);
        Assert.Equal((DeliveryStatus.Sent, "wamid.loopback.1"), (message.Status, message.WaMessageId));
        Assert.Equal(OutboxStatus.Acknowledged, (await OutboxAsync(messageId)).Status);
    }

    [Fact]
    public async Task AccessTokensAreStoredProtectedAndShownOnlyByTheirLastCharacters()
    {
        await using var db = await _app.DbAsync();
        var stored = await db.Channels.SingleAsync();

        Assert.DoesNotContain(Token, stored.ProtectedAccessToken);
        Assert.Equal("…7788", stored.AccessTokenHint);
        Assert.Equal("…7788", Assert.Single(await _app.Get<ChannelDirectory>().ListAsync()).AccessTokenHint);
    }

    [Fact]
    public async Task ATemplateIsSentAsATemplateWithItsParameters()
    {
        _app.Clock.Advance(TimeSpan.FromDays(2)); // no customer message for two days: only a template may go
        var inbound = await _app.ReceiveAsync(_channel, "923001110002", "Hello?");
        _app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(Conversation.WindowClosed, (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Still there?")).Problem!.Code);

        var sent = await _app.Conversations.SendTemplateAsync(_ayesha, inbound.ConversationId,
            new TemplateReply("order_update", "en", ["Sana", "ZF-48213"]));
        Assert.True(sent.Succeeded, sent.Problem?.Message);
        Assert.Equal("Hello Sana, your order ZF-48213 is on its way.", sent.Value!.Body);
        await DispatchAsync();

        var request = Assert.Single(_graph.Requests);
        Assert.Equal("template", request.Body["type"]!.GetValue<string>());
        var template = request.Body["template"]!;
        Assert.Equal(("order_update", "en"), (template["name"]!.GetValue<string>(), template["language"]!["code"]!.GetValue<string>()));
        var parameters = template["components"]![0]!["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>());
        Assert.Equal(["Sana", "ZF-48213"], parameters);
    }

    [Fact]
    public async Task AServerErrorIsRetriedWithBackoffUntilItSucceeds()
    {
        var (_, messageId) = await ReplyAsync("923001110003", "Checking with the courier.");
        _graph.Respond = r => r.Index == 1 ? LoopbackGraphApi.Error(500, 1, "An unknown error occurred") : LoopbackGraphApi.Accepted("wamid.after.500");

        Assert.Equal(0, await DispatchAsync());
        var waiting = await OutboxAsync(messageId);
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("500", waiting.LastError);
        Assert.Equal(DeliveryStatus.Pending, (await MessageAsync(messageId)).Status);
        Assert.Equal(0, await DispatchAsync()); // not before its backoff
        Assert.Single(_graph.Requests);

        _app.Clock.Advance(waiting.NextAttemptAt - _app.Clock.GetUtcNow());
        Assert.Equal(1, await DispatchAsync());

        Assert.Equal(2, _graph.Requests.Count);
        Assert.Equal((DeliveryStatus.Sent, "wamid.after.500"), ((await MessageAsync(messageId)).Status, (await MessageAsync(messageId)).WaMessageId));
    }

    [Theory]
    [InlineData(429, 4, "Too many calls")]
    [InlineData(400, 130429, "Rate limit hit")]
    public async Task ARateLimitWaitsAsLongAsMetaAsks(int status, int code, string title)
    {
        var (_, messageId) = await ReplyAsync("923001110004", "One moment please.");
        _graph.Respond = r => r.Index == 1 ? LoopbackGraphApi.Error(status, code, title, TimeSpan.FromSeconds(30)) : LoopbackGraphApi.Accepted("wamid.after.429");

        await DispatchAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(20));
        await DispatchAsync();
        Assert.Single(_graph.Requests);

        _app.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await DispatchAsync());
        Assert.Equal(DeliveryStatus.Sent, (await MessageAsync(messageId)).Status);
    }

    [Fact]
    public async Task APermanentRefusalMarksTheMessageFailedWithMetasReasonUntilSomeoneRetries()
    {
        var (conversationId, messageId) = await ReplyAsync("923001110005", "Hello from Zeenat!");
        _graph.Respond = r => r.Index == 1 ? LoopbackGraphApi.Error(400, 131026, "Message undeliverable") : LoopbackGraphApi.Accepted("wamid.retried");

        Assert.Equal(1, await DispatchAsync());
        var failed = await MessageAsync(messageId);
        Assert.Equal((DeliveryStatus.Failed, 131026, "Message undeliverable"), (failed.Status, failed.ErrorCode, failed.ErrorTitle));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();
        Assert.Single(_graph.Requests); // never retried by itself

        var retried = await _app.Get<DeliveryService>().RetryFailedAsync(_ayesha, conversationId, messageId);
        Assert.True(retried.Succeeded, retried.Problem?.Message);
        Assert.Equal(1, await DispatchAsync());
        Assert.Equal((DeliveryStatus.Sent, "wamid.retried"), ((await MessageAsync(messageId)).Status, (await MessageAsync(messageId)).WaMessageId));
    }

    [Fact]
    public async Task ANumberWithoutTokenIsRefusedOutsideTheDemo()
    {
        await using (var db = await _app.DbAsync())
        {
            var channel = await db.Channels.SingleAsync();
            channel.SetAccessToken(null, null);
            await db.SaveChangesAsync();
        }
        var (_, messageId) = await ReplyAsync("923001110006", "Hi");

        await DispatchAsync();

        Assert.Empty(_graph.Requests);
        Assert.Equal(DeliveryStatus.Failed, (await MessageAsync(messageId)).Status);
    }

    [Fact]
    public async Task ARestartInTheMiddleOfABatchLosesNothingAndNeverResendsAnAcknowledgedRow()
    {
        var replies = new List<Guid>();
        for (var i = 0; i < 5; i++) replies.Add((await ReplyAsync($"92300222000{i}", $"Update {i}")).MessageId);
        var stuck = new TaskCompletionSource();
        _graph.Respond = r => r.Index == 3
            ? LoopbackGraphApi.Accepted("wamid.never") with { HoldUntil = stuck.Task } // the process dies while this one is in flight
            : LoopbackGraphApi.Accepted($"wamid.batch.{r.Index}");

        using var crash = new CancellationTokenSource();
        var dispatching = Dispatcher.DispatchPendingAsync(crash.Token);
        while (_graph.Requests.Count < 3) await Task.Delay(10);
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatching);
        await _app.RestartAsync();

        // The claim of the unfinished rows runs out; the new process picks them up.
        Assert.Equal(0, await DispatchAsync());
        _app.Clock.Advance(OutboxEntry.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(3, await DispatchAsync());

        // The two acknowledged before the crash went once; the one in flight may go again (its answer was lost); none is lost.
        var requests = _graph.Requests.ToList();
        var acknowledgedBeforeCrash = requests.Where(r => r.Index <= 2).Select(r => r.Text).ToList();
        var inFlight = requests.Single(r => r.Index == 3).Text;
        Assert.All(acknowledgedBeforeCrash, text => Assert.Single(requests, r => r.Text == text));
        Assert.Equal(2, requests.Count(r => r.Text == inFlight));
        Assert.Equal(5, requests.Select(r => r.Text).Distinct().Count());
        foreach (var id in replies) Assert.Equal(DeliveryStatus.Sent, (await MessageAsync(id)).Status);
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var before = _graph.Requests.Count;
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(before, _graph.Requests.Count);
    }

    [Fact]
    public async Task ANumberIsKeptUnderItsMessagesPerSecondLimit()
    {
        var (app, channel, agent) = await StartAppAsync(messagesPerSecond: 2);
        await using var _ = app;
        for (var i = 0; i < 3; i++)
        {
            var inbound = await app.ReceiveAsync(channel, $"92300444000{i}", "Sale?");
            Assert.True((await app.Conversations.ReplyAsync(agent, inbound.ConversationId, $"Sale update {i}")).Succeeded);
        }
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        _graph.Respond = r =>
        {
            sentAt.Enqueue(app.Clock.GetUtcNow());
            return LoopbackGraphApi.Accepted($"wamid.paced.{r.Index}");
        };
        var start = app.Clock.GetUtcNow();

        var dispatching = Task.Run(() => app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None));
        while (sentAt.Count < 2) await Task.Delay(10);
        Assert.False(dispatching.IsCompleted);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3, await dispatching);
        Assert.Equal([start, start, start.AddSeconds(1)], sentAt);
    }
}
