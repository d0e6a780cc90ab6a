using Microsoft.Extensions.DependencyInjection;
using Bunit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;

namespace ShuttlePro.Tests.Components;

public sealed class ComposerTests : ComponentTestContext
{
    /// <summary>Ayesha, signed in, with the composer of a conversation she owns (or that nobody owns).</summary>
    private (IRenderedComponent<Composer> Cut, ConversationSummary Conversation) ComposeAsAyesha(bool owned = true)
    {
        var ayesha = Agent("Ayesha", Roles.Agent, Support);
        SignIn(ayesha);
        var conversation = owned ? Conversation(1042, "Fatima Khan", ownerId: ayesha.Id, ownerName: ayesha.Name) : Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        return (Render<Composer>(p => p.Add(c => c.Conversation, conversation)), conversation);
    }

    [Fact]
    public void OnAnUnownedConversationTheComposerSaysReplyingTakesIt()
    {
        var (cut, _) = ComposeAsAyesha(owned: false);

        Assert.Contains("makes you the owner of #1042", cut.Find("[data-testid=composer-take-note]").TextContent);
    }

    [Fact]
    public void ANonOwnerIsToldBeforeTypingAndCannotSend()
    {
        SignIn(Agent("Bilal", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan", ownerId: Guid.NewGuid(), ownerName: "Ayesha Siddiqui");
        OpenThread(conversation);

        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));
        cut.Find("textarea").Input("Let me answer");

        Assert.Contains("Ayesha Siddiqui owns this conversation", cut.Find("[data-testid=composer-owner-note]").TextContent);
        Assert.True(cut.Find("[data-testid=send-button]").HasAttribute("disabled"));
    }

    [Fact]
    public void SendingDispatchesTheReplyForThisConversation()
    {
        var (cut, conversation) = ComposeAsAyesha();

        cut.Find("textarea").Input("Aap ka order kal deliver hoga");
        cut.Find("[data-testid=send-button]").Click();

        var send = Assert.IsType<SendReplyAction>(Dispatched.Last(a => a is SendReplyAction));
        Assert.Equal((conversation.Id, "Aap ka order kal deliver hoga"), (send.ConversationId, send.Body));
    }

    [Fact]
    public void ARefusedSendShowsWhyAndKeepsTheDraft()
    {
        var (cut, conversation) = ComposeAsAyesha(owned: false);
        cut.Find("textarea").Input("My careful answer");
        cut.Find("[data-testid=send-button]").Click();

        Store.Dispatch(new ReplyFailedAction(conversation.Id,
            new Problem(ProblemCodes.NotOwner, "Only the conversation's owner can reply. Add a note or ask them to hand it over.")));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Only the conversation's owner can reply", cut.Find("[data-testid=composer-problem]").TextContent);
            Assert.Equal("My careful answer", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        });
    }

    [Fact]
    public void ASuccessfulSendClearsTheComposer()
    {
        var (cut, conversation) = ComposeAsAyesha();
        cut.Find("textarea").Input("Done!");
        cut.Find("[data-testid=send-button]").Click();

        Store.Dispatch(new ReplySentAction(conversation.Id, Message(conversation, "Done!", MessageDirection.Outbound, DeliveryStatus.Pending, "Ayesha")));

        cut.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent)));
    }

    [Fact]
    public void AnEmptyOrOverLongReplyCannotBeSent()
    {
        var (cut, _) = ComposeAsAyesha();

        Assert.True(cut.Find("[data-testid=send-button]").HasAttribute("disabled"));
        cut.Find("textarea").Input("   ");
        Assert.True(cut.Find("[data-testid=send-button]").HasAttribute("disabled"));
    }

    private IReadOnlyList<BrowserDraft?> KeptInTab() =>
        JSInterop.Invocations["shuttle.drafts.keep"].Select(i => i.Arguments[1] as BrowserDraft).ToList();

    private string Shown(IRenderedComponent<Composer> cut) => cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent;

    [Fact]
    public void ADraftKeptInTheTabComesBackWhenTheCircuitHasNone()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan", ownerId: ayesha.AgentId, ownerName: "Ayesha");
        var seen = Message(conversation, "Order kab aayega?", MessageDirection.Inbound);
        OpenThread(conversation, seen);
        JSInterop.Setup<BrowserDraft?>("shuttle.drafts.load", i => ((string)i.Arguments[0]!).EndsWith(conversation.Id.ToString("N")))
            .SetResult(new BrowserDraft("Kal tak pohanch jayega", Note: true, Seen: seen.Id));

        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        cut.WaitForAssertion(() => Assert.Equal("Kal tak pohanch jayega", Shown(cut)));
        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
        Assert.Equal("Kal tak pohanch jayega", State<ConversationState>().DraftFor(conversation.Id));
    }

    [Fact]
    public void TypingKeepsTheDraftInTheTabAMomentLaterAndASentReplyIsForgottenAtOnce()
    {
        var (cut, conversation) = ComposeAsAyesha();
        var clock = (Microsoft.Extensions.Time.Testing.FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

        cut.Find("textarea").Input("Aap ka order kal deliver hoga");
        Assert.DoesNotContain(KeptInTab(), d => d is not null); // not on every keystroke
        clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Aap ka order kal deliver hoga", KeptInTab().LastOrDefault()?.Text));

        cut.Find("[data-testid=send-button]").Click();
        Store.Dispatch(new ReplySentAction(conversation.Id, Message(conversation, "Aap ka order kal deliver hoga", MessageDirection.Outbound,
            DeliveryStatus.Pending, "Ayesha")));

        cut.WaitForAssertion(() => Assert.Null(KeptInTab()[^1]));
    }
}
