using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ShuttlePro.Core.Audit;

namespace ShuttlePro.Web.Store.AuditFeature;

/// <summary>
/// The audit page's filters as the user gives them: a conversation by number ("1042", "#1042") or id, a ticket by number
/// ("SP-1042") or id, and the rest as <see cref="AuditFilter"/> takes them. They live in the page's query string, so
/// other pages can link to a filtered trail (<c>/audit?conversation=1042</c>).
/// </summary>
public sealed record AuditCriteria(string? Conversation = null, string? Ticket = null, Guid? ActorId = null, string? Action = null,
    int? TeamId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null)
{
    public static readonly AuditCriteria None = new();

    public bool IsEmpty => this == None;

    public static AuditCriteria FromUri(string uri)
    {
        var query = new Uri(uri).Query;
        var values = QueryHelpers.ParseQuery(query);
        string? Get(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

        return new AuditCriteria(
            Conversation: (Get("conversation") ?? Get("conversationId"))?.TrimStart('#'),
            Ticket: Get("ticket") ?? Get("ticketId"),
            ActorId: Guid.TryParse(Get("actorId"), out var actorId) ? actorId : null,
            Action: Get("action"),
            TeamId: int.TryParse(Get("teamId"), NumberStyles.None, CultureInfo.InvariantCulture, out var teamId) ? teamId : null,
            From: ParseTime(Get("from")),
            To: ParseTime(Get("to")),
            Text: Get("q"));
    }

    /// <summary>The page's own address with these filters (empty parts left out).</summary>
    public string ToPageUri() => "/audit" + Query(
        (Guid.TryParse(Conversation, out _) ? "conversationId" : "conversation", Conversation?.TrimStart('#')),
        (Guid.TryParse(Ticket, out _) ? "ticketId" : "ticket", Ticket),
        ("actorId", ActorId?.ToString()),
        ("action", Action),
        ("teamId", TeamId?.ToString(CultureInfo.InvariantCulture)),
        ("from", FormatTime(From)),
        ("to", FormatTime(To)),
        ("q", Text));

    /// <summary>The export endpoint for a resolved filter, with the parameter names the API takes.</summary>
    public static string ExportUri(string format, AuditFilter filter) => "/api/v1/audit/export" + Query(
        ("format", format),
        ("conversationId", filter.ConversationId?.ToString()),
        ("ticketId", filter.TicketId?.ToString()),
        ("actorId", filter.ActorId?.ToString()),
        ("action", filter.Action),
        ("teamId", filter.TeamId?.ToString(CultureInfo.InvariantCulture)),
        ("from", FormatTime(filter.From)),
        ("to", FormatTime(filter.To)),
        ("q", filter.Text));

    public static string? FormatTime(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at) ? at : null;

    private static string Query(params (string Name, string? Value)[] parts)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
        return query.ToString();
    }
}
