using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Escalation into tickets, their lifecycle and who may run it, SLA due times and moments, and the lines in the conversation.</summary>
public sealed class TicketServiceTests : IAsyncLifetime
{
    // The test clock starts on Wednesday 2026-11-25 09:00 UTC = 14:00 in Karachi; teams work Mon-Sat 09:00-21:00 Karachi time.
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeChannelSender _sender = new();
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;
    private Actor _sana = null!;
    private Actor _zara = null!;

    private TicketService Tickets => _app.Get<TicketService>();
    private TicketQueries Queries => _app.Get<TicketQueries>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(services => services.Replace(ServiceDescriptor.Singleton<IChannelSender>(_sender)));
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza Sheikh", Roles.Agent, _ops);
        _sana = await _app.CreateAgentAsync("Sana Malik", Roles.ShiftLead, _support);
        _zara = await _app.CreateAgentAsync("Zara Khan", Roles.Supervisor);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> ConversationOwnedByAyeshaAsync()
    {
        var inbound = await _app.ReceiveAsync(_channel, $"9230014{Random.Shared.Next(10000, 99999)}", "Parcel damaged aya hai, refund chahiye", "Nida Pervez");
        await _app.Get<OwnershipService>().TakeAsync(_ayesha, inbound.ConversationId);
        return inbound.ConversationId;
    }

    private async Task<TicketSummary> EscalateAsync(Guid conversationId, Actor actor, string type = "Complaint",
        TicketPriority priority = TicketPriority.High, Guid? ownerId = null, int? teamId = null)
    {
        var created = await Tickets.EscalateAsync(actor, conversationId, new EscalateTicket(type, priority, OwnerId: ownerId, TeamId: teamId));
        Assert.True(created.Succeeded, created.Problem?.Message);
        return created.Value!;
    }

    [Fact]
    public async Task EscalationShouldCreateANumberedTicketOwnedByTheAgentWithDueTimesInBusinessHours()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        await _app.Get<NoteService>().WriteAsync(_ayesha, conversationId, "Order ZF-48213, courier TCS says delivered damaged", pinned: true);

        var ticket = await EscalateAsync(conversationId, _ayesha, priority: TicketPriority.Normal);

