using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Tests.Store;

public sealed class InboxReducersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ayesha = new(Guid.NewGuid(), "Ayesha", new HashSet<string> { Roles.Agent }, new HashSet<int> { 1 });

    internal static ConversationSummary Summary(int number, int minutes, Guid? owner = null, int team = 1,
        ConversationStatus status = ConversationStatus.Open, int version = 1, string name = "Customer", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), number, status, new ContactView(name, "+923001234567"), new ChannelView(1, "Zeenat WhatsApp", "Zeenat"),
            team, "Support", owner, owner is null ? null : "Someone", T0.AddMinutes(minutes), "preview", MessageDirection.Inbound,
            T0.AddMinutes(minutes), T0.AddMinutes(minutes), null, version, [], []);

    private static InboxState Loaded(InboxView view, params ConversationSummary[] items)
    {
        var filter = new ConversationFilter(view, ConversationStatus.Open);
        var state = InboxReducers.OnLoad(InboxState.Initial, new LoadInboxAction(filter, Ayesha));
        return InboxReducers.OnLoaded(state, new InboxLoadedAction(filter, items));
    }

    [Fact]
    public void ANewConversationGoesToTheTopOfAMatchingList()
    {
        var state = Loaded(InboxView.Team, Summary(1001, 5), Summary(1002, 3));

        var next = InboxReducers.OnConversationUpdated(state, new LiveConversationUpdatedAction(Summary(1003, 10)));

        Assert.Equal([1003, 1001, 1002], next.Items.Select(c => c.Number));
    }

    [Fact]
    public void AnUpdatedConversationMovesToItsNewPlace()
    {
        var moving = Summary(1002, 3);
        var state = Loaded(InboxView.Team, Summary(1001, 5), moving);

        var next = InboxReducers.OnConversationUpdated(state,
            new LiveConversationUpdatedAction(moving with { LastActivityAt = T0.AddMinutes(9), Version = 2 }));

        Assert.Equal([1002, 1001], next.Items.Select(c => c.Number));
        Assert.Equal(2, next.Items.Count);
    }

    [Fact]
    public void AConversationThatNoLongerMatchesLeavesTheList()
    {
        var taken = Summary(1001, 5);
        var state = Loaded(InboxView.Unassigned, taken, Summary(1002, 3));

        var next = InboxReducers.OnConversationUpdated(state,
            new LiveConversationUpdatedAction(taken with { OwnerId = Guid.NewGuid(), Version = 2 }));

        Assert.Equal([1002], next.Items.Select(c => c.Number));
    }

    [Fact]
    public void ConversationsOfOtherTeamsOrStatusesNeverEnter()
    {
        var state = Loaded(InboxView.Team, Summary(1001, 5));

        var otherTeam = InboxReducers.OnConversationUpdated(state, new LiveConversationUpdatedAction(Summary(1002, 9, team: 2)));
        var resolved = InboxReducers.OnConversationUpdated(state,
            new LiveConversationUpdatedAction(Summary(1003, 9, status: ConversationStatus.Resolved)));

        Assert.Same(state, otherTeam);
        Assert.Same(state, resolved);
    }

    [Fact]
    public void AnOlderVersionArrivingLateIsIgnored()
    {
        var current = Summary(1001, 5, version: 4);
        var state = Loaded(InboxView.Team, current);

        var next = InboxReducers.OnConversationUpdated(state,
            new LiveConversationUpdatedAction(current with { Version = 3, LastMessagePreview = "old" }));

        Assert.Same(state, next);
    }

    [Fact]
    public void UpdatesArrivingWhileLoadingAreAppliedOnTopOfTheLoadedList()
    {
        var filter = new ConversationFilter(InboxView.Team, ConversationStatus.Open);
        var conversation = Summary(1001, 5, version: 1);
        var loading = InboxReducers.OnLoad(InboxState.Initial, new LoadInboxAction(filter, Ayesha));

        loading = InboxReducers.OnConversationUpdated(loading,
            new LiveConversationUpdatedAction(conversation with { Version = 2, LastMessagePreview = "newer" }));
        var loaded = InboxReducers.OnLoaded(loading, new InboxLoadedAction(filter, [conversation]));

        Assert.Equal("newer", Assert.Single(loaded.Items).LastMessagePreview);
        Assert.False(loaded.Loading);
    }

    [Fact]
    public void AnOlderLoadFinishingLateDoesNotReplaceTheNewerOne()
    {
        var mine = new ConversationFilter(InboxView.Mine);
        var team = new ConversationFilter(InboxView.Team);
        var state = InboxReducers.OnLoad(InboxState.Initial, new LoadInboxAction(mine, Ayesha));
        state = InboxReducers.OnLoad(state, new LoadInboxAction(team, Ayesha));

        var next = InboxReducers.OnLoaded(state, new InboxLoadedAction(mine, [Summary(1001, 1)]));

        Assert.Same(state, next);
        Assert.True(next.Loading);
    }
}
