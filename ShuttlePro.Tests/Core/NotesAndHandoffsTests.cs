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
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Notes that never leave, mentions that bring people in, handoffs that carry their context.</summary>
public sealed class NotesAndHandoffsTests : IAsyncLifetime
{
    private readonly FakeChannelSender _sender = new();
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;
    private Actor _kashif = null!;
    private Actor _sana = null!;

    private NoteService Notes => _app.Get<NoteService>();
    private HandoffService Handoffs => _app.Get<HandoffService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync(services => services.Replace(ServiceDescriptor.Singleton<IChannelSender>(_sender)));
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza Sheikh", Roles.Agent, _ops);
        _kashif = await _app.CreateAgentAsync("Kashif Iqbal", Roles.Agent, _ops);
        _sana = await _app.CreateAgentAsync("Sana Malik", Roles.ShiftLead, _support, _ops);
        foreach (var agent in new[] { _ayesha, _bilal, _hamza, _kashif, _sana })
            await _app.Get<DirectoryService>().SetStatusAsync(agent, AgentStatus.Online, onShift: true);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> OwnedByAyeshaAsync()
    {
        var inbound = await _app.ReceiveAsync(_channel, $"9230014{Random.Shared.Next(10000, 99999)}", "Order ZF-48213 kab aayega?");
        await _app.Get<OwnershipService>().TakeAsync(_ayesha, inbound.ConversationId);
        return inbound.ConversationId;
    }

    private async Task<List<string>> AuditAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task ANoteIsAuditedPublishedAndShownInTheThread()
    {
        var id = await OwnedByAyeshaAsync();
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var note = await Notes.WriteAsync(_ayesha, id, "  Leopards CN 4410293377, stuck at Lahore warehouse  ", pinned: true);

        Assert.Equal("Leopards CN 4410293377, stuck at Lahore warehouse", note.Value!.Body);
        Assert.True(note.Value.Pinned);
        var added = await live.WaitForAsync<NoteAdded>();
        Assert.True(added.IsVisibleTo(_bilal));
        Assert.False(added.IsVisibleTo(_hamza));
        var detail = (await _app.Queries.GetAsync(_bilal, id)).Value!;
        Assert.Equal(note.Value.Id, Assert.Single(detail.Notes).Id);
        Assert.Contains(AuditActions.NoteAdded, await AuditAsync(id));
    }

