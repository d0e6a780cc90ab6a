using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Components.Shared;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.AuditFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Components.Pages.Audit;

public partial class AuditPage : StoreComponent
{
    /// <summary>Who may open the page (Core checks again: shift leads read their teams' events only).</summary>
    public const string AuditRoles = Roles.Supervisor + "," + Roles.Admin + "," + Roles.ShiftLead;

    [Inject] private IState<AuditState> Audit { get; set; } = null!;
    [Inject] private IState<SessionState> Session { get; set; } = null!;
    [Inject] private IState<DirectoryState> Directory { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private AuditState State => Audit.Value;
    private DateTimeOffset Now => Clock.GetUtcNow();
    private AuditCriteria _criteria = AuditCriteria.None;
    private readonly HashSet<long> _expanded = [];
    private bool _loaded;
    private bool _opened;

    private IEnumerable<AgentView> Agents => Directory.Value.Agents
        .Where(a => Session.Value.Actor is { } me && (me.SeesAllTeams || a.Teams.Any(t => me.CanSeeTeam(t.Id))))
        .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase);

    private IEnumerable<TeamView> Teams => Directory.Value.Teams.Where(t => Session.Value.Actor?.CanSeeTeam(t.Id) == true);

    protected override void OnParametersSet()
    {
        // The query string is the filter: links from other pages, back/forward, and our own replace-navigations all land here.
        var fromUri = AuditCriteria.FromUri(Navigation.Uri);
        if (_loaded && fromUri == _criteria) return;
        _criteria = fromUri;
        Load();
    }

    protected override void OnStoreChanged()
    {
        // The session may arrive after the page: load once it is there.
        if (!_loaded && Session.Value.Actor is not null) Load();
    }

    private void Load()
    {
        if (Session.Value.Actor is null) return;
        _loaded = true;
        _expanded.Clear();
        Dispatch(new LoadAuditAction(_criteria));
        if (_opened) return;
        _opened = true;
        Dispatch(new OpenAuditPageAction());
    }

    private void Apply(AuditCriteria criteria)
    {
        if (criteria == _criteria) return;
        _criteria = criteria;
        Load();
        Navigation.NavigateTo(criteria.ToPageUri(), replace: true);
    }

    private void Reload()
    {
        _expanded.Clear();
        Dispatch(new LoadAuditAction(_criteria));
    }

    private void Toggle(long sequence)
    {
        if (!_expanded.Remove(sequence)) _expanded.Add(sequence);
    }

    private string? ConversationText => _criteria.Conversation is { } conversation && Guid.TryParse(conversation, out var id)
        ? State.ConversationNumbers.TryGetValue(id, out var number) ? $"#{number}" : conversation
        : _criteria.Conversation;

    private string Summary => State.Loading && State.Rows.Count == 0
        ? "Loading…"
        : $"{State.Rows.Count} event{(State.Rows.Count == 1 ? "" : "s")} shown, newest first" + (State.HasOlder ? " · older events below" : "");

    private int? NumberOf(AuditEntry entry) =>
        entry.ConversationId is { } id && State.ConversationNumbers.TryGetValue(id, out var number) ? number : null;

    private string Ago(DateTimeOffset at) => TimeText.Age(at, Now, "just now") is var age && age == "just now" ? age : age + " ago";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? LocalInput(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset? FromLocalInput(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local) ? new DateTimeOffset(local) : null;

    private static string TicketLabel(AuditEntry entry) =>
        AuditDescriptions.Parse(entry.After).GetValueOrDefault("number") ?? AuditDescriptions.Parse(entry.Before).GetValueOrDefault("number") ?? "Ticket";

    private static Color ActionColor(string action) => action[..Math.Max(0, action.IndexOf('.'))] switch
    {
        "message" => Color.Info,
        "conversation" or "takeover" => Color.Primary,
        "handoff" or "shift" => Color.Secondary,
        "note" => Color.Tertiary,
        "ticket" or "sla_policy" or "ticket_type" => Color.Warning,
        "collision" or "webhook" => Color.Error,
        "qa" => Color.Success,
        _ => Color.Default,
    };

    /// <summary>Every action name, then the families ("ticket.") that match all of theirs.</summary>
    internal static readonly IReadOnlyList<string> ActionNames = BuildActionNames();

    private static List<string> BuildActionNames()
    {
        var names = typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        var families = names.Select(n => n[..(n.IndexOf('.') + 1)]).Distinct().Order();
        return [.. families, .. names];
    }

    private Task<IEnumerable<string>> SearchActionsAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text)
            ? ActionNames
            : ActionNames.Where(n => n.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));
}
