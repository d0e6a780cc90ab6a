using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Channels;

/// <summary>
/// The webhook pipeline on a real SQLite file: signature first (nothing stored without it), messages exactly once,
/// statuses forward only and in any order, unknown numbers kept as dead letters.
/// </summary>
public sealed class WebhookIngestionTests : IAsyncLifetime
{
    private const string Secret = "ingestion-test-secret";
    private readonly FakeChannelSender _sender = new();
    private TestServices _app = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(services => services.Replace(ServiceDescriptor.Singleton<IChannelSender>(_sender)),
            new Dictionary<string, string?> { ["WhatsApp:AppSecret"] = Secret });
        var support = await _app.CreateTeamAsync("Support");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", MetaFixtures.PhoneNumberId, support);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, support);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A Meta fixture sent just now, with wamids of its own.</summary>
    private byte[] Fixture(string name, string suffix) => MetaFixtures.Fresh(name, suffix, _app.Clock.GetUtcNow());

    private WhatsAppWebhook Webhook => _app.Get<WhatsAppWebhook>();

    private Task<WebhookResult> DeliverAsync(byte[] body) => Webhook.HandleAsync(body, WebhookSignature.Sign(body, Secret));

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await _app.DbAsync();
        return await db.Set<T>().CountAsync();
    }

    [Fact]
    public async Task WithoutTheRightSignatureNothingIsStored()
    {
        var body = Fixture("text", "unsigned");

        Assert.Equal(WebhookVerdict.Unauthorized, (await Webhook.HandleAsync(body, null)).Verdict);
        Assert.Equal(WebhookVerdict.Unauthorized, (await Webhook.HandleAsync(body, WebhookSignature.Sign(body, "forged"))).Verdict);

        Assert.Equal(0, await CountAsync<Message>());
        Assert.Equal(0, await CountAsync<Conversation>());
    }

    [Fact]
    public async Task AMalformedSignedBodyIsRefusedAndStoresNothing()
    {
        var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{"u8.ToArray();

        Assert.Equal(WebhookVerdict.Malformed, (await DeliverAsync(body)).Verdict);
        Assert.Equal(0, await CountAsync<Message>());
    }

    [Fact]
    public async Task TenIdenticalDeliveriesAtOnceStoreOneMessage()
    {
        var body = Fixture("text", "burst");
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => DeliverAsync(body))));

        Assert.All(results, r => Assert.Equal(WebhookVerdict.Accepted, r.Verdict));
        Assert.Equal(1, results.Sum(r => r.Messages));
        Assert.Equal(9, results.Sum(r => r.Duplicates));
        Assert.Equal(1, await CountAsync<Message>());
        Assert.Equal(1, await CountAsync<Conversation>());
        await _app.Get<InboundIngestion>().LiveEventsPublished;
        Assert.Single(live.OfType<MessageAdded>());
    }

    [Fact]
    public async Task TheSameMessageRetriedDaysLaterCreatesNothingNew()
    {
        var body = Fixture("image", "retry");
        Assert.Equal(1, (await DeliverAsync(body)).Messages);

        _app.Clock.Advance(TimeSpan.FromDays(3));
        var again = await DeliverAsync(body);

        Assert.Equal((WebhookVerdict.Accepted, 0, 1), (again.Verdict, again.Messages, again.Duplicates));
        Assert.Equal(1, await CountAsync<Message>());
    }

    [Fact]
    public async Task ANewCustomerStartsAConversationNamedFromTheirProfileWithTheMediaKept()
    {
        await DeliverAsync(Fixture("document", "doc"));

        var row = Assert.Single((await _app.Queries.ListAsync(_ayesha, new ConversationFilter(InboxView.Team))).Value!);
        Assert.Equal(("Sheena Nelson", "Invoice for GB-77102"), (row.Contact.Name, row.LastMessagePreview));
        var message = Assert.Single((await _app.Queries.GetAsync(_ayesha, row.Id)).Value!.Messages);
        Assert.Equal(MessageType.Document, message.Type);
        Assert.Equal(("1284871712737426", "application/pdf", "invoice-GB-77102.pdf"),
            (message.Channel!.MediaId, message.Channel.MimeType, message.Channel.FileName));
    }

    [Fact]
    public async Task AVoiceNoteWithoutCaptionIsPreviewedByWhatItIs()
    {
        await DeliverAsync(Fixture("audio", "voice"));

        var row = Assert.Single((await _app.Queries.ListAsync(_ayesha, new ConversationFilter(InboxView.Team))).Value!);
        Assert.Equal("🎤 Voice message", row.LastMessagePreview);
    }

    [Fact]
    public async Task AChangeForANumberNobodyServesIsAnsweredAndKeptAsADeadLetter()
    {
        var result = await DeliverAsync(Fixture("two_numbers", "dead"));

        Assert.Equal((WebhookVerdict.Accepted, 1, 1), (result.Verdict, result.Messages, result.DeadLettered));
        await using var db = await _app.DbAsync();
        var letter = Assert.Single(await db.DeadLetters.ToListAsync());
        Assert.Equal("999999999999999", letter.PhoneNumberId);
        Assert.Contains("Stranger", letter.Payload);
        Assert.Equal(1, await db.Messages.CountAsync());
    }

    private async Task<(Guid MessageId, string Wamid)> SentReplyAsync(string wamid)
    {
        var inbound = await _app.ReceiveAsync(_channel, MetaFixtures.CustomerWaId, "Where is my order?");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "On its way!")).Value!;
        Assert.True((await _app.Get<DeliveryService>().AcknowledgeAsync(reply.Id, wamid)).Succeeded);
        return (reply.Id, wamid);
    }

    private async Task<Message> MessageAsync(Guid id)
    {
        await using var db = await _app.DbAsync();
        return await db.Messages.SingleAsync(m => m.Id == id);
    }

    private static byte[] StatusBody(string fixture, string wamid) =>
        System.Text.Encoding.UTF8.GetBytes(MetaFixtures.Text(fixture).Replace("wamid.HBgLOTIzMDAxMjM0NTY3FQIAERgSQTFCMkMzRDRFNUY2QTdCOEM5AA==", wamid));

    [Fact]
    public async Task StatusesOnlyMoveForwardWhateverOrderTheyArriveIn()
    {
        var (messageId, wamid) = await SentReplyAsync("wamid.order.1");

        var result = await DeliverAsync(StatusBody("statuses_read_then_delivered", wamid));

        Assert.Equal(2, result.Statuses);
        Assert.Equal(DeliveryStatus.Read, (await MessageAsync(messageId)).Status);
        await DeliverAsync(StatusBody("status_failed", wamid)); // a late "failed" cannot undo "read"
        Assert.Equal(DeliveryStatus.Read, (await MessageAsync(messageId)).Status);
    }

    [Fact]
    public async Task AFailedStatusRecordsMetasCodeAndTitle()
    {
        var (messageId, wamid) = await SentReplyAsync("wamid.fail.1");
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        await DeliverAsync(StatusBody("status_failed", wamid));

        var message = await MessageAsync(messageId);
        Assert.Equal((DeliveryStatus.Failed, 131047, "Re-engagement message"), (message.Status, message.ErrorCode, message.ErrorTitle));
        var updated = await live.WaitForAsync<MessageUpdated>(e => e.Message.Id == messageId);
        Assert.Equal(131047, updated.Message.Channel!.ErrorCode);
    }

    [Fact]
    public async Task AStatusThatBeatsTheSendResponseIsAppliedWhenTheSendIsRecorded()
    {
        var inbound = await _app.ReceiveAsync(_channel, MetaFixtures.CustomerWaId, "Hello");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Hi!")).Value!;

        await DeliverAsync(StatusBody("statuses_read_then_delivered", "wamid.early.1"));
        Assert.Equal(DeliveryStatus.Pending, (await MessageAsync(reply.Id)).Status);

        await _app.Get<DeliveryService>().AcknowledgeAsync(reply.Id, "wamid.early.1");

        Assert.Equal(DeliveryStatus.Read, (await MessageAsync(reply.Id)).Status);
        await using var db = await _app.DbAsync();
        Assert.Empty(await db.PendingStatuses.ToListAsync());
    }

    [Fact]
    public async Task AStatusNamingOurOutboxRowRecordsASendWhoseResponseWasLost()
    {
        var inbound = await _app.ReceiveAsync(_channel, MetaFixtures.CustomerWaId, "Hello");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Hi!")).Value!;
        var claimed = Assert.Single(await _app.Get<DeliveryService>().ClaimAsync(10, CancellationToken.None));
        // WhatsApp accepted it, but we crashed before recording the answer; its status webhook names our row.
        var status = WebhookPayloads.Status(MetaFixtures.PhoneNumberId, "15550783881", "wamid.lost.1", "delivered", MetaFixtures.CustomerWaId,
            _app.Clock.GetUtcNow(), claimed.CallbackData);

        await DeliverAsync(System.Text.Encoding.UTF8.GetBytes(status));

        var message = await MessageAsync(reply.Id);
        Assert.Equal((DeliveryStatus.Delivered, "wamid.lost.1"), (message.Status, message.WaMessageId));
        _app.Clock.Advance(OutboxEntry.Lease + TimeSpan.FromSeconds(1));
        Assert.Empty(await _app.Get<DeliveryService>().ClaimAsync(10, CancellationToken.None)); // never sent twice
    }

    [Fact]
    public async Task ABurstFromManyCustomersIsStoredInBatchesWithOneConversationEachAndUniqueNumbers()
    {
        var burst = Enumerable.Range(0, 200).Select(i => new InboundMessage(MetaFixtures.PhoneNumberId, $"9230055{i % 50:D5}", $"Customer {i % 50}",
            $"wamid.burst.{i}", MessageType.Text, $"Message {i / 50} of customer {i % 50}", _app.Clock.GetUtcNow())).ToList();

        var results = await Task.WhenAll(burst.Select(m => Task.Run(() => _app.Conversations.ReceiveAsync(m))));

        Assert.All(results, r => Assert.True(r.Succeeded && !r.Value!.Duplicate));
        Assert.Equal(50, results.Count(r => r.Value!.StartedConversation));
        await using var db = await _app.DbAsync();
        var conversations = await db.Conversations.ToListAsync();
        Assert.Equal(50, conversations.Count);
        Assert.Equal(Enumerable.Range(1001, 50), conversations.Select(c => c.Number).Order());
        Assert.All(conversations, c => Assert.Equal(4, c.MessageCount));
        var positions = await db.Messages.GroupBy(m => m.ConversationId).Select(g => g.Select(m => m.Position).OrderBy(p => p).ToList()).ToListAsync();
        Assert.All(positions, p => Assert.Equal([1, 2, 3, 4], p));
        Assert.Equal(200, await db.AuditEvents.CountAsync(a => a.Action == ShuttlePro.Core.Audit.AuditActions.MessageReceived));
    }

    [Fact]
    public async Task ADeadLetterIsReplayedOnceItsNumberIsServed()
    {
        await DeliverAsync(Fixture("two_numbers", "replay"));
        await using (var db = await _app.DbAsync())
        {
            var letter = await db.DeadLetters.SingleAsync();
            var admin = await _app.CreateAgentAsync("Admin", Roles.Admin, await db.Teams.SingleAsync());

            Assert.Equal(ShuttlePro.Core.Common.ProblemCodes.Forbidden, (await Webhook.ReplayDeadLetterAsync(_ayesha, letter.Id)).Problem!.Code);
            Assert.Equal(ShuttlePro.Core.Common.ProblemCodes.Conflict, (await Webhook.ReplayDeadLetterAsync(admin, letter.Id)).Problem!.Code);

            await _app.CreateChannelAsync("Second Brand", "999999999999999", await db.Teams.SingleAsync());
            var replayed = await Webhook.ReplayDeadLetterAsync(admin, letter.Id);

            Assert.Equal((1, 0), (replayed.Value!.Messages, replayed.Value.DeadLettered));
            Assert.Equal(ShuttlePro.Core.Common.ProblemCodes.NotFound, (await Webhook.ReplayDeadLetterAsync(admin, letter.Id)).Problem!.Code);
        }
        await using var after = await _app.DbAsync();
        Assert.Empty(await after.DeadLetters.ToListAsync());
        Assert.Equal("Hello?", (await after.Messages.SingleAsync(m => m.WaMessageId!.EndsWith("multi.unknown"))).Body);
        Assert.Single(await after.AuditEvents.Where(a => a.Action == ShuttlePro.Core.Audit.AuditActions.WebhookReplayed).ToListAsync());
    }
}
