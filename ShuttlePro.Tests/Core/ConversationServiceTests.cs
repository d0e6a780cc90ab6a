using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The conversation service on a real SQLite file: every change with its audit event, live events after commit.</summary>
public sealed class ConversationServiceTests : IAsyncLifetime
{
    private readonly FakeChannelSender _sender = new();
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _zeenat = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(services => services.Replace(ServiceDescriptor.Singleton<IChannelSender>(_sender)));
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _zeenat = await _app.CreateChannelAsync("Zeenat Fashion", "100000000000001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza", Roles.Agent, _ops);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<AuditEvent>> AuditAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).ToListAsync();
    }

    [Fact]
    public async Task AFirstCustomerMessageStartsANumberedConversationInTheChannelsTeam()
    {
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var first = await _app.ReceiveAsync(_zeenat, "923001234501", "Order ZF-48213 kab aayega?", "Fatima Khan");
        var second = await _app.ReceiveAsync(_zeenat, "923001234502", "Size exchange?", "Hira Malik");

        var detail = (await _app.Queries.GetAsync(_ayesha, first.ConversationId)).Value!;
        Assert.True(first.StartedConversation);
        Assert.Equal(1001, detail.Summary.Number);
        Assert.Equal(1002, (await _app.Queries.GetAsync(_ayesha, second.ConversationId)).Value!.Summary.Number);
        Assert.Equal(_support.Id, detail.Summary.TeamId);
        Assert.Null(detail.Summary.OwnerId);
        Assert.Equal("Fatima Khan", detail.Summary.Contact.Name);
        Assert.Equal("+923001234501", detail.Summary.Contact.Phone);
        Assert.Equal("Order ZF-48213 kab aayega?", Assert.Single(detail.Messages).Body);

        var added = await live.WaitForAsync<MessageAdded>(e => e.ConversationId == first.ConversationId);
        Assert.Equal(MessageDirection.Inbound, added.Message.Direction);
        await live.WaitForAsync<ConversationUpdated>(e => e.Summary.Id == first.ConversationId);
        Assert.Equal([AuditActions.ConversationStarted, AuditActions.MessageReceived],
            (await AuditAsync(first.ConversationId)).Select(a => a.Action));
    }

    [Fact]
    public async Task TheSameWhatsAppMessageDeliveredTwiceIsStoredOnce()
    {
        var once = await _app.ReceiveAsync(_zeenat, "923001234503", "Hello", wamid: "wamid.duplicate.1");
        var again = await _app.ReceiveAsync(_zeenat, "923001234503", "Hello", wamid: "wamid.duplicate.1");

        Assert.False(once.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(once.MessageId, again.MessageId);
        Assert.Single((await _app.Queries.GetAsync(_ayesha, once.ConversationId)).Value!.Messages);
    }

    [Fact]
    public async Task TenParallelDeliveriesOfOneMessageStoreOneMessage()
    {
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            _app.Conversations.ReceiveAsync(new InboundMessage(_zeenat.PhoneNumberId, "923001234504", "Usman", "wamid.parallel.1",
                MessageType.Text, "Power bank cracked", _app.Clock.GetUtcNow())))));

        Assert.All(deliveries, d => Assert.True(d.Succeeded, d.Problem?.Message));
        Assert.Equal(1, deliveries.Count(d => !d.Value!.Duplicate));
        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.WaMessageId == "wamid.parallel.1"));
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.Contact.WaId == "923001234504"));
    }

    [Fact]
    public async Task AMessageForAnUnknownNumberIsRefusedAndStoresNothing()
    {
        var result = await _app.Conversations.ReceiveAsync(new InboundMessage("999", "923001234505", null, "wamid.unknown",
            MessageType.Text, "Hi", _app.Clock.GetUtcNow()));

        Assert.Equal(ProblemCodes.NotFound, result.Problem?.Code);
        await using var db = await _app.DbAsync();
        Assert.False(await db.Contacts.AnyAsync(c => c.WaId == "923001234505"));
    }

    [Fact]
    public async Task ReplyingTakesTheConversationAndAuditsBothInOneGo()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234506", "COD order, rider had no change");
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var reply = await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "  Rider dobara aayega kal  ");

        Assert.True(reply.Succeeded);
        Assert.Equal("Rider dobara aayega kal", reply.Value!.Body);
        Assert.Equal(_ayesha.Name, reply.Value.AuthorName);
        // The intake's own update may still be on its way: wait for the one the reply made.
        var summary = (await live.WaitForAsync<ConversationUpdated>(e => e.Summary.Id == inbound.ConversationId && e.Summary.OwnerId is not null)).Summary;
        Assert.Equal(_ayesha.AgentId, summary.OwnerId);
        Assert.Equal(_ayesha.Name, summary.OwnerName);
        Assert.Null(summary.AwaitingReplySince);
        Assert.Equal(reply.Value.Id, (await live.WaitForAsync<MessageAdded>()).Message.Id);

        var audit = await AuditAsync(inbound.ConversationId);
        Assert.Equal([AuditActions.ConversationStarted, AuditActions.MessageReceived, AuditActions.ConversationTaken, AuditActions.MessageSent],
            audit.Select(a => a.Action));
        Assert.All(audit.Skip(2), a => Assert.Equal(_ayesha.AgentId, a.ActorId));
    }

    [Fact]
    public async Task ANonOwnerCannotReplyAndNothingIsWritten()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234507", "Dupatta color different hai");
        await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Photo bhej dein");
        var auditBefore = (await AuditAsync(inbound.ConversationId)).Count;

        var refused = await _app.Conversations.ReplyAsync(_bilal, inbound.ConversationId, "I can help too");

        Assert.Equal(ProblemCodes.NotOwner, refused.Problem?.Code);
        Assert.Equal(_ayesha.AgentId, refused.Problem!.Details!["ownerId"]);
        var detail = (await _app.Queries.GetAsync(_bilal, inbound.ConversationId)).Value!;
        Assert.Equal(2, detail.Messages.Count);
        Assert.Equal(auditBefore, (await AuditAsync(inbound.ConversationId)).Count);
    }

    [Fact]
    public async Task SimultaneousFirstRepliesLeaveExactlyOneOwner()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234508", "Anyone there?");
        var agents = new List<Actor> { _ayesha, _bilal };
        for (var i = 0; i < 6; i++) agents.Add(await _app.CreateAgentAsync($"Agent {i}", Roles.Agent, _support));

        var replies = await Task.WhenAll(agents.Select(agent => Task.Run(() =>
            _app.Conversations.ReplyAsync(agent, inbound.ConversationId, $"Hello from {agent.Name}"))));

        var winner = Assert.Single(replies, r => r.Succeeded);
        Assert.All(replies.Where(r => !r.Succeeded), r => Assert.Equal(ProblemCodes.NotOwner, r.Problem!.Code));
        var detail = (await _app.Queries.GetAsync(_ayesha, inbound.ConversationId)).Value!;
        Assert.Equal(winner.Value!.AuthorId, detail.Summary.OwnerId);
        Assert.Equal(2, detail.Messages.Count);
        Assert.Single(await AuditAsync(inbound.ConversationId), a => a.Action == AuditActions.ConversationTaken);
    }

    [Fact]
    public async Task AnotherTeamsConversationIsNotFoundForReadsAndWrites()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234509", "Private matter");

        Assert.Equal(ProblemCodes.NotFound, (await _app.Queries.GetAsync(_hamza, inbound.ConversationId)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await _app.Conversations.ReplyAsync(_hamza, inbound.ConversationId, "Hi")).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await _app.Conversations.ResolveAsync(_hamza, inbound.ConversationId)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await _app.Conversations.ReplyAsync(_ayesha, Guid.NewGuid(), "Hi")).Problem?.Code);
    }

    [Fact]
    public async Task ResolvingAndReopeningAreAuditedOnceAndPublished()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234510", "Thanks, received!");
        await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Shukriya!");
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var resolved = await _app.Conversations.ResolveAsync(_ayesha, inbound.ConversationId);
        var again = await _app.Conversations.ResolveAsync(_ayesha, inbound.ConversationId);
        var reopened = await _app.Conversations.ReopenAsync(_ayesha, inbound.ConversationId);

        Assert.Equal(ConversationStatus.Resolved, resolved.Value!.Status);
        Assert.Equal(ConversationStatus.Resolved, again.Value!.Status);
        Assert.Equal(ConversationStatus.Open, reopened.Value!.Status);
        var audit = (await AuditAsync(inbound.ConversationId)).Select(a => a.Action).ToList();
        Assert.Single(audit, a => a == AuditActions.ConversationResolved);
        Assert.Single(audit, a => a == AuditActions.ConversationReopened);
        await live.WaitForAsync<ConversationUpdated>(e => e.Summary.Status == ConversationStatus.Open);
        Assert.Equal(2, live.OfType<ConversationUpdated>().Count());
    }

    [Fact]
    public async Task ACommittedReplyIsSentThroughTheChannelAndReportedLive()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234511", "Tracking number?");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "TCS 77310245")).Value!;
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var sent = await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var outbound = Assert.Single(_sender.Sent);
        Assert.Equal(("923001234511", "TCS 77310245", _zeenat.PhoneNumberId), (outbound.ToWaId, outbound.Body, outbound.PhoneNumberId));
        var updated = await live.WaitForAsync<MessageUpdated>(e => e.Message.Id == reply.Id);
        Assert.Equal(DeliveryStatus.Sent, updated.Message.Status);
        Assert.Equal(0, await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None));

        var wamid = $"wamid.fake.{reply.Id:N}";
        var delivery = _app.Get<DeliveryService>();
        Assert.True((await delivery.ApplyStatusAsync(new StatusUpdate(wamid, DeliveryStatus.Read, _app.Clock.GetUtcNow(), null, null, null))).Value);
        Assert.False((await delivery.ApplyStatusAsync(new StatusUpdate(wamid, DeliveryStatus.Delivered, _app.Clock.GetUtcNow(), null, null, null))).Value);
        var message = (await _app.Queries.GetAsync(_ayesha, inbound.ConversationId)).Value!.Messages.Single(m => m.Id == reply.Id);
        Assert.Equal(DeliveryStatus.Read, message.Status);
    }

    [Fact]
    public async Task AReplyTheChannelCannotTakeNowStaysPendingForTheNextRound()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234512", "Hello");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Hi!")).Value!;
        _sender.Answer = _ => SendOutcome.RetryLater("HTTP 503");

        Assert.Equal(0, await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None));
        _sender.Answer = m => SendOutcome.Accepted("wamid.retry.ok");
        Assert.Equal(0, await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None)); // backing off
        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None));

        var message = (await _app.Queries.GetAsync(_ayesha, inbound.ConversationId)).Value!.Messages.Single(m => m.Id == reply.Id);
        Assert.Equal(DeliveryStatus.Sent, message.Status);
    }

    [Fact]
    public async Task AReplyTheChannelRejectsIsMarkedFailed()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234513", "Hello");
        var reply = (await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Hi!")).Value!;
        _sender.Answer = _ => SendOutcome.Rejected("recipient not on WhatsApp");

        await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None);

        var message = (await _app.Queries.GetAsync(_ayesha, inbound.ConversationId)).Value!.Messages.Single(m => m.Id == reply.Id);
        Assert.Equal(DeliveryStatus.Failed, message.Status);
    }

    [Fact]
    public async Task AConcurrentWriterIsDetectedByTheConcurrencyToken()
    {
        var inbound = await _app.ReceiveAsync(_zeenat, "923001234514", "Hello");
        await using var first = await _app.DbAsync();
        await using var second = await _app.DbAsync();
        var a = await first.Conversations.SingleAsync(c => c.Id == inbound.ConversationId);
        var b = await second.Conversations.SingleAsync(c => c.Id == inbound.ConversationId);

        a.Resolve(_ayesha, _app.Clock.GetUtcNow());
        await first.SaveChangesAsync();
        b.MarkPending(_bilal, _app.Clock.GetUtcNow());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}
