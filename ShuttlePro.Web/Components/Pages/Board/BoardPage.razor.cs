using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.PresenceFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Components.Pages.Board;

/// <summary>
/// The shift lead board: an Unassigned column per team and a column per agent of those teams (on shift first);
/// dropping a card (or choosing "Move to…") asks Core to assign or release it, and the card moves live everywhere.
/// </summary>
public partial class BoardPage : StoreComponent
{
    public const string BoardRoles = Roles.ShiftLead + "," + Roles.Supervisor + "," + Roles.Admin;

    [Inject] private IState<BoardState> Board { get; set; } = null!;
    [Inject] private IState<SessionState> Session { get; set; } = null!;
    [Inject] private IState<DirectoryState> Directory { get; set; } = null!;
    [Inject] private IState<PresenceState> Presence { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private MudDropContainer<ConversationSummary>? _container;
    private IReadOnlyList<BoardColumn> _columns = [];
    private object? _columnsFrom;
    private ITimer? _ticker;
    private DateTimeOffset _now;
    private int _reportSeen;
    private bool _requested;
    private bool _refreshZones;

    private BoardState State => Board.Value;
    private Actor? Me => Session.Value.Actor;
    private int OnShiftCount => Columns.Count(c => c.Agent is { OnShift: true });

    /// <summary>Teams the viewer may pick: those they lead (every team for supervisors and admins).</summary>
    private IReadOnlyList<TeamView> TeamChoices => Me is { } me ? Directory.Value.Teams.Where(t => me.LeadsTeam(t.Id)).ToList() : [];

    private IReadOnlyList<BoardColumn> Columns
    {
        get
        {
            // Recomputed only when the board or the directory changed (the drop container asks for columns often).
            var from = (State, Directory.Value);
            if (!Equals(_columnsFrom, from))
            {
                _columns = BoardColumn.Build(State, Directory.Value);
                _columnsFrom = from;
            }
            return _columns;
        }
    }

    /// <summary>A card released to this queue is handed straight to the next agent by auto-assignment, so the lead is told.</summary>
    private bool AutoAssigns(BoardColumn column) =>
        column.Agent is null && Directory.Value.Teams.FirstOrDefault(t => t.Id == column.Target.TeamId)?.AutoAssign == true;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _now = Clock.GetUtcNow();
        _reportSeen = State.LastReport?.Sequence ?? 0;
        _ticker = Clock.CreateTimer(_ => InvokeAsync(() => { _now = Clock.GetUtcNow(); StateHasChanged(); }),
            null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        LoadOnce();
    }

    protected override void OnStoreChanged()
    {
        LoadOnce();
        if (State.LastReport is { } report && report.Sequence != _reportSeen)
        {
            _reportSeen = report.Sequence;
            ShowReport(report);
        }
        _refreshZones = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusMovePanel && _moveCard is not null)
        {
            _focusMovePanel = false;
            // Keyboard users land in the panel: Tab goes through the targets, Enter moves, Escape closes it.
            await _movePanel.FocusAsync();
        }
        RefreshZones();
    }

    private void RefreshZones()
    {
        // Drop zones have no parameters that change, so they skip the page's re-render: once the container holds
        // the new cards, ask it to redraw its zones.
        if (!_refreshZones) return;
        _refreshZones = false;
        _container?.Refresh();
    }

    private void LoadOnce()
    {
        // The session may arrive after the page: load once it is there.
        if (_requested || Me is null) return;
        _requested = true;
        Dispatch(new LoadBoardAction(State.Loaded ? State.TeamFilter : null));
    }

    private void ChangeTeam(int? teamId) => Dispatch(new LoadBoardAction(teamId));

    [Inject] private IOptions<RenderThrottleOptions> Throttle { get; set; } = null!;

    /// <summary>At most four renders a second from live changes, however many arrive (each shows the latest state).</summary>
    protected override TimeSpan MinRenderInterval => Throttle.Value.Board;

    /// <summary>How many cards a column shows until the lead asks for more: the first render stays fast on a sale day.</summary>
    public const int CardsPerColumn = 30;

    private ConversationSummary? _moveCard;
    private ElementReference _movePanel;
    private bool _focusMovePanel;
    private readonly HashSet<string> _expanded = [];
    private (BoardState State, int Expanded)? _shownFrom;
    private Dictionary<Guid, string> _shownIn = [];
    private Dictionary<string, int> _hiddenIn = [];

