using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The reply lock and the stale-reply guard, enforced by Core on every send.</summary>
public sealed class ReplyGuardTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;

    private CollaborationService Collaboration => _app.Get<CollaborationService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        var support = await _app.CreateTeamAsync("Support");
        var ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", support);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, support);
        _bilal = await _app.CreateAgentAsync("Bilal", Roles.Agent, support);
        _hamza = await _app.CreateAgentAsync("Hamza", Roles.Agent, ops);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<InboundOutcome> NewConversationAsync() =>
        await _app.ReceiveAsync(_channel, $"9230013{Random.Shared.Next(10000, 99999)}", "Kya update hai?");

    [Fact]
    public async Task WhileAyeshaTypesInAnUnownedConversationBilalsSendIsRefusedAsLocked()
    {
        var inbound = await NewConversationAsync();
        await Collaboration.TypingAsync(_ayesha, "ayesha-tab", inbound.ConversationId, typing: true);

        var refused = await _app.Conversations.ReplyAsync(_bilal, inbound.ConversationId, "Let me help");

        Assert.Equal(ProblemCodes.Locked, refused.Problem?.Code);
        Assert.Equal(_ayesha.AgentId, refused.Problem!.Details!["agentId"]);
        Assert.Equal("Ayesha", refused.Problem.Details["agentName"]);
        Assert.Null((await _app.Queries.GetAsync(_bilal, inbound.ConversationId)).Value!.Summary.OwnerId);
    }

    [Fact]
    public async Task TheLockHoldersSendGoesThroughAndReleasesTheLock()
    {
        var inbound = await NewConversationAsync();
        await Collaboration.TypingAsync(_ayesha, "ayesha-tab", inbound.ConversationId, typing: true);

        var sent = await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Ji, bataiye");

        Assert.True(sent.Succeeded, sent.Problem?.Message);
        Assert.Null((await Collaboration.GetAsync(_ayesha, inbound.ConversationId)).Value!.Lock);
    }

    [Fact]
    public async Task AnExpiredLeaseNoLongerBlocks()
    {
        var inbound = await NewConversationAsync();
        await Collaboration.TypingAsync(_ayesha, "ayesha-tab", inbound.ConversationId, typing: true);

        _app.Clock.Advance(TimeSpan.FromSeconds(21));

        Assert.True((await _app.Conversations.ReplyAsync(_bilal, inbound.ConversationId, "Hello")).Succeeded);
    }

    [Fact]
    public async Task TheOwnerIsNeverBlockedBySomeoneElsesTyping()
    {
        var inbound = await NewConversationAsync();
        await _app.Get<OwnershipService>().TakeAsync(_ayesha, inbound.ConversationId);
        await Collaboration.TypingAsync(_bilal, "bilal-tab", inbound.ConversationId, typing: true);

        Assert.Null((await Collaboration.GetAsync(_ayesha, inbound.ConversationId)).Value!.Lock);
        Assert.True((await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "On it")).Succeeded);
    }

    [Fact]
    public async Task ASendThatMissedNewMessagesIsRefusedAsStaleWithThemAndASecondSendGoesThrough()
    {
        var inbound = await NewConversationAsync();
        var seen = inbound.MessageId!.Value;
        await _app.ReceiveAsync(_channel, await PhoneOfAsync(inbound.ConversationId), "Order number ZF-48213 hai");
        _app.Clock.Advance(TimeSpan.FromSeconds(1));

        var refused = await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Kis order ki baat hai?", seen);

        Assert.Equal(ProblemCodes.Stale, refused.Problem?.Code);
        var arrived = Assert.IsAssignableFrom<IEnumerable<MessageView>>(refused.Problem!.Details!["newMessages"]).ToList();
        Assert.Equal("Order number ZF-48213 hai", Assert.Single(arrived).Body);

        var second = await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "ZF-48213 kal deliver hoga", arrived[0].Id);
        Assert.True(second.Succeeded, second.Problem?.Message);
    }

    [Fact]
    public async Task ALastSeenMessageOfAnotherConversationIsAValidationError()
    {
        var first = await NewConversationAsync();
        var second = await NewConversationAsync();

        var refused = await _app.Conversations.ReplyAsync(_ayesha, first.ConversationId, "Hi", second.MessageId);

        Assert.Equal(ProblemCodes.Validation, refused.Problem?.Code);
    }

    [Fact]
    public async Task NobodyWatchesOrTypesInAConversationTheyMayNotSee()
    {
        var inbound = await NewConversationAsync();

        Assert.Equal(ProblemCodes.NotFound, (await Collaboration.WatchAsync(_hamza, "hamza-tab", inbound.ConversationId)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Collaboration.TypingAsync(_hamza, "hamza-tab", inbound.ConversationId, true)).Problem?.Code);
        Assert.True((await Collaboration.GetAsync(_ayesha, inbound.ConversationId)).Value!.IsEmpty);
    }

    private async Task<string> PhoneOfAsync(Guid conversationId) =>
        (await _app.Queries.GetAsync(_ayesha, conversationId)).Value!.Summary.Contact.Phone.TrimStart('+');
}
