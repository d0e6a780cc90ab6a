using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The composer and thread around WhatsApp's rules: the 24-hour window, templates, and refused messages.</summary>
public sealed class WhatsAppComponentTests : ComponentTestContext
{
    private static readonly TemplateView[] Templates =
    [
        new(Guid.NewGuid(), "follow_up", "en", "Hi {{1}}, we are following up on your earlier message.", 1),
        new(Guid.NewGuid(), "order_update", "en", "Hello {{1}}, your order {{2}} is on its way with {{3}}.", 3),
    ];

    private FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    /// <summary>Ayesha owns a conversation whose customer last wrote <paramref name="customerWroteAgo"/> ago.</summary>
    private IRenderedComponent<Composer> ComposerFor(TimeSpan customerWroteAgo)
    {
        var ayesha = Agent("Ayesha", Roles.Agent, Support);
        SignIn(ayesha);
        var conversation = Conversation(1034, "Saima Rauf", ownerId: ayesha.Id, ownerName: ayesha.Name) with { LastInboundAt = Now - customerWroteAgo };
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, []), Templates));
        return Render<Composer>(p => p.Add(c => c.Conversation, conversation));
    }

    [Fact]
    public void WhileTheWindowIsOpenTheComposerShowsTheTimeLeft()
    {
        var cut = ComposerFor(TimeSpan.FromHours(1));

        Assert.Contains("23h 0m left", cut.Find("[data-testid=window-left]").TextContent);
        Assert.DoesNotContain("sp-window-ending", cut.Find("[data-testid=window-left]").ClassName);
        Assert.Empty(cut.FindAll("[data-testid=template-form]"));
    }

    [Fact]
    public void TheLastHoursOfTheWindowAreHighlighted()
    {
        var cut = ComposerFor(TimeSpan.FromHours(22.5));

        Assert.Contains("1h 30m left", cut.Find("[data-testid=window-left]").TextContent);
        Assert.Contains("sp-window-ending", cut.Find("[data-testid=window-left]").ClassName);
    }

    [Fact]
    public void OnceTheWindowClosesOnlyTemplatesAreOfferedWithoutAReload()
    {
        var cut = ComposerFor(TimeSpan.FromHours(23.9));
        Assert.NotEmpty(cut.FindAll("[data-testid=send-button]"));

        Clock.Advance(TimeSpan.FromMinutes(7)); // the composer's own timer notices

        cut.WaitForAssertion(() => Assert.Contains("24-hour window is closed", cut.Find("[data-testid=window-closed]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=send-button]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=template-form]"));
    }

    [Fact]
    public void ATemplateIsFilledInWithAPreviewAndSentAsATemplate()
    {
        var cut = ComposerFor(TimeSpan.FromDays(2));
        Assert.Equal("Hi Saima, we are following up on your earlier message.", cut.Find("[data-testid=template-preview]").TextContent);

        cut.Find("[data-testid=template-select]").MouseDown();
        Popovers.FindAll("[data-testid=template-option]").Single(o => o.GetAttribute("data-name") == "order_update").Click();
        cut.Find("[data-testid=template-param-2]").Input("ZF-48213");
        Assert.True(cut.Find("[data-testid=send-template-button]").HasAttribute("disabled")); // {{3}} still empty
        cut.Find("[data-testid=template-param-3]").Input("TCS");
        Assert.Equal("Hello Saima, your order ZF-48213 is on its way with TCS.", cut.Find("[data-testid=template-preview]").TextContent);
        cut.Find("[data-testid=send-template-button]").Click();

        var send = Assert.IsType<SendReplyAction>(Dispatched.Last(a => a is SendReplyAction));
        Assert.Equal(("order_update", "en"), (send.Template!.Name, send.Template.Language));
        Assert.Equal(["Saima", "ZF-48213", "TCS"], send.Template.Parameters!);
    }

    [Fact]
    public void AFailedMessageShowsWhatsAppsReasonAndTheOwnerCanRetryIt()
    {
        var ayesha = Agent("Ayesha", Roles.Agent, Support);
        SignIn(ayesha);
        var conversation = Conversation(1046, "Kashif Mir", ownerId: ayesha.Id, ownerName: ayesha.Name);
        var failed = Message(conversation, "Aap ka order confirm hai.", MessageDirection.Outbound, DeliveryStatus.Failed, "Ayesha") with
        {
            Channel = new MessageChannelDetails(null, null, null, null, 131026, "Message undeliverable", null),
        };
        OpenThread(conversation, failed);

        var cut = Render<ThreadView>();
        Assert.Contains("Not delivered: Message undeliverable (131026)", cut.Find("[data-testid=message-error]").TextContent);
        cut.Find("[data-testid=retry-message]").Click();

        var retry = Assert.IsType<RetryMessageAction>(Dispatched.Last(a => a is RetryMessageAction));
        Assert.Equal((conversation.Id, failed.Id), (retry.ConversationId, retry.MessageId));
    }

    [Fact]
    public void SomeoneWhoDoesNotOwnTheConversationSeesTheReasonButNoRetry()
    {
        SignIn(Agent("Bilal", Roles.Agent, Support));
        var conversation = Conversation(1046, "Kashif Mir", ownerId: Guid.NewGuid(), ownerName: "Ayesha Siddiqui");
        var failed = Message(conversation, "Aap ka order confirm hai.", MessageDirection.Outbound, DeliveryStatus.Failed, "Ayesha") with
        {
            Channel = new MessageChannelDetails(null, null, null, null, 131026, "Message undeliverable", null),
        };
        OpenThread(conversation, failed);

        var cut = Render<ThreadView>();

        Assert.NotEmpty(cut.FindAll("[data-testid=message-error]"));
        Assert.Empty(cut.FindAll("[data-testid=retry-message]"));
    }

    [Fact]
    public void MediaMessagesSayWhatTheyAreWithTheirCaptionAndFileName()
    {
        SignIn(Agent("Ayesha", Roles.Agent, Support));
        var conversation = Conversation(1050, "Usman Tariq");
        var document = Message(conversation, "Invoice for GB-77102", MessageDirection.Inbound) with
        {
            Type = MessageType.Document,
            Channel = new MessageChannelDetails("wamid.x", "1284871712737426", "application/pdf", "invoice-GB-77102.pdf", null, null, null),
        };
        var voice = Message(conversation, "", MessageDirection.Inbound) with { Type = MessageType.Audio };
        OpenThread(conversation, document, voice);

        var cut = Render<ThreadView>();

        var kinds = cut.FindAll("[data-testid=message-kind]").Select(k => k.TextContent).ToList();
        Assert.Contains(kinds, k => k.Contains("📄 Document") && k.Contains("invoice-GB-77102.pdf"));
        Assert.Contains(kinds, k => k.Contains("🎤 Voice message"));
        Assert.Contains("Invoice for GB-77102", cut.Find("[data-testid=message-body]").TextContent);
    }
}
