using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ShuttlePro.Core.Board;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Components.Pages.Board;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Tests.Components.Board;

/// <summary>
/// The shift lead board without effects: columns and their order, drops that Core accepts (the card stays) or
/// refuses (it snaps back with the reason), the keyboard "Move to…" menu, and moving all of an agent's cards.
/// </summary>
public sealed class BoardPageTests : ComponentTestContext
{
    private readonly AgentView _sana = Agent("Sana Malik", Roles.ShiftLead, Support);
    private readonly AgentView _bilal = Agent("Bilal Ahmed", Roles.Agent, Support) with { Capacity = 4 };
    private readonly AgentView _zara = Agent("Zara Khan", Roles.Agent, Support) with { Status = AgentStatus.Away };
    private readonly AgentView _ayesha = Agent("Ayesha Siddiqui", Roles.Agent, Support) with { OnShift = false, Status = AgentStatus.Offline };
    private ConversationSummary _fatima = null!;
    private ConversationSummary _ali = null!;
    private ConversationSummary _hira = null!;

    private IRenderedComponent<BoardPage> RenderBoard()
    {
        SignIn(_sana);
        Store.Dispatch(new DirectoryLoadedAction([_ayesha, _bilal, _sana, _zara], [Support]));
        _fatima = Conversation(1042, "Fatima Khan", _bilal.Id, _bilal.Name);
        _ali = Conversation(1043, "Ali Raza", _bilal.Id, _bilal.Name);
        _hira = Conversation(1044, "Hira Malik", minutesAgo: 12);
        var cut = Render<BoardPage>();
        Store.Dispatch(new BoardLoadedAction(null, new BoardSnapshot([Support.Id], [_fatima, _ali, _hira], [])));
        // The board renders store changes at most four times a second: wait for the loaded cards.
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=board-card]").Count));
        return cut;
    }

    private static AngleSharp.Dom.IElement Column(IRenderedComponent<BoardPage> cut, string title) =>
        cut.FindAll("[data-testid=board-column]").Single(c => c.GetAttribute("data-title") == title);

    private static List<string?> CardsIn(IRenderedComponent<BoardPage> cut, string title) =>
        Column(cut, title).QuerySelectorAll("[data-testid=board-card]").Select(c => c.GetAttribute("data-number")).ToList();

    private Task DropAsync(IRenderedComponent<BoardPage> cut, ConversationSummary card, AgentView target) =>
        cut.InvokeAsync(() => cut.FindComponent<MudDropContainer<ConversationSummary>>().Instance.ItemDropped
            .InvokeAsync(new MudItemDropInfo<ConversationSummary>(card, BoardColumns.Agent(target.Id), 0)));

    [Fact]
    public void ADeactivatedAgentsLeftoverCardsShouldStayVisibleFirstAndAnAutoAssigningQueueShouldSaySo()
    {
        var gone = Agent("Kashif Butt", Roles.Agent, Support) with { IsActive = false };
        var unowned = Agent("Old Timer", Roles.Agent, Support) with { IsActive = false };
        SignIn(_sana);
        Store.Dispatch(new DirectoryLoadedAction([_bilal, _sana, gone, unowned], [Support with { AutoAssign = true }]));
        var leftover = Conversation(1050, "Nadia Iqbal", gone.Id, gone.Name);
        var cut = Render<BoardPage>();
        Store.Dispatch(new BoardLoadedAction(null, new BoardSnapshot([Support.Id], [leftover], [])));

        cut.WaitForAssertion(() => Assert.Equal(["Support", "Kashif Butt", "Bilal Ahmed", "Sana Malik"],
            cut.FindAll("[data-testid=board-column]").Select(c => c.GetAttribute("data-title"))));
        Assert.Equal(["1050"], CardsIn(cut, "Kashif Butt"));
        Assert.Contains("Deactivated", Column(cut, "Kashif Butt").QuerySelector("[data-testid=column-status]")!.TextContent);
        // Released cards would go straight to the next agent: the queue's column says so.
        Assert.EndsWith("auto-assign on", Column(cut, "Support").QuerySelector("[data-testid=column-status]")!.TextContent);
    }

    [Fact]
    public void ColumnsAreTheTeamQueueThenOnShiftAgentsFirstWithLoadAgainstCapacity()
    {
        var cut = RenderBoard();

        Assert.Equal(new LoadBoardAction(null), Dispatched.OfType<LoadBoardAction>().Single());
        var titles = cut.FindAll("[data-testid=board-column]").Select(c => c.GetAttribute("data-title")).ToList();
        // Online before away on shift, then off shift; names break ties.
        Assert.Equal(["Support", "Bilal Ahmed", "Sana Malik", "Zara Khan", "Ayesha Siddiqui"], titles);
        Assert.Equal("2/4", Column(cut, "Bilal Ahmed").QuerySelector("[data-testid=column-load]")!.TextContent.Trim());
        Assert.Equal("0/8", Column(cut, "Zara Khan").QuerySelector("[data-testid=column-load]")!.TextContent.Trim());
        Assert.Contains("Away", Column(cut, "Zara Khan").QuerySelector("[data-testid=column-status]")!.TextContent);
        Assert.Contains("off shift", Column(cut, "Ayesha Siddiqui").QuerySelector("[data-testid=column-status]")!.TextContent);
        Assert.Equal(["1044"], CardsIn(cut, "Support"));
        Assert.Equal(["1042", "1043"], CardsIn(cut, "Bilal Ahmed"));
        var card = Column(cut, "Support").QuerySelector("[data-testid=board-card]")!;
        Assert.Contains("Hira Malik", card.TextContent);
        Assert.Contains("Zeenat Fashion", card.TextContent);
        Assert.Equal("12m", card.QuerySelector("[data-testid=card-waiting]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAcceptedDropKeepsTheCardInItsNewColumn()
    {
        var cut = RenderBoard();

        await DropAsync(cut, _fatima, _zara);

        var move = Dispatched.OfType<MoveCardsAction>().Single();
        Assert.Equal([_fatima.Id], move.ConversationIds);
        Assert.Equal(BoardTarget.Agent(_zara.Id), move.Target);
        // Shown where it was dropped while Core decides.
        cut.WaitForAssertion(() => Assert.Equal(["1042"], CardsIn(cut, "Zara Khan")));

        Store.Dispatch(new CardMovedAction(_fatima with { OwnerId = _zara.Id, OwnerName = _zara.Name, Version = 2 }));
        Store.Dispatch(new CardsMoveFinishedAction(_zara.Name, 1, []));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["1042"], CardsIn(cut, "Zara Khan"));
            Assert.Equal(["1043"], CardsIn(cut, "Bilal Ahmed"));
            Assert.Equal("1/8", Column(cut, "Zara Khan").QuerySelector("[data-testid=column-load]")!.TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-testid=card-refusal]"));
        });
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Moved to Zara Khan.");
    }

    [Fact]
    public async Task ARefusedDropSnapsBackWithTheReason()
    {
        var cut = RenderBoard();

        await DropAsync(cut, _fatima, _zara);
        cut.WaitForAssertion(() => Assert.Equal(["1042"], CardsIn(cut, "Zara Khan")));
        const string reason = "#1042 changed hands meanwhile: it is now Ayesha Siddiqui's.";
        Store.Dispatch(new CardMoveRefusedAction(_fatima.Id, new Problem(ProblemCodes.Conflict, reason)));
        Store.Dispatch(new CardsMoveFinishedAction(_zara.Name, 0, [new BoardMoveFailure(_fatima.Id, 1042, reason)]));

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(CardsIn(cut, "Zara Khan"));
            Assert.Equal(["1042", "1043"], CardsIn(cut, "Bilal Ahmed"));
            var card = Column(cut, "Bilal Ahmed").QuerySelector("[data-number='1042']")!;
            Assert.Contains(reason, card.QuerySelector("[data-testid=card-refusal]")!.TextContent);
        });
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Severity == Severity.Error && s.Message!.Contains(reason));
    }

    [Fact]
    public void DroppingACardOnItsOwnColumnDoesNothing()
    {
        var cut = RenderBoard();

        cut.InvokeAsync(() => cut.FindComponent<MudDropContainer<ConversationSummary>>().Instance.ItemDropped
            .InvokeAsync(new MudItemDropInfo<ConversationSummary>(_fatima, BoardColumns.Agent(_bilal.Id), 0)));

        Assert.Empty(Dispatched.OfType<MoveCardsAction>());
    }

    [Fact]
    public void TheMoveToMenuIsAKeyboardAlternativeToDragging()
    {
        var cut = RenderBoard();

        Column(cut, "Support").QuerySelector("[data-testid=card-move]")!.Click();
        Assert.Equal("Move #1044 to…", cut.WaitForElement("[data-testid=card-move-panel]").GetAttribute("aria-label"));
        cut.FindAll("[data-testid=card-move-target]").Single(i => i.GetAttribute("data-column-id") == BoardColumns.Agent(_zara.Id)).Click();

        var move = Dispatched.OfType<MoveCardsAction>().Single();
        Assert.Equal([_hira.Id], move.ConversationIds);
        Assert.Equal(BoardTarget.Agent(_zara.Id), move.Target);
        Assert.Empty(cut.FindAll("[data-testid=card-move-panel]")); // the panel closes once a target is chosen
    }

    [Fact]
    public void AColumnShowsItsFirstCardsAndTheRestOnRequest()
    {
        SignIn(_sana);
        Store.Dispatch(new DirectoryLoadedAction([_bilal, _sana], [Support]));
        var queue = Enumerable.Range(0, BoardPage.CardsPerColumn + 5).Select(i => Conversation(2000 + i, $"Customer {i}")).ToList();
        var cut = Render<BoardPage>();
        Store.Dispatch(new BoardLoadedAction(null, new BoardSnapshot([Support.Id], queue, [])));

        cut.WaitForAssertion(() => Assert.Equal(BoardPage.CardsPerColumn, CardsIn(cut, "Support").Count));
        var more = Column(cut, "Support").QuerySelector("[data-testid=column-more]")!;
        Assert.Equal("Show 5 more", more.TextContent.Trim());
        Assert.Equal("35", Column(cut, "Support").QuerySelector("[data-testid=column-load]")!.TextContent.Trim()); // the count is of all of them

        more.Click();

        cut.WaitForAssertion(() => Assert.Equal(BoardPage.CardsPerColumn + 5, CardsIn(cut, "Support").Count));
        Assert.Empty(Column(cut, "Support").QuerySelectorAll("[data-testid=column-more]"));
    }

    [Fact]
    public void MoveAllOfAnAgentsCardsForAShiftChange()
    {
        var cut = RenderBoard();

        Column(cut, "Bilal Ahmed").QuerySelector("[data-testid=column-menu] button")!.Click();
        Popovers.WaitForElements("[data-testid=move-all-target]").Single(i => i.GetAttribute("data-column-id") == BoardColumns.Agent(_zara.Id)).Click();

        var move = Dispatched.OfType<MoveCardsAction>().Single();
        Assert.Equal([_fatima.Id, _ali.Id], move.ConversationIds);
        Assert.Equal("Zara Khan", move.TargetName);
    }

    [Fact]
    public void SelectedCardsMoveTogetherAndAPartialFailureIsReported()
    {
        var cut = RenderBoard();
        Store.Dispatch(new ToggleCardSelectionAction(_fatima.Id, true));
        Store.Dispatch(new ToggleCardSelectionAction(_hira.Id, true));

        cut.WaitForAssertion(() => cut.Find("[data-testid=move-selected] button").Click());
        Popovers.WaitForElements("[data-testid=move-selected-target]").Single(i => i.GetAttribute("data-column-id") == BoardColumns.Agent(_zara.Id)).Click();

        var move = Dispatched.OfType<MoveCardsAction>().Single();
        Assert.Equal(new[] { _fatima.Id, _hira.Id }.Order(), move.ConversationIds.Order());
        Store.Dispatch(new CardsMoveFinishedAction("Zara Khan", 1, [new BoardMoveFailure(_hira.Id, 1044, "Zara Khan is not in this conversation's team.")]));
        cut.WaitForAssertion(() => Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Severity == Severity.Warning && s.Message!.StartsWith("Moved 1 of 2 to Zara Khan; 1 refused")));
    }

    [Fact]
    public async Task AMoveBySomeoneElseArrivesLive()
    {
        var cut = RenderBoard();

        await Task.Run(() => Store.Dispatch(new LiveConversationUpdatedAction(_hira with { OwnerId = _zara.Id, OwnerName = _zara.Name, Version = 2 })));
        await Task.Run(() => Store.Dispatch(new LiveConversationUpdatedAction(_ali with { Status = ConversationStatus.Resolved, Version = 2 })));

        Assert.DoesNotContain(State<BoardState>().Cards, c => c.Id == _ali.Id);
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(CardsIn(cut, "Support"));
            Assert.Equal(["1044"], CardsIn(cut, "Zara Khan"));
            Assert.Equal(["1042"], CardsIn(cut, "Bilal Ahmed"));
        }, TimeSpan.FromSeconds(5));
    }
}
