using ShuttlePro.Core.Board;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Tests.Store;

/// <summary>The board's reducers as plain functions: live updates, optimistic moves and their snap-back.</summary>
public sealed class BoardReducersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Bilal = Guid.NewGuid();
    private static readonly Guid Zara = Guid.NewGuid();

    private static ConversationSummary Card(int number, int teamId = 1, Guid? owner = null, int version = 1) =>
        new(Guid.NewGuid(), number, ConversationStatus.Open, new ContactView("Customer", "923001234567"), new ChannelView(1, "Zeenat", "Zeenat Fashion"),
            teamId, teamId == 1 ? "Support" : "Ops", owner, null, Now, "Hi", MessageDirection.Inbound, Now, Now, null, version, [], []);

    private static BoardState Loaded(params ConversationSummary[] cards) =>
        BoardReducers.OnLoaded(BoardReducers.OnLoad(BoardState.Initial, new LoadBoardAction(null)),
            new BoardLoadedAction(null, new BoardSnapshot([1], cards, [])));

    [Fact]
    public void ALiveUpdateMovesACardAndAnOlderOneIsIgnored()
    {
        var card = Card(1042, owner: Bilal, version: 3);
        var state = Loaded(card);

        var moved = BoardReducers.OnConversationUpdated(state, new LiveConversationUpdatedAction(card with { OwnerId = Zara, Version = 4 }));
        var stale = BoardReducers.OnConversationUpdated(moved, new LiveConversationUpdatedAction(card with { OwnerId = null, Version = 2 }));

        Assert.Equal(BoardColumns.Agent(Zara), moved.ColumnOf(moved.Cards.Single()));
        Assert.Same(moved, stale);
    }

    [Fact]
    public void ConversationsOfOtherTeamsOrResolvedLeaveTheBoard()
    {
        var card = Card(1042);
        var state = BoardReducers.OnConversationUpdated(Loaded(card), new LiveConversationUpdatedAction(Card(1043, teamId: 2)));
        Assert.Single(state.Cards);

        state = BoardReducers.OnConversationUpdated(state, new LiveConversationUpdatedAction(card with { Status = ConversationStatus.Resolved, Version = 2 }));
        Assert.Empty(state.Cards);
    }

    [Fact]
    public void AMovingCardShowsInItsTargetAndARefusalPutsItBackWithTheReason()
    {
        var card = Card(1042, owner: Bilal);
        var moving = BoardReducers.OnMove(Loaded(card), new MoveCardsAction([card.Id], BoardTarget.Agent(Zara), "Zara"));
        Assert.Equal(BoardColumns.Agent(Zara), moving.ColumnOf(card));

        var refused = BoardReducers.OnMoveRefused(moving, new CardMoveRefusedAction(card.Id, new Problem(ProblemCodes.Conflict, "Changed hands")));

        Assert.Equal(BoardColumns.Agent(Bilal), refused.ColumnOf(card));
        Assert.Equal("Changed hands", refused.Refusals[card.Id]);
    }

    [Fact]
    public void UpdatesArrivingWhileLoadingAreAppliedAfterTheLoad()
    {
        var card = Card(1042);
        var loading = BoardReducers.OnLoad(BoardState.Initial, new LoadBoardAction(null));
        loading = BoardReducers.OnConversationUpdated(loading, new LiveConversationUpdatedAction(card with { OwnerId = Zara, Version = 2 }));

        var loaded = BoardReducers.OnLoaded(loading, new BoardLoadedAction(null, new BoardSnapshot([1], [card], [])));

        Assert.Equal(Zara, loaded.Cards.Single().OwnerId);
    }
}