    [Fact]
    public async Task MentioningAnAgentOfAnotherTeamBringsThemInAndNotifiesOnlyThem()
    {
        var id = await OwnedByAyeshaAsync();
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var note = await Notes.WriteAsync(_ayesha, id, "@hamza please ask Leopards about CN 4410293377");

        Assert.Equal("Hamza Sheikh", Assert.Single(note.Value!.Mentions).Name);
        var notified = await live.WaitForAsync<NotificationCreated>();
        Assert.True(notified.IsVisibleTo(_hamza));
        Assert.False(notified.IsVisibleTo(_bilal));
        Assert.Contains("Ayesha Siddiqui mentioned you in #", notified.Notification.Text);
        Assert.Equal(note.Value.Id, notified.Notification.NoteId);
        // Hamza may now read and note it, and it shows in his "My teams" view, but he cannot reply or take it.
        Assert.True((await _app.Queries.GetAsync(_hamza, id)).Succeeded);
        Assert.Contains((await _app.Queries.ListAsync(_hamza, new ConversationFilter(InboxView.Team))).Value!, c => c.Id == id);
        Assert.True((await Notes.WriteAsync(_hamza, id, "Asked Leopards, pickup tomorrow")).Succeeded);
        Assert.Equal(ProblemCodes.Forbidden, (await _app.Conversations.ReplyAsync(_hamza, id, "Hello from Ops")).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await _app.Conversations.ResolveAsync(_hamza, id)).Problem?.Code);
        Assert.Contains(AuditActions.ParticipantAdded, await AuditAsync(id));
        Assert.Single(await _app.Get<NotificationService>().ListAsync(_hamza));
        Assert.Empty(await _app.Get<NotificationService>().ListAsync(_bilal));
    }

    [Fact]
    public async Task MentioningATeamNotifiesEachOfItsMembers()
    {
        var id = await OwnedByAyeshaAsync();

        await Notes.WriteAsync(_ayesha, id, "@Ops team can someone call the Trax hub?");

        foreach (var member in new[] { _hamza, _kashif, _sana })
            Assert.Single(await _app.Get<NotificationService>().ListAsync(member));
        Assert.Empty(await _app.Get<NotificationService>().ListAsync(_ayesha)); // not to the author
    }

    [Fact]
    public async Task NotesNeverReachTheChannel()
    {
        var id = await OwnedByAyeshaAsync();
        const string secret = "INTERNAL: customer was rude, refund only if manager approves";

        await Notes.WriteAsync(_ayesha, id, secret, pinned: true);
        await _app.Conversations.ReplyAsync(_ayesha, id, "Ji, hum check kar ke batate hain");
        await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None);
        await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(null, _ops.Id), "Refund question: " + secret);
        await _app.Get<OutboundDispatcher>().DispatchPendingAsync(CancellationToken.None);

        var sent = Assert.Single(_sender.Sent);
        Assert.Equal("Ji, hum check kar ke batate hain", sent.Body);
        Assert.DoesNotContain("INTERNAL", sent.Body);
    }

    [Fact]
    public async Task PinningBuildsTheContextCard()
    {
        var id = await OwnedByAyeshaAsync();
        var note = (await Notes.WriteAsync(_ayesha, id, "Courier: TCS 77310245")).Value!;
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var pinned = await Notes.PinAsync(_bilal, id, note.Id, pinned: true);

        Assert.True(pinned.Value!.Pinned);
        Assert.True((await live.WaitForAsync<NoteUpdated>()).Note.Pinned);
        Assert.False((await Notes.PinAsync(_bilal, id, note.Id, pinned: false)).Value!.Pinned);
        Assert.Equal([AuditActions.NotePinned, AuditActions.NoteUnpinned], (await AuditAsync(id)).TakeLast(2));
        Assert.Equal(ProblemCodes.NotFound, (await Notes.PinAsync(_hamza, id, note.Id, true)).Problem?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pls check")]
    [InlineData("see above see above")]
    public async Task AHandoffWithoutARealNoteIsRefused(string note)
    {
        var id = await OwnedByAyeshaAsync();

        var refused = await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(_bilal.AgentId, null), note);

        Assert.Equal(Handoff.NoteRequired, refused.Problem?.Code);
        Assert.Equal(_ayesha.AgentId, (await _app.Queries.GetAsync(_ayesha, id)).Value!.Summary.OwnerId);
    }

    [Fact]
    public async Task HandingToAnAgentMovesOwnershipAndTellsThem()
    {
        var id = await OwnedByAyeshaAsync();
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var result = await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(_bilal.AgentId, null),
            "Customer wants COD instead of card; I confirmed the address. Next: update the order and confirm.");

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Empty(result.Value!.Warnings);
        Assert.Equal("Ayesha Siddiqui → Bilal Ahmed", result.Value.Handoff.Route);
        var detail = (await _app.Queries.GetAsync(_bilal, id)).Value!;
        Assert.Equal(_bilal.AgentId, detail.Summary.OwnerId);
        Assert.Single(detail.Handoffs);
        var notification = await live.WaitForAsync<NotificationCreated>();
        Assert.True(notification.IsVisibleTo(_bilal));
        Assert.Equal(NotificationKind.Handoff, notification.Notification.Kind);
        Assert.Contains(AuditActions.HandoffCreated, await AuditAsync(id));
    }

    [Fact]
    public async Task HandingToATeamLeavesItUnownedInTheirQueueAndKeepsTheHanderOnTheThread()
    {
        var id = await OwnedByAyeshaAsync();
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var result = await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(null, _ops.Id),
            "Courier says the address is incomplete. Please call Trax hub to reattempt; customer expects a call today.");

        Assert.Equal("Ayesha Siddiqui → Ops", result.Value!.Handoff.Route);
        var summary = (await _app.Queries.GetAsync(_hamza, id)).Value!.Summary;
        Assert.Null(summary.OwnerId);
        Assert.Equal(_ops.Id, summary.TeamId);
        Assert.Contains((await _app.Queries.ListAsync(_hamza, new ConversationFilter(InboxView.Unassigned))).Value!, c => c.Id == id);
        // Ayesha keeps it as a participant; Bilal (Support) no longer sees it, and is told it left his lists.
        Assert.True((await _app.Queries.GetAsync(_ayesha, id)).Succeeded);
        Assert.Equal(ProblemCodes.NotFound, (await _app.Queries.GetAsync(_bilal, id)).Problem?.Code);
        var updated = await live.WaitForAsync<ConversationUpdated>(e => e.PreviousAccess is not null);
        Assert.True(updated.IsVisibleTo(_bilal) && updated.RemovedFor(_bilal));
        Assert.False(updated.RemovedFor(_hamza));
        // Every online member of Ops is notified.
        Assert.Single(await _app.Get<NotificationService>().ListAsync(_hamza));
        Assert.Single(await _app.Get<NotificationService>().ListAsync(_kashif));
    }

    [Fact]
    public async Task OnlyTheOwnerOrALeadHandsOff()
    {
        var id = await OwnedByAyeshaAsync();
        const string note = "Customer asked for a refund of the delivery charge; please decide.";

        Assert.Equal(ProblemCodes.Forbidden, (await Handoffs.HandOffAsync(_bilal, id, new HandoffTarget(null, _ops.Id), note)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Handoffs.HandOffAsync(_hamza, id, new HandoffTarget(null, _ops.Id), note)).Problem?.Code);
        Assert.True((await Handoffs.HandOffAsync(_sana, id, new HandoffTarget(_bilal.AgentId, null), note)).Succeeded);
    }

    [Fact]
    public async Task AnAgentOutsideTheTeamIsReachedThroughTheirTeam()
    {
        var id = await OwnedByAyeshaAsync();

        var refused = await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(_hamza.AgentId, null), "Please check the courier for this order.");

        Assert.Equal(ProblemCodes.Validation, refused.Problem?.Code);
        Assert.Contains("hand it to their team", refused.Problem!.Message);
    }

    [Fact]
    public async Task HandingToSomeoneOffShiftWarnsButWorks()
    {
        var id = await OwnedByAyeshaAsync();
        await _app.Get<DirectoryService>().SetStatusAsync(_bilal, AgentStatus.Offline, onShift: false);

        var result = await Handoffs.HandOffAsync(_ayesha, id, new HandoffTarget(_bilal.AgentId, null), "Customer will call back tomorrow about the exchange.");

        Assert.True(result.Succeeded);
        Assert.Contains("off shift", Assert.Single(result.Value!.Warnings));
    }
}