    /// <summary>
    /// Which column shows each card, worked out once per state (the drop container asks for every zone and every card,
    /// hundreds of thousands of times on a big board); cards past a column's first <see cref="CardsPerColumn"/> are not shown.
    /// </summary>
    private void Arrange()
    {
        if (_shownFrom is { } from && ReferenceEquals(from.State, State) && from.Expanded == _expanded.Count) return;
        _shownFrom = (State, _expanded.Count);
        var shown = new Dictionary<Guid, string>(State.Cards.Count);
        var counts = new Dictionary<string, int>();
        foreach (var card in State.Cards)
        {
            var column = State.ColumnOf(card);
            var count = counts[column] = counts.GetValueOrDefault(column) + 1;
            if (count <= CardsPerColumn || _expanded.Contains(column)) shown[card.Id] = column;
        }
        _shownIn = shown;
        _hiddenIn = counts.Where(c => c.Value > CardsPerColumn && !_expanded.Contains(c.Key))
            .ToDictionary(c => c.Key, c => c.Value - CardsPerColumn);
    }

    private bool InColumn(ConversationSummary card, string column)
    {
        Arrange();
        return _shownIn.TryGetValue(card.Id, out var shown) && shown == column;
    }

    private int Hidden(BoardColumn column)
    {
        Arrange();
        return _hiddenIn.GetValueOrDefault(column.Id);
    }

    private void Expand(BoardColumn column)
    {
        _expanded.Add(column.Id);
        _refreshZones = true;
    }

    private void OpenMove(ConversationSummary card)
    {
        _moveCard = card;
        _focusMovePanel = true;
    }

    private void CloseMove() => _moveCard = null;

    private void ChooseMoveTarget(ConversationSummary card, BoardColumn target)
    {
        _moveCard = null;
        MoveOne(card, target);
    }

    private void OnMovePanelKey(KeyboardEventArgs e)
    {
        if (e.Key == "Escape") CloseMove();
    }

    /// <summary>A drop: the card already shows where it was dropped; it stays only if Core agrees.</summary>
    public Task OnDroppedAsync(MudItemDropInfo<ConversationSummary> drop)
    {
        if (drop.Item is not { } card || drop.DropzoneIdentifier == State.ColumnOf(card)) return Task.CompletedTask;
        if (Columns.FirstOrDefault(c => c.Id == drop.DropzoneIdentifier) is { } column) MoveOne(card, column);
        return Task.CompletedTask;
    }

    private void MoveOne(ConversationSummary card, BoardColumn target) =>
        Dispatch(new MoveCardsAction([card.Id], target.Target, target.Title));

    private void MoveSelected(BoardColumn target) =>
        Dispatch(new MoveCardsAction(State.Selected.ToList(), target.Target, target.Title));

    private void MoveAll(BoardColumn from, BoardColumn target) =>
        Dispatch(new MoveCardsAction(State.Cards.Where(c => c.OwnerId == from.Agent?.Id).Select(c => c.Id).ToList(), target.Target, target.Title));

    private void ShowReport(BoardMoveReport report)
    {
        var tried = report.Moved + report.Failures.Count;
        if (report.Failures.Count == 0)
        {
            if (report.Moved > 0)
                Snackbar.Add(report.Moved == 1 ? $"Moved to {report.TargetName}." : $"Moved {report.Moved} conversations to {report.TargetName}.", Severity.Success);
            return;
        }
        var reasons = string.Join(" ", report.Failures.Take(3).Select(f => f.Reason));
        var more = report.Failures.Count > 3 ? $" (+{report.Failures.Count - 3} more)" : "";
        Snackbar.Add(tried == 1
            ? $"Not moved: {reasons}"
            : $"Moved {report.Moved} of {tried} to {report.TargetName}; {report.Failures.Count} refused: {reasons}{more}",
            report.Moved == 0 ? Severity.Error : Severity.Warning);
    }

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    private static double LoadPercent(BoardColumn column) => column.Capacity <= 0 ? 100 : Math.Min(100, 100.0 * column.Load / column.Capacity);

    private static Color LoadColor(BoardColumn column) =>
        column.Load >= column.Capacity ? Color.Error : column.Load * 4 >= column.Capacity * 3 ? Color.Warning : Color.Success;

    private static string LoadClass(BoardColumn column) =>
        column.Load >= column.Capacity ? "sp-board-load-full" : column.Load * 4 >= column.Capacity * 3 ? "sp-board-load-busy" : "";

    protected override void Dispose(bool disposing)
    {
        _ticker?.Dispose();
        base.Dispose(disposing);
    }
}
