using Microsoft.AspNetCore.Components;
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

    protected override void OnAfterRender(bool firstRender)
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

    private bool InColumn(ConversationSummary card, string column) => State.ColumnOf(card) == column;

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
