using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Board;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// The board's Core on a real SQLite file: what a lead sees, moves as audited assigns and releases, refusals
/// (stale owner, another team's queue, an agent outside the team), and the move effect reporting partial failures.
/// </summary>
public sealed class BoardServiceTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _zeenat = null!;
    private Channel _gadget = null!;
    private Actor _bilal = null!;
    private Actor _zara = null!;
    private Actor _hamza = null!;
    private Actor _sana = null!;
    private Actor _opsLead = null!;

    private BoardService Board => _app.Get<BoardService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _zeenat = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _gadget = await _app.CreateChannelAsync("GadgetBazaar", "1002", _ops);
        _bilal = await _app.CreateAgentAsync("Bilal", Roles.Agent, _support);
        _zara = await _app.CreateAgentAsync("Zara", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza", Roles.Agent, _ops);
        _sana = await _app.CreateAgentAsync("Sana", Roles.ShiftLead, _support);
        _opsLead = await _app.CreateAgentAsync("Omar", Roles.ShiftLead, _ops);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> NewConversationAsync(Channel channel, Actor? owner = null)
    {
        var id = (await _app.ReceiveAsync(channel, $"9230012{Random.Shared.Next(10000, 99999)}", "Order kab aayega?")).ConversationId;
        if (owner is not null) Assert.True((await _app.Get<OwnershipService>().TakeAsync(owner, id)).Succeeded);
        return id;
    }

    private async Task<List<string>> AuditAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task ALeadSeesTheOpenConversationsOfTheTeamsTheyLeadOnly()
    {
        var support = await NewConversationAsync(_zeenat, _bilal);
        var ops = await NewConversationAsync(_gadget);
        var resolved = await NewConversationAsync(_zeenat, _zara);
        Assert.True((await _app.Conversations.ResolveAsync(_zara, resolved)).Succeeded);

        var board = (await Board.LoadAsync(_sana)).Value!;

        Assert.Equal([_support.Id], board.TeamIds);
        Assert.Equal([support], board.Conversations.Select(c => c.Id));
        Assert.Equal(ProblemCodes.Forbidden, (await Board.LoadAsync(_sana, _ops.Id)).Problem!.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Board.LoadAsync(_bilal)).Problem!.Code);
        Assert.Contains(ops, (await Board.LoadAsync(_opsLead)).Value!.Conversations.Select(c => c.Id));
    }

    [Fact]
    public async Task MovingACardIsAnAuditedAssignOrRelease()
    {
        var id = await NewConversationAsync(_zeenat, _bilal);

        var assigned = await Board.MoveAsync(_sana, id, _bilal.AgentId, BoardTarget.Agent(_zara.AgentId));
        Assert.True(assigned.Succeeded, assigned.Problem?.Message);
        Assert.Equal(_zara.AgentId, assigned.Value!.OwnerId);

        var released = await Board.MoveAsync(_sana, id, _zara.AgentId, BoardTarget.Unassigned(_support.Id));
        Assert.True(released.Succeeded, released.Problem?.Message);
        Assert.Null(released.Value!.OwnerId);

        Assert.Equal([AuditActions.ConversationTaken, AuditActions.ConversationAssigned, AuditActions.ConversationReleased],
            (await AuditAsync(id)).Where(a => a is AuditActions.ConversationTaken or AuditActions.ConversationAssigned
                or AuditActions.ConversationReleased).ToList());
    }

    [Fact]
    public async Task AMoveOfACardThatChangedOwnerMeanwhileIsRefusedWithTheNewOwner()
    {
        var id = await NewConversationAsync(_zeenat, _bilal);
        Assert.True((await Board.MoveAsync(_sana, id, _bilal.AgentId, BoardTarget.Agent(_zara.AgentId))).Succeeded);

        // A second lead's board still showed it in Bilal's column.
        var stale = await Board.MoveAsync(_sana, id, _bilal.AgentId, BoardTarget.Unassigned(_support.Id));

        Assert.Equal(ProblemCodes.Conflict, stale.Problem!.Code);
        Assert.Contains("Zara's", stale.Problem.Message);
        Assert.Equal(_zara.AgentId, (await _app.Queries.GetAsync(_sana, id)).Value!.Summary.OwnerId);
    }

    [Fact]
    public async Task ACardCannotGoToAnAgentOutsideItsTeamOrToAnotherTeamsQueue()
    {
        var id = await NewConversationAsync(_zeenat, _bilal);
        var supervisor = await _app.CreateAgentAsync("Imran", Roles.Supervisor);

        var toHamza = await Board.MoveAsync(supervisor, id, _bilal.AgentId, BoardTarget.Agent(_hamza.AgentId));
        var toOps = await Board.MoveAsync(supervisor, id, _bilal.AgentId, BoardTarget.Unassigned(_ops.Id));

        Assert.Equal(ProblemCodes.Validation, toHamza.Problem!.Code);
        Assert.Contains("Hamza is not in this conversation's team", toHamza.Problem.Message);
        Assert.Equal(ProblemCodes.Validation, toOps.Problem!.Code);
        Assert.Contains("handoff", toOps.Problem.Message);
        Assert.Equal(_bilal.AgentId, (await _app.Queries.GetAsync(supervisor, id)).Value!.Summary.OwnerId);
    }

    [Fact]
    public async Task TheMoveEffectMovesEachCardAndReportsTheOnesRefused()
    {
        var first = await NewConversationAsync(_zeenat, _bilal);
        var second = await NewConversationAsync(_zeenat, _bilal);
        var supervisor = await _app.CreateAgentAsync("Imran", Roles.Supervisor);
        var session = new Feature<SessionState>("Session", SessionState.Initial, [new Reducer<SessionState, SessionLoadedAction>(SessionReducers.OnLoaded)]);
        session.Reduce(new SessionLoadedAction((await _app.Get<DirectoryService>().GetAgentAsync(supervisor.AgentId))!));
        var board = new Feature<BoardState>("Board", BoardState.Initial, [
            new Reducer<BoardState, LoadBoardAction>(BoardReducers.OnLoad),
            new Reducer<BoardState, BoardLoadedAction>(BoardReducers.OnLoaded)]);
        board.Reduce(new LoadBoardAction(null));
        board.Reduce(new BoardLoadedAction(null, (await Board.LoadAsync(supervisor)).Value!));
        // Someone else moves the second card before the supervisor's move runs.
        Assert.True((await _app.Get<OwnershipService>().AssignAsync(_sana, second, _zara.AgentId)).Succeeded);
        var dispatched = new RecordingDispatcher();

        await new MoveCardsEffect(Board, session, board).HandleAsync(new MoveCardsAction([first, second], BoardTarget.Agent(_zara.AgentId), "Zara"), dispatched);

        Assert.Equal(_zara.AgentId, Assert.IsType<CardMovedAction>(dispatched.Actions[0]).Summary.OwnerId);
        Assert.Equal(ProblemCodes.Conflict, Assert.IsType<CardMoveRefusedAction>(dispatched.Actions[1]).Problem.Code);
        var report = Assert.IsType<CardsMoveFinishedAction>(dispatched.Actions[2]);
        Assert.Equal(1, report.Moved);
        Assert.Equal(second, Assert.Single(report.Failures).ConversationId);
    }

    private sealed class RecordingDispatcher : IDispatcher
    {
        public List<object> Actions { get; } = [];

        public void Dispatch(object action) => Actions.Add(action);
    }
}
