using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Kpi;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.KpiFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Components.Pages.Kpi;

public partial class KpiPage
{
    [Inject] private IState<KpiState> Kpi { get; set; } = null!;
    [Inject] private IState<SessionState> Session { get; set; } = null!;
    [Inject] private IState<DirectoryState> Directory { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private KpiState State => Kpi.Value;
    private Actor? Me => Session.Value.Actor;

    /// <summary>Shift leads, supervisors and admins filter by team and agent; an agent sees their own figures.</summary>
    private bool IsLead => Me is { } me && (me.SeesAllTeams || me.IsShiftLead);

    private string _range = "today";
    private DateTime? _customFrom;
    private DateTime? _customTo;
    private int? _teamId;
    private Guid? _agentId;
    private bool _loadedForSession;

    private IEnumerable<AgentView> SelectableAgents => Directory.Value.Agents
        .Where(a => a.Teams.Any(t => (_teamId is null || t.Id == _teamId) && Me?.LeadsTeam(t.Id) == true))
        .OrderBy(a => a.Name);

    protected override void OnInitialized()
    {
        base.OnInitialized();
        var today = KpiPeriod.StartOfDay(Clock.GetUtcNow());
        _customTo = TimeZoneInfo.ConvertTime(today, KpiPeriod.TimeZone).Date;
        _customFrom = _customTo.Value.AddDays(-6);
        Load();
    }

    protected override void OnStoreChanged()
    {
        if (!_loadedForSession && Me is not null) Load();
    }

    private void RangeChanged(string range) => Apply(() => _range = range ?? "today");

    private void Apply(Action change)
    {
        change();
        Load();
    }

    private KpiPeriod Period()
    {
        var now = Clock.GetUtcNow();
        return _range switch
        {
            "7d" => KpiPeriod.LastDays(7, now),
            "30d" => KpiPeriod.LastDays(30, now),
            "custom" when _customFrom is { } from && _customTo is { } to => new KpiPeriod(StartOf(from), StartOf(to.AddDays(1))),
            _ => KpiPeriod.Today(now),
        };

        static DateTimeOffset StartOf(DateTime day) =>
            new DateTimeOffset(day.Date, KpiPeriod.TimeZone.GetUtcOffset(day.Date)).ToUniversalTime();
    }

    private void Load()
    {
        if (Me is null) return;
        _loadedForSession = true;
        Dispatch(new LoadKpiAction(new KpiRequest(Period(), _teamId, _agentId)));
    }

    private string PeriodLabel
    {
        get
        {
            if (State.Request?.Period is not { } period) return "";
            var from = TimeZoneInfo.ConvertTime(period.From, KpiPeriod.TimeZone);
            var to = TimeZoneInfo.ConvertTime(period.To, KpiPeriod.TimeZone);
            return $"{from:ddd d MMM, HH:mm} – {to:ddd d MMM, HH:mm} (Karachi)";
        }
    }

    private string ExportHref
    {
        get
        {
            if (State.Request is not { } request) return "/api/v1/kpi/export";
            var query = $"from={Uri.EscapeDataString(request.Period.From.ToString("O", CultureInfo.InvariantCulture))}" +
                        $"&to={Uri.EscapeDataString(request.Period.To.ToString("O", CultureInfo.InvariantCulture))}";
            if (request.TeamId is { } team) query += $"&teamId={team}";
            if (request.AgentId is { } agent) query += $"&agentId={agent}";
            return $"/api/v1/kpi/export?{query}";
        }
    }

    /// <summary>Karachi hours ("14:00", every third labelled so they stay legible) or days ("25 Nov").</summary>
    private static string[] TrendLabels(KpiReport report) => report.Trend.Select((p, i) =>
    {
        var local = TimeZoneInfo.ConvertTime(p.Start, KpiPeriod.TimeZone);
        if (report.TrendStep == KpiPeriod.Day) return local.ToString(report.Trend.Count > 14 && i % 2 == 1 ? "" : "d MMM", CultureInfo.InvariantCulture);
        return i % 3 == 0 ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : "";
    }).ToArray();

    private static List<ChartSeries<double>> TrendSeries(KpiReport report) =>
    [
        new() { Name = "Replies sent", Data = new ChartData<double>(report.Trend.Select(p => (double)p.RepliesSent).ToArray()) },
        new() { Name = "Conversations resolved", Data = new ChartData<double>(report.Trend.Select(p => (double)p.Resolutions).ToArray()) },
    ];

    private static List<ChartSeries<double>> BucketSeries(KpiReport report) =>
    [
        new() { Name = "First responses", Data = new ChartData<double>(report.FirstResponseBuckets.Select(b => (double)b.Count).ToArray()) },
    ];
}
