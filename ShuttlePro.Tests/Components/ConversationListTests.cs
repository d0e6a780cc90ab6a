using Bunit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Tests.Components;

public sealed class ConversationListTests : ComponentTestContext
{
    [Fact]
    public void RowsShowContactBrandPreviewWaitingAndOwner()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        ShowInbox(ayesha, InboxView.Team,
            Conversation(1042, "Fatima Khan", minutesAgo: 12),
            Conversation(1043, "Ali Raza", ownerId: Guid.NewGuid(), ownerName: "Bilal Ahmed", preview: "Tracking?"));

        var cut = Render<ConversationList>();

        var rows = cut.FindAll("[data-testid=conversation-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Fatima Khan", rows[0].TextContent);
        Assert.Contains("Zeenat Fashion", rows[0].TextContent);
        Assert.Contains("#1042", rows[0].TextContent);
        Assert.Equal("waiting 12m", rows[0].QuerySelector("[data-testid=row-waiting]")!.TextContent.Trim());
        Assert.Contains("Support queue", rows[0].QuerySelector("[data-testid=row-owner]")!.TextContent);
        Assert.Contains("Bilal Ahmed", rows[1].QuerySelector("[data-testid=row-owner]")!.TextContent);
        Assert.Equal("Tracking?", rows[1].QuerySelector("[data-testid=row-preview]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ALiveUpdateFromAnotherThreadAppearsWithoutARefresh()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        ShowInbox(ayesha, InboxView.Team, Conversation(1042, "Fatima Khan"));
        var cut = Render<ConversationList>();

        // Live events arrive on the bus's threads, never on the renderer's.
        await Task.Run(() => Store.Dispatch(new LiveConversationUpdatedAction(Conversation(1050, "Iqra Aziz", minutesAgo: 0))));

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=conversation-row]");
            Assert.Equal(2, rows.Count);
            Assert.Contains("Iqra Aziz", rows[0].TextContent);
        });
    }

    [Fact]
    public void TheSelectedConversationIsHighlighted()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        var selected = Conversation(1042, "Fatima Khan");
        ShowInbox(ayesha, InboxView.Team, selected, Conversation(1043, "Ali Raza"));

        var cut = Render<ConversationList>(p => p.Add(c => c.SelectedId, selected.Id));

        Assert.Single(cut.FindAll(".sp-row-selected"));
        Assert.Equal(selected.Id.ToString(), cut.Find(".sp-row-selected").GetAttribute("data-conversation-id"));
    }

    [Fact]
    public void ChoosingAViewLoadsIt()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        ShowInbox(ayesha, InboxView.Team);
        var cut = Render<ConversationList>();

        cut.FindAll("[data-testid=view-tabs] button").Single(b => b.TextContent.Contains("Mine")).Click();

        var load = Assert.IsType<LoadInboxAction>(Dispatched.Last(a => a is LoadInboxAction));
        Assert.Equal(InboxView.Mine, load.Filter.View);
        Assert.Equal(ConversationStatus.Open, load.Filter.Status);
    }

    [Fact]
    public void OnlySupervisorsAndAdminsAreOfferedTheAllView()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        ShowInbox(ayesha, InboxView.Team);
        var agentView = Render<ConversationList>();
        Assert.DoesNotContain(agentView.FindAll("[data-testid=view-tabs] button"), b => b.TextContent.Trim() == "All");

        var imran = SignIn(Agent("Imran", Roles.Supervisor));
        ShowInbox(imran, InboxView.All);
        var supervisorView = Render<ConversationList>();
        Assert.Contains(supervisorView.FindAll("[data-testid=view-tabs] button"), b => b.TextContent.Trim() == "All");
    }

    [Fact]
    public void AnEmptyViewSaysSo()
    {
        var ayesha = SignIn(Agent("Ayesha", Roles.Agent, Support));
        ShowInbox(ayesha, InboxView.Mine);

        var cut = Render<ConversationList>();

        Assert.Empty(cut.FindAll("[data-testid=conversation-row]"));
        Assert.Contains("Conversations you own show up here", cut.Find("[data-testid=list-empty]").TextContent);
    }
}
