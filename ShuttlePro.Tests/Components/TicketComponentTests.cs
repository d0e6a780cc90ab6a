using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Components.Pages.Tickets;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.TicketsFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The escalation form (two clicks, pre-filled, refusals kept), the ticket chip's SLA states, and chips that follow live changes.</summary>
public sealed class TicketComponentTests : ComponentTestContext
{
    private static TicketSummary Ticket(ConversationSummary conversation, int number, string type = "Complaint",
        TicketStatus status = TicketStatus.New, double warnInHours = 6, double dueInHours = 8, int version = 1) =>
        new(Guid.NewGuid(), number, conversation.Id, conversation.Number, conversation.Contact.Name, type, TicketPriority.High, status,
            Support.Id, Support.Name, null, null, $"{type}: {conversation.Contact.Name}", Now.AddHours(-1), Now.AddHours(-1),
            Now.AddHours(-0.5), Now.AddHours(-0.6), Now.AddHours(warnInHours), Now.AddHours(dueInHours),
            status is TicketStatus.Solved ? Now : null, null, version, Support.Id, []);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenEscalationAsync(ConversationSummary conversation)
    {
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => service.ShowAsync<EscalateDialog>("Escalate",
            new DialogParameters<EscalateDialog> { { d => d.Conversation, conversation } }));
        return dialogs;
    }

    [Fact]
    public async Task TheEscalationFormShouldOpenPreFilledSoThatOneMoreClickCreatesTheTicket()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        var conversation = Conversation(1006, "Ahmed Siddiqui", me.Id, me.Name);
        var openComplaint = Ticket(conversation, 1001);
        var dialogs = await OpenEscalationAsync(conversation);
        Assert.Equal(conversation.Id, Dispatched.OfType<LoadEscalationDraftAction>().Single().ConversationId);

        Store.Dispatch(new EscalationDraftLoadedAction(conversation.Id, new EscalationDraft(conversation.Id, "Ahmed Siddiqui — COD change nahi tha",
            "Customer: Ahmed Siddiqui", ["Complaint", "Delivery issue", "Refund"], Support.Id,
            [new TeamMembers(Support.Id, Support.Name, [new AgentRef(me.Id, me.Name)])], [openComplaint]), null));

        dialogs.WaitForAssertion(() => Assert.Equal("Delivery issue: Ahmed Siddiqui — COD change nahi tha",
            dialogs.Find("[data-testid=escalate-title]").GetAttribute("value")));
        dialogs.Find("[data-testid=escalate-submit]").Click();

        var escalation = Dispatched.OfType<EscalateTicketAction>().Single();
        Assert.Equal(conversation.Id, escalation.ConversationId);
        Assert.Equal(new EscalateTicket("Delivery issue", TicketPriority.Normal, "Delivery issue: Ahmed Siddiqui — COD change nahi tha",
            "Customer: Ahmed Siddiqui", me.Id, Support.Id), escalation.Request);

        // A refusal keeps the form and says why; success closes it.
        Store.Dispatch(new EscalationFinishedAction(conversation.Id, null, new ShuttlePro.Core.Common.Problem(ShuttlePro.Core.Tickets.Ticket.AlreadyOpen,
            "SP-1002 (Delivery issue) is already open on this conversation.")));
        dialogs.WaitForAssertion(() => Assert.Contains("SP-1002", dialogs.Find("[data-testid=escalate-problem]").TextContent));
        dialogs.Find("[data-testid=escalate-submit]").Click();
        Store.Dispatch(new EscalationFinishedAction(conversation.Id, Ticket(conversation, 1003, "Delivery issue"), null));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=escalate-dialog]")));
    }

    [Fact]
    public async Task TheFormShouldNotOfferToCreateASecondOpenTicketOfTheSameType()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        var conversation = Conversation(1006, "Ahmed Siddiqui");
        var dialogs = await OpenEscalationAsync(conversation);
        Store.Dispatch(new EscalationDraftLoadedAction(conversation.Id, new EscalationDraft(conversation.Id, "Ahmed", "", ["Complaint"], Support.Id,
            [new TeamMembers(Support.Id, Support.Name, [])], [Ticket(conversation, 1001)]), null));

        dialogs.WaitForAssertion(() => Assert.Contains("SP-1001", dialogs.Find("[data-testid=escalate-already-open]").TextContent));
        Assert.True(dialogs.Find("[data-testid=escalate-submit]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(6, 8, TicketStatus.Open, "OnTrack", "Due ")]
    [InlineData(-1, 2, TicketStatus.Open, "Approaching", "Due ")]
    [InlineData(-3, -2, TicketStatus.Pending, "Breached", "Overdue ")]
    [InlineData(-3, 2, TicketStatus.Solved, "Met", "SLA met")]
    public void TheChipShouldShowWhereATicketStandsAgainstItsSla(double warnInHours, double dueInHours, TicketStatus status, string sla, string text)
    {
        var ticket = Ticket(Conversation(1006, "Ahmed Siddiqui"), 1001, status: status, warnInHours: warnInHours, dueInHours: dueInHours);

        var chip = Render<TicketChip>(p => p.Add(c => c.Ticket, ticket).Add(c => c.Now, Now)).Find("[data-testid=ticket-chip]");

        Assert.Equal(sla, chip.GetAttribute("data-sla"));
        Assert.Contains($"sp-sla-{sla.ToLowerInvariant()}", chip.ClassName);
        Assert.Contains(text, chip.TextContent);
        Assert.Equal($"/tickets/{ticket.Id}", chip.GetAttribute("href"));
    }

    [Fact]
    public void TheContextPanelsChipShouldFollowTheTicketLive()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        var conversation = Conversation(1006, "Ahmed Siddiqui", me.Id, me.Name);
        var ticket = Ticket(conversation, 1001);
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, []) { Tickets = [ticket] }));
        var cut = Render<ContextPanel>();
        Assert.Equal("New", cut.Find("[data-testid=ticket-chip]").GetAttribute("data-status"));

        Store.Dispatch(new LiveTicketUpdatedAction(ticket with { Status = TicketStatus.Pending, Version = 2 }, [], Now));

        cut.WaitForAssertion(() => Assert.Equal("Pending", cut.Find("[data-testid=ticket-chip]").GetAttribute("data-status")));
    }

    [Fact]
    public void TheOwnerShouldPutTheReplyDraftedOnASolvedTicketIntoTheComposerWithOneClick()
    {
        var me = Agent("Bilal Ahmed", Roles.Agent, Support);
        SignIn(me);
        var conversation = Conversation(1019, "Naveed Akhtar", me.Id, me.Name);
        var solved = Ticket(conversation, 1001, status: TicketStatus.Solved) with { ReplyDraft = "Parcel kal subah aa jayega." };
        var line = new TicketLine(solved, new TicketEventView(Guid.NewGuid(), solved.Id, TicketEventKind.Solved, Guid.NewGuid(), "Imran Qureshi", Now,
            "Open", "Solved", "Leopards re-dispatched", null));
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation,
            [Message(conversation, "Parcel kahan hai?", MessageDirection.Inbound)]) { Tickets = [solved], TicketLines = [line] }));
        var cut = Render<ThreadView>();
        cut.Find("[data-testid=composer-input]").Input("Ek minute");

        Assert.Equal("Ticket SP-1001 solved by Imran Qureshi", cut.Find("[data-testid=ticket-line-text]").TextContent);
        cut.Find("[data-testid=use-drafted-reply]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Parcel kal subah aa jayega.", cut.Find("[data-testid=composer-input]").GetAttribute("value")));
        Assert.Equal("reply", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
    }

    [Fact]
    public void OnlyTheConversationsOwnerShouldBeOfferedTheDraftedReply()
    {
        SignIn(Agent("Ayesha Siddiqui", Roles.Agent, Support));
        var conversation = Conversation(1019, "Naveed Akhtar", Guid.NewGuid(), "Bilal Ahmed");
        var solved = Ticket(conversation, 1001, status: TicketStatus.Solved) with { ReplyDraft = "Parcel kal subah aa jayega." };
        var line = new TicketLine(solved, new TicketEventView(Guid.NewGuid(), solved.Id, TicketEventKind.Solved, Guid.NewGuid(), "Imran Qureshi", Now,
            "Open", "Solved", "Leopards re-dispatched", null));
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, []) { Tickets = [solved], TicketLines = [line] }));

        var cut = Render<ThreadView>();

        Assert.Contains("Parcel kal subah aa jayega.", cut.Find("[data-testid=ticket-line-draft]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=use-drafted-reply]"));
    }
}
