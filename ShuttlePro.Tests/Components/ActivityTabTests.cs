using Bunit;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The context panel's Activity tab: asked for when opened, one line per event with its kind, words and time.</summary>
public sealed class ActivityTabTests : ComponentTestContext
{
    private static ActivityItem Item(long sequence, ActivityKind kind, string action, string title, string? text, int minutesAgo) =>
        new(sequence, Now.AddMinutes(-minutesAgo), Guid.NewGuid(), "Ayesha Khan", action, kind, title, text);

    private static readonly ActivityItem[] Timeline =
    [
        Item(10, ActivityKind.CustomerMessage, AuditActions.MessageReceived, "Customer wrote", "Order ZF-48213 kab aayega?", 30),
        Item(11, ActivityKind.Ownership, AuditActions.ConversationTaken, "Ayesha Khan took the conversation", null, 29),
        Item(12, ActivityKind.Reply, AuditActions.MessageSent, "Ayesha Khan replied", "Ji, main check karti hoon", 28),
        Item(13, ActivityKind.Note, AuditActions.NoteAdded, "Ayesha Khan wrote a note", "TCS tracking shows Lahore hub", 27),
        Item(14, ActivityKind.Handoff, AuditActions.HandoffCreated, "Handoff: Ayesha Khan → Ops (team)", "Courier check please", 20),
    ];

    private IRenderedComponent<ContextPanel> RenderPanel(ConversationSummary conversation)
    {
        OpenThread(conversation);
        return Render<ContextPanel>();
    }

    [Fact]
    public void OpeningTheActivityTabShouldAskForTheTimelineAndShowItNewestFirst()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Nida Pervez");
        var cut = RenderPanel(conversation);
        Assert.NotEmpty(cut.FindAll("[data-testid=context-owner]")); // Details is the first tab
        Assert.Empty(cut.FindAll("[data-testid=activity-panel]"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Activity")).Click();

        Assert.Equal(new ShowActivityAction(conversation.Id, true), Dispatched.OfType<ShowActivityAction>().Single());
        Store.Dispatch(new ActivityLoadedAction(conversation.Id, Timeline));
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=activity-item]").Count));
        var items = cut.FindAll("[data-testid=activity-item]");
        Assert.Equal(["Handoff", "Note", "Reply", "Ownership", "CustomerMessage"], items.Select(i => i.GetAttribute("data-kind")));
        Assert.Contains("sp-tone-handoff", items[0].ClassName);
        Assert.Equal("Courier check please", items[0].QuerySelector("[data-testid=activity-text]")!.TextContent);
        Assert.Equal("Customer wrote", items[^1].QuerySelector("[data-testid=activity-title]")!.TextContent);
        Assert.Equal(Now.AddMinutes(-30).ToLocalTime().ToString("HH:mm"), items[^1].QuerySelector("time")!.TextContent);
        Assert.Null(items[3].QuerySelector("[data-testid=activity-text]")); // an ownership change has no text
        Assert.Empty(cut.FindAll("[data-testid=activity-audit-link]")); // agents do not read the audit trail

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Details")).Click();
        Assert.Equal(new ShowActivityAction(conversation.Id, false), Dispatched.OfType<ShowActivityAction>().Last());
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.ShiftLead)]
    public void LeadsShouldGetALinkToTheConversationsAuditTrail(string role)
    {
        SignIn(Agent("Imran Qureshi", role, Support));
        var conversation = Conversation(1042, "Nida Pervez");
        var cut = RenderPanel(conversation);

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Activity")).Click();

        cut.WaitForAssertion(() => Assert.Equal($"/audit?conversationId={conversation.Id}",
            cut.Find("[data-testid=activity-audit-link]").GetAttribute("href")));
    }

    [Fact]
    public void ARefusalShouldBeShownInsteadOfAnEmptyTimeline()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Nida Pervez");
        var cut = RenderPanel(conversation);
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Activity")).Click();

        Store.Dispatch(new LoadActivityAction(conversation.Id));
        Store.Dispatch(new ActivityLoadFailedAction(conversation.Id, ShuttlePro.Core.Common.Problem.NotFound("The conversation")));

        cut.WaitForAssertion(() => Assert.Contains("not found", cut.Find("[data-testid=activity-problem]").TextContent));
    }
}
