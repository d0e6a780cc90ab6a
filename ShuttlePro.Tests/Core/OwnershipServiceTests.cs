using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Ownership on a real SQLite file: compare-and-set under contention, audit, live events, takeover requests.</summary>
public sealed class OwnershipServiceTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _zara = null!;
    private Actor _sana = null!;
    private Actor _hamza = null!;

    private OwnershipService Ownership => _app.Get<OwnershipService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        var ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal", Roles.Agent, _support);
        _zara = await _app.CreateAgentAsync("Zara", Roles.Agent, _support);
        _sana = await _app.CreateAgentAsync("Sana", Roles.ShiftLead, _support, ops);
        _hamza = await _app.CreateAgentAsync("Hamza", Roles.Agent, ops);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> NewConversationAsync() =>
        (await _app.ReceiveAsync(_channel, $"9230012{Random.Shared.Next(10000, 99999)}", "Order kab aayega?")).ConversationId;

    private async Task<List<string>> AuditAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task FiftySimultaneousTakesLeaveOneOwnerAndFortyNineWhoKnowWho()
    {
        var id = await NewConversationAsync();
        var agents = new List<Actor>();
        for (var i = 0; i < 50; i++) agents.Add(await _app.CreateAgentAsync($"Agent {i:00}", Roles.Agent, _support));

        var results = await Task.WhenAll(agents.Select(agent => Task.Run(() => Ownership.TakeAsync(agent, id))));

        var winner = Assert.Single(results, r => r.Succeeded);
        var losers = results.Where(r => !r.Succeeded).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(ProblemCodes.AlreadyOwned, r.Problem!.Code);
            Assert.Equal(winner.Value!.OwnerId, r.Problem.Details!["ownerId"]);
            Assert.Equal(winner.Value.OwnerName, r.Problem.Details["ownerName"]);
        });
        Assert.Single(await AuditAsync(id), a => a == AuditActions.ConversationTaken);
    }

    [Fact]
    public async Task ATakeoverMovesOwnershipAndTellsWhoItWasTakenFrom()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_ayesha, id);
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var result = await Ownership.TakeOverAsync(_sana, id);

        Assert.Equal(_sana.AgentId, result.Value!.OwnerId);
        var updated = await live.WaitForAsync<ConversationUpdated>(e => e.Change is not null);
        Assert.Equal(new OwnershipChange(OwnershipChangeKind.TakenOver, _ayesha.AgentId, _sana.AgentId, _sana.AgentId, "Sana"), updated.Change);
        Assert.Equal([AuditActions.ConversationStarted, AuditActions.MessageReceived, AuditActions.ConversationTaken, AuditActions.ConversationTakenOver],
            await AuditAsync(id));
    }

    [Fact]
    public async Task AnAgentCannotTakeOverAssignOrReleaseSomeoneElses()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_ayesha, id);

        Assert.Equal(ProblemCodes.Forbidden, (await Ownership.TakeOverAsync(_bilal, id)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Ownership.AssignAsync(_bilal, id, _zara.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Ownership.ReleaseAsync(_bilal, id)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Ownership.TakeAsync(_hamza, id)).Problem?.Code);
    }

    [Fact]
    public async Task AssigningChecksTheTarget()
    {
        var id = await NewConversationAsync();

        Assert.Equal(ProblemCodes.Validation, (await Ownership.AssignAsync(_sana, id, _hamza.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await Ownership.AssignAsync(_sana, id, Guid.NewGuid())).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await Ownership.AssignAsync(_sana, id, null)).Problem?.Code);
        var assigned = await Ownership.AssignAsync(_sana, id, _zara.AgentId);
        Assert.Equal("Zara", assigned.Value!.OwnerName);
        Assert.Contains(AuditActions.ConversationAssigned, await AuditAsync(id));
    }

    [Fact]
    public async Task ReleasingPutsItBackInTheTeamQueue()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_bilal, id);

        var released = await Ownership.ReleaseAsync(_bilal, id);

        Assert.Null(released.Value!.OwnerId);
        var queue = (await _app.Queries.ListAsync(_zara, new ConversationFilter(InboxView.Unassigned))).Value!;
        Assert.Contains(queue, c => c.Id == id);
        Assert.Contains(AuditActions.ConversationReleased, await AuditAsync(id));
    }

    [Fact]
    public async Task ATakeoverRequestReachesTheOwnerAndLeadsAndAcceptingHandsItOver()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_ayesha, id);
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var request = await Ownership.RequestTakeoverAsync(_bilal, id, "Customer is my repeat buyer");

        Assert.True(request.Succeeded, request.Problem?.Message);
        var requested = await live.WaitForAsync<TakeoverRequested>();
        Assert.True(requested.IsVisibleTo(_ayesha));
        Assert.True(requested.IsVisibleTo(_sana));
        Assert.False(requested.IsVisibleTo(_zara));
        Assert.False(requested.IsVisibleTo(_hamza));
        Assert.Equal("Customer is my repeat buyer", requested.Request.Note);
        Assert.Single(await Ownership.PendingRequestsForAsync(_ayesha));
        Assert.Empty(await Ownership.PendingRequestsForAsync(_zara));

        Assert.Equal(ProblemCodes.Forbidden, (await Ownership.DecideTakeoverAsync(_zara, request.Value!.Id, accept: true)).Problem?.Code);
        var accepted = await Ownership.DecideTakeoverAsync(_ayesha, request.Value.Id, accept: true);

        Assert.Equal(TakeoverRequestStatus.Accepted, accepted.Value!.Status);
        var detail = (await _app.Queries.GetAsync(_bilal, id)).Value!;
        Assert.Equal(_bilal.AgentId, detail.Summary.OwnerId);
        var change = (await live.WaitForAsync<ConversationUpdated>(e => e.Change is not null)).Change!;
        Assert.Equal((OwnershipChangeKind.Assigned, _ayesha.AgentId, _bilal.AgentId), (change.Kind, change.PreviousOwnerId, change.NewOwnerId));
        Assert.Equal(ProblemCodes.Conflict, (await Ownership.DecideTakeoverAsync(_ayesha, request.Value.Id, accept: true)).Problem?.Code);
        Assert.Contains(AuditActions.TakeoverAccepted, await AuditAsync(id));
    }

    [Fact]
    public async Task ADeclinedRequestLeavesTheOwnerInPlace()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_ayesha, id);
        var request = await Ownership.RequestTakeoverAsync(_bilal, id);

        var declined = await Ownership.DecideTakeoverAsync(_sana, request.Value!.Id, accept: false);

        Assert.Equal(TakeoverRequestStatus.Declined, declined.Value!.Status);
        Assert.Equal(_ayesha.AgentId, (await _app.Queries.GetAsync(_ayesha, id)).Value!.Summary.OwnerId);
    }

    [Fact]
    public async Task RequestsMakeSenseOnlyForSomeoneElsesConversation()
    {
        var id = await NewConversationAsync();
        Assert.Equal(ProblemCodes.Validation, (await Ownership.RequestTakeoverAsync(_bilal, id)).Problem?.Code); // unowned: take it
        await Ownership.TakeAsync(_bilal, id);
        Assert.Equal(ProblemCodes.Validation, (await Ownership.RequestTakeoverAsync(_bilal, id)).Problem?.Code); // already yours

        var first = await Ownership.RequestTakeoverAsync(_zara, id);
        var again = await Ownership.RequestTakeoverAsync(_zara, id);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
    }

    [Fact]
    public async Task APendingRequestIsWithdrawnWhenTheConversationChangesHandsAnotherWay()
    {
        var id = await NewConversationAsync();
        await Ownership.TakeAsync(_ayesha, id);
        var request = await Ownership.RequestTakeoverAsync(_bilal, id);

        await Ownership.TakeOverAsync(_sana, id);

        Assert.Empty(await Ownership.PendingRequestsForAsync(_sana));
        Assert.Equal(ProblemCodes.Conflict, (await Ownership.DecideTakeoverAsync(_sana, request.Value!.Id, accept: true)).Problem?.Code);
    }
}
