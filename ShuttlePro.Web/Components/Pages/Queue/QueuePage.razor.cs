using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.QueueFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Components.Pages.Queue;

/// <summary>
/// The supervisor's live queue board: per team and per brand/number figures, the agents and what they are on, and the
/// conversations that need attention. Figures arrive as store actions from the server's coalesced <c>queue.stats</c>
/// publication; between them the page's own clock ages the waiting times, so nothing polls.
/// </summary>
public partial class QueuePage : StoreComponent
{
    public const string QueueRoles = Roles.ShiftLead + "," + Roles.Supervisor + "," + Roles.Admin;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    [Inject] private IState<QueueState> Queue { get; set; } = null!;
    [Inject] private IState<SessionState> Session { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>Wall mode (<c>?wall=true</c>): full screen and large, for a TV; the address can be bookmarked on the TV.</summary>
    [SupplyParameterFromQuery(Name = "wall")] public bool Wall { get; set; }

    [SupplyParameterFromQuery(Name = "team")] public int? TeamId { get; set; }

    private ITimer? _ticker;
    private DateTimeOffset _now;
    private bool _requested;
    private QueueStats? _filteredFrom;
    private int? _filteredFor;
    private IReadOnlyList<TeamQueueStats> _teams = [];
    private IReadOnlyList<AgentQueueStats> _agents = [];
    private IReadOnlyList<ChannelQueueStats> _channels = [];
    private IReadOnlyList<AttentionItem> _attention = [];

    private QueueState State => Queue.Value;
    private QueueStats? Stats => State.Stats;
    private Actor? Me => Session.Value.Actor;

    private IReadOnlyList<TeamQueueStats> TeamChoices => Stats?.Teams ?? [];
    private string TeamTitle => TeamId is { } id && TeamChoices.FirstOrDefault(t => t.TeamId == id) is { } team ? $" · {team.Name}" : "";

    private IReadOnlyList<TeamQueueStats> Teams => Filtered()._teams;
    private IReadOnlyList<AgentQueueStats> Agents => Filtered()._agents;
    private IReadOnlyList<ChannelQueueStats> Channels => Filtered()._channels;
    private IReadOnlyList<AttentionItem> Attention => Filtered()._attention;

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _now = Clock.GetUtcNow();
        _ticker = Clock.CreateTimer(_ => InvokeAsync(() => { _now = Clock.GetUtcNow(); StateHasChanged(); }), null, Tick, Tick);
        LoadOnce();
    }

    protected override void OnStoreChanged() => LoadOnce();

    private void LoadOnce()
    {
        if (_requested || Me is null) return;
        _requested = true;
        Dispatch(new LoadQueueAction());
    }

    /// <summary>The figures of the chosen team (all the viewer's teams when none), recomputed only when new figures arrive.</summary>
    private QueuePage Filtered()
    {
        if (ReferenceEquals(_filteredFrom, Stats) && _filteredFor == TeamId) return this;
        _filteredFrom = Stats;
        _filteredFor = TeamId;
        if (Stats is not { } stats) return this;
        bool Shown(int teamId) => TeamId is not { } only || only == teamId;
        _teams = TeamId is null ? stats.Teams : stats.Teams.Where(t => Shown(t.TeamId)).ToList();
        _agents = (TeamId is null ? stats.Agents : stats.Agents.Where(a => a.TeamIds.Any(Shown)))
            .OrderByDescending(a => a.OnShift).ThenBy(a => a.Status.Rank()).ThenByDescending(a => a.OwnedOpen).ThenBy(a => a.Name).ToList();
        _channels = TeamId is null ? stats.Channels : stats.Channels.Where(c => Shown(c.TeamId)).ToList();
        _attention = TeamId is null ? stats.Attention : stats.Attention.Where(a => Shown(a.TeamId)).ToList();
        return this;
    }

    /// <summary>The longest wait as of now: the published figure aged by the time since it was computed.</summary>
    private long LongestWait(TeamQueueStats team) =>
        team.Waiting == 0 || Stats is null ? 0 : team.LongestWaitSeconds + Math.Max(0, (long)(_now - Stats.At).TotalSeconds);

    private static string WaitClass(long seconds) => seconds >= 30 * 60 ? "qb-alarm" : seconds >= 10 * 60 ? "qb-warn" : "";

    private string AttentionTimes(AttentionItem item)
    {
        var parts = new List<string>();
        if (item.SlaDueAt is { } due && item.TicketNumber is { } ticket)
            parts.Add(due <= _now ? $"T-{ticket} overdue {QueueFormat.Wait((long)(_now - due).TotalSeconds)}" : $"T-{ticket} due in {QueueFormat.Wait((long)(due - _now).TotalSeconds)}");
        if (item.WaitingSince is { } since) parts.Add($"waiting {QueueFormat.Wait((long)(_now - since).TotalSeconds)}");
        if (item.WindowClosesAt is { } closes && closes > _now && closes - _now <= QueueStats.WindowClosingSoon)
            parts.Add($"window closes in {QueueFormat.Wait((long)(closes - _now).TotalSeconds)}");
        return string.Join(" · ", parts);
    }

    private static string FirstName(string name) => name.Split(' ', 2)[0];

    private void ChooseTeam(int? teamId) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("team", teamId));

    private async Task ToggleWallAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("wall", Wall ? null : "true"));
        try
        {
            await JS.InvokeVoidAsync("shuttle.fullscreen", !Wall);
        }
        catch (JSException)
        {
            // The browser refused full screen (no user gesture, or a kiosk): the wall layout works without it.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _ticker?.Dispose();
        base.Dispose(disposing);
    }
}
