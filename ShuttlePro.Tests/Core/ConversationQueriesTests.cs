using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The inbox views and search, and the in-memory filter live updates use, which must agree with the database.</summary>
public sealed class ConversationQueriesTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _hamza = null!;
    private Actor _sana = null!;
    private Actor _imran = null!;
    private readonly Dictionary<string, Guid> _ids = [];

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        var zeenat = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        var gadget = await _app.CreateChannelAsync("GadgetBazaar", "1002", _ops);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal", Roles.Agent, _support);
        _hamza = await _app.CreateAgentAsync("Hamza", Roles.Agent, _ops);
        _sana = await _app.CreateAgentAsync("Sana", Roles.ShiftLead, _support, _ops);
        _imran = await _app.CreateAgentAsync("Imran", Roles.Supervisor);

        async Task Conversation(string key, Channel channel, string phone, string name, string text)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            _ids[key] = (await _app.ReceiveAsync(channel, phone, text, name)).ConversationId;
        }

        await Conversation("fatima", zeenat, "923001110001", "Fatima Khan", "Mera order ZF-48213 kab aayega?");
        await Conversation("hira", zeenat, "923001110002", "Hira Malik", "Size exchange for lawn suit");
        await Conversation("usman", zeenat, "923001110003", "Usman Tariq", "Power bank cracked in the box");
        await Conversation("ali", gadget, "923001110004", "Ali Raza", "Courier said consignee not available");
        await Conversation("sadia", zeenat, "923001110005", "Sadia Noor", "100%_real question about returns");

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.Conversations.ReplyAsync(_ayesha, _ids["hira"], "L size available hai");
        await _app.Conversations.ReplyAsync(_bilal, _ids["usman"], "Pictures bhej dein please");
        await _app.Conversations.ReplyAsync(_hamza, _ids["ali"], "Reattempt booked");
        await _app.Conversations.ResolveAsync(_bilal, _ids["usman"]);
        await _app.Conversations.MarkPendingAsync(_ayesha, _ids["hira"]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<string>> ListAsync(Actor actor, ConversationFilter filter, int limit = 100)
    {
        var result = await _app.Queries.ListAsync(actor, filter, limit);
        Assert.True(result.Succeeded, result.Problem?.Message);
        return result.Value!.Select(c => _ids.Single(kv => kv.Value == c.Id).Key).ToList();
    }

    [Fact]
    public async Task MineShowsOnlyWhatTheAgentOwns()
    {
        Assert.Equal(["hira"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Mine)));
        Assert.Equal(["usman"], await ListAsync(_bilal, new ConversationFilter(InboxView.Mine)));
    }

    [Fact]
    public async Task UnassignedShowsTheTeamsQueueMostRecentFirst()
    {
        Assert.Equal(["sadia", "fatima"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Unassigned)));
        Assert.Empty(await ListAsync(_hamza, new ConversationFilter(InboxView.Unassigned)));
    }

    [Fact]
    public async Task TeamViewCoversEveryTeamOfTheAgentAndOnlyThose()
    {
        // Same activity time: the newer conversation number comes first.
        Assert.Equal(["usman", "hira", "sadia", "fatima"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Team)));
        Assert.Equal(["ali"], await ListAsync(_hamza, new ConversationFilter(InboxView.Team)));
        Assert.Equal(5, (await ListAsync(_sana, new ConversationFilter(InboxView.Team))).Count);
    }

    [Fact]
    public async Task AllIsForSupervisorsAndAdmins()
    {
        Assert.Equal(5, (await ListAsync(_imran, new ConversationFilter(InboxView.All))).Count);
        var refused = await _app.Queries.ListAsync(_ayesha, new ConversationFilter(InboxView.All));
        Assert.Equal(ProblemCodes.Forbidden, refused.Problem?.Code);
    }

    [Fact]
    public async Task StatusNarrowsTheView()
    {
        Assert.Equal(["sadia", "fatima"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Team, ConversationStatus.Open)));
        Assert.Equal(["hira"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Team, ConversationStatus.Pending)));
        Assert.Equal(["usman"], await ListAsync(_ayesha, new ConversationFilter(InboxView.Team, ConversationStatus.Resolved)));
    }

    [Theory]
    [InlineData("fatima", "fatima")]            // contact name, any case
    [InlineData("KHAN", "fatima")]
    [InlineData("1110003", "usman")]            // phone digits
    [InlineData("+92 300 111 0003", "usman")]   // phone as people type it
    [InlineData("lawn suit", "hira")]           // customer message text
    [InlineData("l size available", "hira")]    // agent message text
    [InlineData("%_real", "sadia")]             // LIKE wildcards are literal
    public async Task SearchMatchesNamePhoneAndMessageText(string q, string expected) =>
        Assert.Equal([expected], await ListAsync(_imran, new ConversationFilter(InboxView.All, Search: q)));

    [Fact]
    public async Task SearchNeverReachesBeyondWhatTheAgentMaySee()
    {
        Assert.Empty(await ListAsync(_ayesha, new ConversationFilter(InboxView.Team, Search: "Ali Raza")));
        Assert.Empty(await ListAsync(_ayesha, new ConversationFilter(InboxView.Unassigned, Search: "consignee")));
    }

    [Fact]
    public async Task LimitCapsTheList()
    {
        Assert.Equal(2, (await ListAsync(_imran, new ConversationFilter(InboxView.All), limit: 2)).Count);
        Assert.Equal(ProblemCodes.Validation, (await _app.Queries.ListAsync(_imran, new ConversationFilter(InboxView.All), 0)).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await _app.Queries.ListAsync(_imran, new ConversationFilter(InboxView.All), 501)).Problem?.Code);
    }

    /// <summary>Live updates decide list membership in memory; for every filter that must match what a reload would show.</summary>
    [Fact]
    public async Task TheInMemoryFilterAgreesWithTheDatabaseForEveryViewStatusAndActor()
    {
        var everything = (await _app.Queries.ListAsync(_imran, new ConversationFilter(InboxView.All))).Value!;
        var statuses = new ConversationStatus?[] { null, ConversationStatus.Open, ConversationStatus.Pending, ConversationStatus.Resolved };
        foreach (var actor in new[] { _ayesha, _bilal, _hamza, _sana, _imran })
        foreach (var view in Enum.GetValues<InboxView>().Where(v => v != InboxView.All || actor.SeesAllTeams))
        foreach (var status in statuses)
        foreach (var search in new[] { null, "fatima", "1110004" })
        {
            var filter = new ConversationFilter(view, status, search);
            var fromDatabase = (await _app.Queries.ListAsync(actor, filter)).Value!.Select(c => c.Id).ToHashSet();
            var inMemory = everything.Where(c => filter.Matches(c, actor)).Select(c => c.Id).ToHashSet();
            Assert.True(fromDatabase.SetEquals(inMemory), $"{actor.Name} {filter}: db {fromDatabase.Count}, memory {inMemory.Count}");
        }
    }

    [Fact]
    public async Task TheThreadHasItsMessagesOldestFirst()
    {
        var detail = (await _app.Queries.GetAsync(_ayesha, _ids["hira"])).Value!;

        Assert.Equal([MessageDirection.Inbound, MessageDirection.Outbound], detail.Messages.Select(m => m.Direction));
        Assert.Equal("Ayesha", detail.Messages[1].AuthorName);
        Assert.Equal(ConversationStatus.Pending, detail.Summary.Status);
    }
}
