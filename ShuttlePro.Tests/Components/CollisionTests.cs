using Bunit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.PresenceFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>Collisions seen before they happen: the composer's banner, the list's icons, the thread's avatars and actions.</summary>
public sealed class CollisionTests : ComponentTestContext
{
    private static readonly Guid AyeshaId = Guid.NewGuid();

    private void Present(ConversationSummary conversation, PresentAgent[] viewers, PresentAgent[] typing, ReplyLock? held = null) =>
        Store.Dispatch(new LivePresenceChangedAction(new ConversationPresence(conversation.Id, conversation.Access, viewers, typing, held)));

    private static PresentAgent Ayesha => new(AyeshaId, "Ayesha Siddiqui");

    [Fact]
    public async Task BilalSeesThatAyeshaIsReplyingBeforeHeTypes()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation, Message(conversation, "Hello?", MessageDirection.Inbound));
        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));
        Assert.Empty(cut.FindAll("[data-testid=collision-banner]"));

        await Task.Run(() => Present(conversation, [Ayesha], [Ayesha], new ReplyLock(AyeshaId, "Ayesha Siddiqui", Now.AddSeconds(20))));

        cut.WaitForAssertion(() => Assert.Contains("Ayesha Siddiqui is replying", cut.Find("[data-testid=collision-banner]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=composer-take-note]"));
    }

    [Fact]
    public void TypingWithoutTheLockIsShownAsTyping()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan", ownerId: Guid.NewGuid(), ownerName: "Zara Hussain");
        OpenThread(conversation);
        Present(conversation, [Ayesha], [Ayesha]);

        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        Assert.Contains("Ayesha Siddiqui is typing", cut.Find("[data-testid=typing-note]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=collision-banner]"));
    }

    [Fact]
    public void MyOwnLockIsNoCollision()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support) with { Id = AyeshaId };
        SignIn(me);
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        Present(conversation, [Ayesha], [Ayesha], new ReplyLock(AyeshaId, "Ayesha Siddiqui", Now.AddSeconds(20)));

        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        Assert.Empty(cut.FindAll("[data-testid=collision-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=typing-note]"));
    }

    [Fact]
    public void TypingInTheComposerTellsTheServerAndTakesTheLock()
    {
        SignIn(Agent("Ayesha Siddiqui", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        cut.Find("textarea").Input("J");
        cut.Find("textarea").Input("Ji");

        var typing = Assert.Single(Dispatched.OfType<ComposerTypingAction>()); // renewed every few seconds, not per keystroke
        Assert.Equal((conversation.Id, true), (typing.ConversationId, typing.Typing));
    }

    [Fact]
    public void AStaleRefusalShowsWhatArrivedAndKeepsTheDraft()
    {
        SignIn(Agent("Ayesha Siddiqui", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        var first = Message(conversation, "Hello?", MessageDirection.Inbound, minutesAgo: 3);
        OpenThread(conversation, first);
        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));
        cut.Find("textarea").Input("Ji bataiye");
        cut.Find("[data-testid=send-button]").Click();
        var send = Dispatched.OfType<SendReplyAction>().Single();
        Assert.Equal(first.Id, send.LastSeenMessageId);

        var arrived = Message(conversation, "Order ZF-48213 cancel karna hai", MessageDirection.Inbound, minutesAgo: 0);
        Store.Dispatch(new ReplyFailedAction(conversation.Id, new Problem(ProblemCodes.Stale, "new messages",
            new Dictionary<string, object?> { ["newMessages"] = new List<MessageView> { arrived } })));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("1 new message arrived while you were writing", cut.Find("[data-testid=composer-problem]").TextContent);
            Assert.Equal("Ji bataiye", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        });
        Assert.Contains(State<ConversationState>().Messages, m => m.Id == arrived.Id);

        cut.Find("[data-testid=send-button]").Click();
        Assert.Equal(arrived.Id, Dispatched.OfType<SendReplyAction>().Last().LastSeenMessageId);
    }

    [Fact]
    public void ListRowsShowWhoIsViewingAndWhoIsTyping()
    {
        var bilal = SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var viewed = Conversation(1042, "Fatima Khan");
        var typedIn = Conversation(1043, "Ali Raza");
        var quiet = Conversation(1044, "Hira Malik");
        ShowInbox(bilal, InboxView.Team, viewed, typedIn, quiet);
        Present(viewed, [Ayesha], []);
        Present(typedIn, [Ayesha], [Ayesha]);

        var cut = Render<ConversationList>();

        var rows = cut.FindAll("[data-testid=conversation-row]");
        Assert.NotNull(rows[0].QuerySelector("[data-testid=row-viewing]"));
        Assert.Contains("Ayesha", rows[0].QuerySelector("[data-testid=row-presence]")!.TextContent);
        Assert.NotNull(rows[1].QuerySelector("[data-testid=row-typing]"));
        Assert.Null(rows[2].QuerySelector("[data-testid=row-presence]"));
    }

    [Fact]
    public void TheThreadHeaderShowsTheOthersHereAndLeavesMeOut()
    {
        var me = Agent("Bilal Ahmed", Roles.Agent, Support);
        SignIn(me);
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        Present(conversation, [Ayesha, new PresentAgent(me.Id, me.Name)], [Ayesha]);

        var cut = Render<ThreadView>();

        var agents = cut.FindAll("[data-testid=presence-agent]");
        Assert.Equal(["Ayesha Siddiqui"], agents.Select(a => a.GetAttribute("data-agent")));
        Assert.Contains("sp-presence-typing", agents[0].ClassName);
    }

    [Theory]
    [InlineData(Roles.Agent, false, "take-button")]
    [InlineData(Roles.Agent, true, "ask-takeover-button")]
    [InlineData(Roles.ShiftLead, true, "takeover-button")]
    public void OwnershipActionsOfferOnlyWhatWillSucceed(string role, bool ownedByAnother, string offered)
    {
        SignIn(Agent("Bilal Ahmed", role, Support));
        var conversation = ownedByAnother ? Conversation(1042, "Fatima Khan", ownerId: AyeshaId, ownerName: "Ayesha Siddiqui") : Conversation(1042, "Fatima Khan");
        OpenThread(conversation);

        var cut = Render<OwnershipActions>(p => p.Add(c => c.Conversation, conversation));

        var buttons = new[] { "take-button", "ask-takeover-button", "takeover-button", "release-button" }
            .Where(id => cut.FindAll($"[data-testid={id}]").Count > 0).ToList();
        Assert.Contains(offered, buttons);
        if (role == Roles.Agent) Assert.DoesNotContain("takeover-button", buttons);
        if (role == Roles.Agent) Assert.Empty(cut.FindAll("[data-testid=assign-menu]"));
    }

    [Fact]
    public void AskingToTakeOverDispatchesTheRequest()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan", ownerId: AyeshaId, ownerName: "Ayesha Siddiqui");
        OpenThread(conversation);
        var cut = Render<OwnershipActions>(p => p.Add(c => c.Conversation, conversation));

        cut.Find("[data-testid=ask-takeover-button]").Click();
        Store.Dispatch(new TakeoverRequestSentAction(conversation.Id, "Ayesha Siddiqui"));

        Assert.Equal(conversation.Id, Dispatched.OfType<RequestTakeoverAction>().Single().ConversationId);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=takeover-requested]")));
    }

    [Fact]
    public void ALeadCanAssignToTheTeamsAgents()
    {
        SignIn(Agent("Sana Malik", Roles.ShiftLead, Support));
        var zara = Agent("Zara Hussain", Roles.Agent, Support);
        Store.Dispatch(new DirectoryLoadedAction([zara, Agent("Hamza Sheikh", Roles.Agent, new TeamView(2, "Ops"))]));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        var cut = Render<OwnershipActions>(p => p.Add(c => c.Conversation, conversation));

        cut.Find("[data-testid=assign-menu] button").Click();

        var choices = Popovers.WaitForElements("[data-testid=assign-to]");
        Assert.Equal(["Zara Hussain"], choices.Select(c => c.GetAttribute("data-agent")));
        choices.Single().Click();
        var assign = Dispatched.OfType<ChangeOwnershipAction>().Single();
        Assert.Equal((OwnershipMove.Assign, zara.Id), (assign.Move, assign.AgentId!.Value));
    }
}
