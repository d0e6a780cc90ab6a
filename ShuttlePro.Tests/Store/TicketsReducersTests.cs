using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.TicketsFeature;

namespace ShuttlePro.Tests.Store;

/// <summary>Live tickets in the list, the open ticket page and the open conversation's chips and lines.</summary>
public sealed class TicketsReducersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid ConversationId = Guid.NewGuid();

    private static TicketSummary Ticket(int number, TicketStatus status = TicketStatus.New, int version = 1, Guid? id = null,
        TicketPriority priority = TicketPriority.High, int hoursDue = 8) =>
        new(id ?? Guid.NewGuid(), number, ConversationId, 1006, "Ahmed Siddiqui", "Complaint", priority, status, 1, "Support", null, null,
            "Complaint: Ahmed", T0, T0, T0.AddHours(1), null, T0.AddHours(hoursDue * 0.8), T0.AddHours(hoursDue),
            status is TicketStatus.Solved ? T0.AddHours(1) : null, null, version, 1, []);

    private static TicketEventView Event(TicketSummary ticket, TicketEventKind kind) =>
        new(Guid.NewGuid(), ticket.Id, kind, Guid.NewGuid(), "Ayesha Siddiqui", T0, null, "High", kind == TicketEventKind.Solved ? "Refunded" : null, null);

    [Fact]
    public void ANewTicketMatchingTheFilterShouldJoinTheListInDueOrder()
    {
        var later = Ticket(1001, hoursDue: 20);
        var state = TicketsState.Initial with { Rows = [later] };
        var sooner = Ticket(1002, hoursDue: 2);

        var next = TicketsReducers.OnLiveUpdated(state, new LiveTicketUpdatedAction(sooner, [Event(sooner, TicketEventKind.Created)], T0));

        Assert.Equal([1002, 1001], next.Rows.Select(r => r.Number));
    }

    [Fact]
    public void ASolvedTicketShouldLeaveTheOpenListAndAnOlderVersionShouldNeverOverwriteANewerOne()
    {
        var ticket = Ticket(1001, version: 3);
        var state = TicketsState.Initial with { Rows = [ticket] };

        var stale = TicketsReducers.OnLiveUpdated(state, new LiveTicketUpdatedAction(ticket with { Version = 2, Status = TicketStatus.Open }, [], T0));
        Assert.Same(state, stale);

        var solved = TicketsReducers.OnLiveUpdated(state, new LiveTicketUpdatedAction(ticket with { Version = 4, Status = TicketStatus.Solved }, [], T0));
        Assert.Empty(solved.Rows);
    }

    [Fact]
    public void TheOpenTicketPageShouldGainTheNewTimelineLinesAndTheResolution()
    {
        var ticket = Ticket(1001);
        var created = Event(ticket, TicketEventKind.Created);
        var state = TicketsState.Initial with
        {
            OpenId = ticket.Id,
            Open = new TicketDetail(ticket, "Parcel damaged", null, null, "Ayesha Siddiqui", null, null, null, [created]),
        };
        var solvedTicket = ticket with { Status = TicketStatus.Solved, Version = 2, SolvedAt = T0 };
        var solved = Event(solvedTicket, TicketEventKind.Solved);

        var next = TicketsReducers.OnLiveUpdated(state, new LiveTicketUpdatedAction(solvedTicket, [solved], T0));
        var again = TicketsReducers.OnLiveUpdated(next, new LiveTicketUpdatedAction(solvedTicket, [solved], T0));

        Assert.Equal([created.Id, solved.Id], again.Open!.Timeline.Select(e => e.Id));
        Assert.Equal("Refunded", again.Open.Resolution);
        Assert.Equal(TicketStatus.Solved, again.Open.Summary.Status);
    }

    [Fact]
    public void TheOpenConversationShouldShowTheChipAndOnlyItsCreatedAndSolvedLines()
    {
        var state = ConversationState.Initial with { OpenId = ConversationId };
        var ticket = Ticket(1001);

        var created = ConversationReducers.OnTicketUpdated(state, new LiveTicketUpdatedAction(ticket, [Event(ticket, TicketEventKind.Created)], T0));
        var commented = ConversationReducers.OnTicketUpdated(created,
            new LiveTicketUpdatedAction(ticket with { Version = 2 }, [Event(ticket, TicketEventKind.Comment)], T0));
        var elsewhere = ConversationReducers.OnTicketUpdated(ConversationState.Initial with { OpenId = Guid.NewGuid() },
            new LiveTicketUpdatedAction(ticket, [Event(ticket, TicketEventKind.Created)], T0));

        Assert.Equal(2, Assert.Single(commented.Tickets).Version);
        Assert.Equal(["Escalation: ticket SP-1001 created (Complaint, High)"], commented.TicketLines.Select(l => l.Text));
        Assert.Empty(elsewhere.Tickets);
    }

    [Fact]
    public void ATicketThatMovedOutOfSightShouldLeaveTheListAndCloseItsPage()
    {
        var ticket = Ticket(1001);
        var state = TicketsState.Initial with
        {
            Rows = [ticket, Ticket(1002)],
            OpenId = ticket.Id,
            Open = new TicketDetail(ticket, "", null, null, "Ayesha Siddiqui", null, null, null, []),
        };

        var next = TicketsReducers.OnRemoved(state, new TicketRemovedAction(ticket.Id, ConversationId));

        Assert.Equal([1002], next.Rows.Select(r => r.Number));
        Assert.Null(next.Open);
        Assert.Equal("not_found", next.OpenProblem?.Code);
    }
}
