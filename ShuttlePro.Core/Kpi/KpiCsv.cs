using System.Globalization;

namespace ShuttlePro.Core.Kpi;

/// <summary>A report as CSV: one line per agent, then one per team (kind tells them apart); times in whole seconds.</summary>
public static class KpiCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string Header = string.Join(',', "kind", "agentId", "teamId", "name", "conversationsHandled", "firstResponses",
        "firstResponseMedianSeconds", "firstResponseP90Seconds", "resolutions", "resolutionMedianSeconds", "resolutionP90Seconds",
        "repliesSent", "notesWritten", "handoffsGiven", "handoffsReceived", "escalations", "slaBreaches", "takeoversSuffered",
        "qaReviews", "qaScoreAverage", "onlineSeconds", "awaySeconds", "from", "to");

    public static async Task WriteAsync(TextWriter writer, KpiReport report, CancellationToken cancellationToken = default)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        foreach (var row in report.Agents) await writer.WriteLineAsync(Line("agent", row, report).AsMemory(), cancellationToken);
        foreach (var row in report.Teams) await writer.WriteLineAsync(Line("team", row, report).AsMemory(), cancellationToken);
    }

    private static string Line(string kind, KpiRow r, KpiReport report) => string.Join(',', kind, r.AgentId?.ToString() ?? "",
        r.TeamId?.ToString(CultureInfo.InvariantCulture) ?? "", Escape(r.Name), N(r.ConversationsHandled), N(r.FirstResponses),
        S(r.FirstResponseMedianSeconds), S(r.FirstResponseP90Seconds), N(r.Resolutions), S(r.ResolutionMedianSeconds), S(r.ResolutionP90Seconds),
        N(r.RepliesSent), N(r.NotesWritten), N(r.HandoffsGiven), N(r.HandoffsReceived), N(r.Escalations), N(r.SlaBreaches),
        N(r.TakeoversSuffered), N(r.QaReviews), r.QaScoreAverage?.ToString("0.##", CultureInfo.InvariantCulture) ?? "",
        S(r.OnlineSeconds), S(r.AwaySeconds), report.From.ToString("O", CultureInfo.InvariantCulture), report.To.ToString("O", CultureInfo.InvariantCulture));

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string S(double? seconds) => seconds is { } s ? Math.Round(s, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs a name as a formula.</summary>
    private static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