        Assert.Equal("SP-1001", ticket.HumanNumber);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(_ayesha.AgentId, ticket.OwnerId);
        Assert.Equal(_support.Id, ticket.TeamId);
        Assert.Equal("Complaint", ticket.TypeName);
        // Normal: first response 4 business hours (14:00 -> 18:00 Karachi), resolution 24 business hours:
        // Wed 14:00-21:00 (7 h) + Thu 12 h + Fri 09:00-14:00 (5 h) = Fri 14:00 Karachi = 09:00 UTC.
        Assert.Equal(Start.AddHours(4), ticket.FirstResponseDueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), ticket.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 4, 12, 0, TimeSpan.Zero), ticket.WarnAt); // 80 % = 19.2 business hours
        Assert.StartsWith("Complaint: Nida Pervez", ticket.Title);

        var detail = (await Queries.GetAsync(_ayesha, ticket.Id)).Value!;
        Assert.Contains("Parcel damaged aya hai", detail.Description);
        Assert.Contains("Order ZF-48213, courier TCS", detail.Description); // the pinned context comes along
        Assert.Equal(TicketEventKind.Created, Assert.Single(detail.Timeline).Kind);
        Assert.NotNull(detail.SourceMessageId);
    }

    [Fact]
    public async Task AConversationShouldHaveAtMostOneOpenTicketPerTypeButAnotherTypeOrALaterOneIsFine()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var complaint = await EscalateAsync(conversationId, _ayesha);

        var again = await Tickets.EscalateAsync(_bilal, conversationId, new EscalateTicket("complaint", TicketPriority.Low));
        Assert.Equal(Ticket.AlreadyOpen, again.Problem?.Code);
        Assert.Equal("SP-1001", again.Problem?.Details?["number"]);

        await EscalateAsync(conversationId, _ayesha, "Refund");
        Assert.True((await Tickets.UpdateAsync(_ayesha, complaint.Id, new TicketChange(TicketStatus.Solved, Resolution: "Replacement shipped"))).Succeeded);
        var later = await EscalateAsync(conversationId, _ayesha);
        Assert.Equal("SP-1003", later.HumanNumber);
    }

    [Fact]
    public async Task ConcurrentEscalationsOfOneTypeShouldCreateOneTicket()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Tickets.EscalateAsync(_ayesha, conversationId, new EscalateTicket("Delivery issue", TicketPriority.Urgent))));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(Ticket.AlreadyOpen, r.Problem!.Code));
    }

    [Fact]
    public async Task EscalationShouldRefuseUnknownTypesOwnersOutsideTheTeamAndInvisibleConversations()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        Assert.Equal(ProblemCodes.Validation, (await Tickets.EscalateAsync(_ayesha, conversationId, new EscalateTicket("Nonsense"))).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation,
            (await Tickets.EscalateAsync(_ayesha, conversationId, new EscalateTicket("Complaint", OwnerId: _hamza.AgentId))).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Tickets.EscalateAsync(_hamza, conversationId, new EscalateTicket("Complaint"))).Problem?.Code);

        // To Ops with Hamza as owner is fine: Ops then sees the ticket, though not the chat.
        var ticket = await EscalateAsync(conversationId, _ayesha, "Delivery issue", ownerId: _hamza.AgentId, teamId: _ops.Id);
        Assert.True((await Queries.GetAsync(_hamza, ticket.Id)).Succeeded);
        Assert.Single((await Queries.ListAsync(_hamza, new TicketFilter())).Value!);

        // Back to Support: Hamza's screens hear that it left (and nothing more), and he can no longer read it.
        using var recorder = new LiveEventRecorder(_app.Get<ILiveEvents>(), e => e is TicketUpdated);
        Assert.True((await Tickets.UpdateAsync(_zara, ticket.Id, new TicketChange(TeamId: _support.Id))).Succeeded);
        var moved = await recorder.WaitForAsync<TicketUpdated>();
        Assert.True(moved.IsVisibleTo(_hamza));
        Assert.True(moved.RemovedFor(_hamza));
        Assert.False(moved.RemovedFor(_bilal));
        Assert.Null(moved.Ticket.OwnerId); // Hamza is not in Support: the owner left with the move
        Assert.Equal(ProblemCodes.NotFound, (await Queries.GetAsync(_hamza, ticket.Id)).Problem?.Code);
    }

    [Fact]
    public async Task OnlyTheOwnerTheTeamsLeadsAndSupervisorsShouldRunATicketWhileAnyoneWhoSeesItMayComment()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha);

        var byBilal = await Tickets.UpdateAsync(_bilal, ticket.Id, new TicketChange(TicketStatus.Open));
        Assert.Equal(ProblemCodes.Forbidden, byBilal.Problem?.Code);
        Assert.True((await Tickets.CommentAsync(_bilal, ticket.Id, "Customer called again, wants it today")).Succeeded);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ProblemCodes.NotFound, (await Tickets.CommentAsync(_hamza, ticket.Id, "hello")).Problem?.Code);
        Assert.True((await Tickets.UpdateAsync(_sana, ticket.Id, new TicketChange(Priority: TicketPriority.Urgent))).Succeeded);
        Assert.True((await Tickets.UpdateAsync(_zara, ticket.Id, new TicketChange(OwnerId: _bilal.AgentId))).Succeeded);
        // Now Bilal owns it and Ayesha no longer runs it.
        Assert.True((await Tickets.UpdateAsync(_bilal, ticket.Id, new TicketChange(TicketStatus.Pending))).Succeeded);
        Assert.Equal(ProblemCodes.Forbidden, (await Tickets.UpdateAsync(_ayesha, ticket.Id, new TicketChange(TicketStatus.Open))).Problem?.Code);

        var timeline = (await Queries.GetAsync(_ayesha, ticket.Id)).Value!.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Comment, TicketEventKind.PriorityChanged, TicketEventKind.OwnerChanged,
            TicketEventKind.StatusChanged], timeline);
    }

    [Fact]
    public async Task SolvingShouldNeedAResolutionWriteALineIntoTheConversationAndDraftTheReplyForItsOwner()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha, ownerId: _sana.AgentId);
        using var recorder = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var withoutNote = await Tickets.UpdateAsync(_sana, ticket.Id, new TicketChange(TicketStatus.Solved));
        Assert.Equal(Ticket.ResolutionRequired, withoutNote.Problem?.Code);
        Assert.Equal(TicketStatus.New, (await Queries.GetAsync(_sana, ticket.Id)).Value!.Summary.Status);

        var solved = await Tickets.UpdateAsync(_sana, ticket.Id,
            new TicketChange(TicketStatus.Solved, Resolution: "TCS refunded the shipping, replacement dispatched", ReplyDraft: "Replacement aaj dispatch ho gaya hai."));
        Assert.True(solved.Succeeded, solved.Problem?.Message);
        Assert.Equal(Start, solved.Value!.SolvedAt);

        var thread = (await _app.Queries.GetAsync(_ayesha, conversationId)).Value!;
        Assert.Equal(["Escalation: ticket SP-1001 created (Complaint, High)", "Ticket SP-1001 solved by Sana Malik"],
            thread.TicketLines.Select(l => l.Text).ToList());
        Assert.Equal("Replacement aaj dispatch ho gaya hai.", Assert.Single(thread.Tickets).ReplyDraft);

        var notice = await recorder.WaitForAsync<NotificationCreated>(n => n.RecipientId == _ayesha.AgentId);
        Assert.Contains("SP-1001", notice.Notification.Text);
        var live = await recorder.WaitForAsync<TicketUpdated>(e => e.Ticket.Status == TicketStatus.Solved);
        Assert.Equal(TicketEventKind.Solved, Assert.Single(live.Events).Kind);

        // Closed tickets stay closed; solved ones may reopen.
        Assert.True((await Tickets.UpdateAsync(_sana, ticket.Id, new TicketChange(TicketStatus.Open))).Succeeded);
        Assert.Equal(ProblemCodes.Validation, (await Tickets.UpdateAsync(_sana, ticket.Id, new TicketChange(TicketStatus.Closed))).Problem?.Code);
    }

    [Fact]
    public async Task AResolutionOrReplyDraftWithoutSolvingShouldBeRefusedWithNothingElseApplied()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha, ownerId: _sana.AgentId);

        foreach (var change in new[]
                 {
                     new TicketChange(Priority: TicketPriority.Urgent, ReplyDraft: "Refund aaj ho jayega."),
                     new TicketChange(Priority: TicketPriority.Urgent, Resolution: "Refunded"),
                 })
            Assert.Equal(ProblemCodes.Validation, (await Tickets.UpdateAsync(_sana, ticket.Id, change)).Problem?.Code);

        var stored = (await Queries.GetAsync(_sana, ticket.Id)).Value!;
        Assert.Equal((TicketPriority.High, null, ticket.Version), (stored.Summary.Priority, stored.Summary.ReplyDraft, stored.Summary.Version));
    }

    [Fact]
    public async Task TheFirstReplyAfterEscalationShouldMeetTheFirstResponseTarget()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha);
        _app.Clock.Advance(TimeSpan.FromMinutes(20));

        var reply = await _app.Conversations.ReplyAsync(_ayesha, conversationId, "Maazrat, hum abhi check kar rahe hain");
        Assert.True(reply.Succeeded);

        var detail = (await Queries.GetAsync(_ayesha, ticket.Id)).Value!;
        Assert.Equal(Start.AddMinutes(20), detail.Summary.FirstRespondedAt);
        Assert.Equal(reply.Value!.Id, detail.Timeline.Single(e => e.Kind == TicketEventKind.FirstResponse).MessageId);
        _app.Clock.Advance(TimeSpan.FromHours(2)); // High: first response within 1 business hour, met
        Assert.Equal(SlaState.OnTrack, detail.Summary.SlaAt(_app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task TwoInstancesMonitoringTheSameDatabaseShouldRecordEachMomentOnce()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha, priority: TicketPriority.Urgent); // 30 min / 4 h
        await using var other = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:ShuttlePro"] = $"Data Source={_app.DatabasePath}", // a second server on the same database
        });
        _app.Clock.Advance(TimeSpan.FromHours(5));
        other.Clock.Advance(TimeSpan.FromHours(5));

        await Task.WhenAll(_app.Get<SlaMonitor>().RecordDueMomentsAsync(), other.Get<SlaMonitor>().RecordDueMomentsAsync(),
            _app.Get<SlaMonitor>().RecordDueMomentsAsync(), other.Get<SlaMonitor>().RecordDueMomentsAsync());

        var detail = (await Queries.GetAsync(_ayesha, ticket.Id)).Value!;
        Assert.Equal(1, detail.Timeline.Count(e => e.Kind == TicketEventKind.FirstResponseBreached));
        Assert.Equal(1, detail.Timeline.Count(e => e.Kind == TicketEventKind.SlaBreached));
        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.TicketSlaBreached && a.SubjectId == ticket.Id.ToString()));
        Assert.True((await _app.Get<AuditVerifier>().VerifyAsync()).Ok); // two writers, one unbroken chain
    }

    [Fact]
    public async Task TheMonitorShouldRecordWarningAndBreachOnceEachAndAnnounceThem()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha, priority: TicketPriority.Urgent); // 30 min / 4 h
        await _app.Conversations.ReplyAsync(_ayesha, conversationId, "Dekh rahe hain");
        var monitor = _app.Get<SlaMonitor>();
        using var recorder = new LiveEventRecorder(_app.Get<ILiveEvents>(), e => e is TicketUpdated);

        Assert.Equal(Start.AddHours(3.2), await monitor.RecordDueMomentsAsync()); // next: the warning at 80 %
        _app.Clock.Advance(TimeSpan.FromHours(3.5));
        Assert.Equal(Start.AddHours(4), await monitor.RecordDueMomentsAsync());
        Assert.Equal(SlaState.Approaching, (await Queries.GetAsync(_ayesha, ticket.Id)).Value!.Summary.SlaAt(_app.Clock.GetUtcNow()));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await monitor.RecordDueMomentsAsync());
        Assert.Null(await monitor.RecordDueMomentsAsync());

        var detail = (await Queries.GetAsync(_ayesha, ticket.Id)).Value!;
        Assert.Equal(Start.AddHours(4), detail.BreachedAt);
        Assert.Equal(1, detail.Timeline.Count(e => e.Kind == TicketEventKind.SlaWarning));
        Assert.Equal(1, detail.Timeline.Count(e => e.Kind == TicketEventKind.SlaBreached));
        Assert.True(detail.Summary.IsOverdueAt(_app.Clock.GetUtcNow()));
        await recorder.WaitForAsync<TicketUpdated>(e => e.Events.Any(x => x.Kind == TicketEventKind.SlaWarning));
        await recorder.WaitForAsync<TicketUpdated>(e => e.Events.Any(x => x.Kind == TicketEventKind.SlaBreached));
        Assert.Equal(2, recorder.OfType<TicketUpdated>().Count());
        Assert.Single((await Queries.ListAsync(_ayesha, new TicketFilter(Overdue: true))).Value!);
        Assert.Empty((await Queries.ListAsync(_ayesha, new TicketFilter(Overdue: false))).Value!);
    }

    [Fact]
    public async Task AHigherPriorityShouldPullTheDueTimeInAndEveryChangeShouldBeAudited()
    {
        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha, priority: TicketPriority.Low);
        var urgent = (await Tickets.UpdateAsync(_ayesha, ticket.Id, new TicketChange(Priority: TicketPriority.Urgent))).Value!;
        Assert.Equal(Start.AddHours(4), urgent.DueAt);
        await Tickets.CommentAsync(_ayesha, ticket.Id, "Asked the warehouse");

        await using var db = await _app.DbAsync();
        var actions = await db.AuditEvents.Where(a => a.SubjectType == AuditSubjects.Ticket).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditActions.TicketCreated, AuditActions.TicketUpdated, AuditActions.TicketCommented], actions);
    }

    [Fact]
    public async Task TeamPoliciesAndBusinessHoursShouldDecideTheDueTime()
    {
        var admin = await _app.CreateAgentAsync("Admin User", Roles.Admin);
        var settings = _app.Get<TicketSettingsService>();
        Assert.Equal(ProblemCodes.Forbidden, (await settings.SetPolicyAsync(_sana, TicketPriority.High, _support.Id, 15, 120)).Problem?.Code);
        Assert.True((await settings.SetPolicyAsync(admin, TicketPriority.High, _support.Id, 15, 120)).Succeeded);
        Assert.True((await settings.SetBusinessHoursAsync(admin, _support.Id, "Asia/Karachi", "Mon-Fri 09:00-15:00", "2026-11-26")).Succeeded);
        Assert.Equal(ProblemCodes.Validation, (await settings.SetBusinessHoursAsync(admin, _support.Id, "Asia/Karachi", "Mon 25:00-26:00", null)).Problem?.Code);

        var conversationId = await ConversationOwnedByAyeshaAsync();
        var ticket = await EscalateAsync(conversationId, _ayesha);
        // 14:00 Wed Karachi: 1 h left on Wednesday, Thursday is a holiday, so 1 more hour on Friday: 10:00 Karachi = 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero), ticket.DueAt);
        Assert.Equal(Start.AddMinutes(15), ticket.FirstResponseDueAt);
    }
}
