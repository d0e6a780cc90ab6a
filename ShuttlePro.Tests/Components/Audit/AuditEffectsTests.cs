using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.AuditFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Tests.Components.Audit;

/// <summary>The audit page's effects over the real Core on a SQLite file: numbers resolved to filters, keyset pages, verification.</summary>
public sealed class AuditEffectsTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Actor _imran = null!;
    private Actor _lead = null!;
    private Guid _supportConversation;
    private Guid _opsConversation;
    private Team _support = null!;
    private readonly Dispatcher _dispatched = new();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        var support = _support = await _app.CreateTeamAsync("Support");
        var ops = await _app.CreateTeamAsync("Ops");
        _imran = await _app.CreateAgentAsync("Imran Qureshi", Roles.Supervisor, support, ops);
        _lead = await _app.CreateAgentAsync("Sana Lead", Roles.ShiftLead, support);
        _supportConversation = (await _app.ReceiveAsync(await _app.CreateChannelAsync("Zeenat", "100", support), "923001111111", "Order kab aayega?")).ConversationId;
        _opsConversation = (await _app.ReceiveAsync(await _app.CreateChannelAsync("Gadget", "200", ops), "923002222222", "Charger buzz karta hai")).ConversationId;
    }

    async Task IAsyncLifetime.DisposeAsync() => await _app.DisposeAsync();

    private async Task<IState<SessionState>> SessionAsync(Actor actor)
    {
        var feature = new Feature<SessionState>("Session", SessionState.Initial, [new Reducer<SessionState, SessionLoadedAction>(SessionReducers.OnLoaded)]);
        feature.Reduce(new SessionLoadedAction((await _app.Get<DirectoryService>().GetAgentAsync(actor.AgentId))!));
        return feature;
    }

    private async Task<T> LoadAsync<T>(Actor actor, AuditCriteria criteria)
    {
        var effect = new LoadAuditEffect(await SessionAsync(actor), _app.Get<AuditQueries>(), _app.Get<TicketQueries>());
        await effect.HandleAsync(new LoadAuditAction(criteria), _dispatched);
        return Assert.IsType<T>(_dispatched.Actions.Last());
    }

    private async Task<int> NumberOfAsync(Guid conversationId) => (await _app.Queries.GetAsync(_imran, conversationId)).Value!.Summary.Number;

    [Fact]
    public async Task AConversationNumberBecomesItsIdAndOnlyItsEventsAreLoadedWithTheirNumbers()
    {
        var number = await NumberOfAsync(_supportConversation);

        var loaded = await LoadAsync<AuditLoadedAction>(_imran, new AuditCriteria(Conversation: $"#{number}"));

        Assert.Equal(_supportConversation, loaded.Filter.ConversationId);
        Assert.NotEmpty(loaded.Entries);
        Assert.All(loaded.Entries, e => Assert.Equal(_supportConversation, e.ConversationId));
        Assert.Equal(loaded.Entries.Select(e => e.Sequence).OrderDescending(), loaded.Entries.Select(e => e.Sequence));
        Assert.Equal(number, loaded.ConversationNumbers[_supportConversation]);

        var byId = await LoadAsync<AuditLoadedAction>(_imran, new AuditCriteria(Conversation: _supportConversation.ToString()));
        Assert.Equal(loaded.Entries, byId.Entries);
    }

    [Fact]
    public async Task UnknownNumbersAndOtherTeamsConversationsAreNotFoundAndAShiftLeadCannotAskForAnotherTeam()
    {
        var missing = await LoadAsync<AuditLoadFailedAction>(_imran, new AuditCriteria(Conversation: "99999"));
        Assert.Equal(("not_found", "Conversation #99999 was not found."), (missing.Problem.Code, missing.Problem.Message));

        var hidden = await LoadAsync<AuditLoadFailedAction>(_lead, new AuditCriteria(Conversation: (await NumberOfAsync(_opsConversation)).ToString()));
        Assert.Equal(ProblemCodes.NotFound, hidden.Problem.Code);

        var ticket = await LoadAsync<AuditLoadFailedAction>(_imran, new AuditCriteria(Ticket: "SP-4242"));
        Assert.Equal("Ticket SP-4242 was not found.", ticket.Problem.Message);

        var team = await LoadAsync<AuditLoadFailedAction>(_lead, new AuditCriteria(TeamId: _lead.TeamIds.Max() + 1));
        Assert.Equal(ProblemCodes.Forbidden, team.Problem.Code);

        var own = await LoadAsync<AuditLoadedAction>(_lead, AuditCriteria.None);
        Assert.All(own.Entries, e => Assert.Contains(e.TeamId!.Value, _lead.TeamIds));
    }

    [Fact]
    public async Task ATicketNumberFiltersToThatTicketsEvents()
    {
        var ticket = await _app.Get<TicketService>().EscalateAsync(_imran, _supportConversation, new EscalateTicket("Complaint"));
        Assert.True(ticket.Succeeded, ticket.Problem?.Message);

        var loaded = await LoadAsync<AuditLoadedAction>(_imran, new AuditCriteria(Ticket: ticket.Value!.HumanNumber.ToLowerInvariant()));

        Assert.Equal(ticket.Value.Id, loaded.Filter.TicketId);
        var created = Assert.Single(loaded.Entries, e => e.Action == AuditActions.TicketCreated);
        Assert.Equal(ticket.Value.Id.ToString(), created.SubjectId);
        Assert.All(loaded.Entries, e => Assert.Equal(AuditSubjects.Ticket, e.SubjectType));
    }

    [Fact]
    public async Task OlderPagesContinueBelowTheOldestSequenceShown()
    {
        var channel = await _app.CreateChannelAsync("Bulk", "300", _support);
        for (var i = 0; i < AuditState.PageSize; i++) await _app.ReceiveAsync(channel, "923003333333", $"Message {i}");

        var first = await LoadAsync<AuditLoadedAction>(_imran, AuditCriteria.None);
        Assert.Equal(AuditState.PageSize, first.Entries.Count);

        var effect = new LoadOlderAuditEffect(await SessionAsync(_imran), _app.Get<AuditQueries>());
        var before = first.Entries[^1].Sequence;
        await effect.HandleAsync(new LoadOlderAuditAction(first.Filter, before), _dispatched);

        var older = Assert.IsType<OlderAuditLoadedAction>(_dispatched.Actions.Last());
        Assert.NotEmpty(older.Entries);
        Assert.Equal(Enumerable.Range(1, (int)before - 1).Select(s => (long)s).OrderDescending().Take(AuditState.PageSize), older.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task OpeningThePageVerifiesOnceAndThenShowsTheLastVerification()
    {
        var verifier = _app.Get<AuditVerifier>();
        var open = new OpenAuditPageEffect(verifier);
        await open.HandleAsync(new OpenAuditPageAction(), _dispatched);
        Assert.IsType<VerifyAuditChainAction>(_dispatched.Actions.Last());

        await new VerifyAuditChainEffect(await SessionAsync(_imran), verifier).HandleAsync(new VerifyAuditChainAction(), _dispatched);
        var verified = Assert.IsType<AuditChainVerifiedAction>(_dispatched.Actions.Last()).Verification;
        Assert.True(verified.Ok);
        Assert.True(verified.VerifiedUpTo > 0);

        await open.HandleAsync(new OpenAuditPageAction(), _dispatched);
        Assert.Equal(new AuditChainVerifiedAction(verified), _dispatched.Actions.Last());
    }

    private sealed class Dispatcher : IDispatcher
    {
        public List<object> Actions { get; } = [];

        public void Dispatch(object action) => Actions.Add(action);
    }
}
