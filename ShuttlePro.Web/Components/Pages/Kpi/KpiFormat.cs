using System.Globalization;

namespace ShuttlePro.Web.Components.Pages.Kpi;

public static class KpiFormat
{
    /// <summary>"45s", "3m 20s", "1h 05m", "2d 3h"; an em dash when there was no sample.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } value) return "—";
        var span = TimeSpan.FromSeconds(Math.Round(value));
        if (span.TotalMinutes < 1) return $"{span.Seconds}s";
        if (span.TotalHours < 1) return $"{span.Minutes}m {span.Seconds:00}s";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours}h {span.Minutes:00}m";
        return $"{(int)span.TotalDays}d {span.Hours}h";
    }

    public static string Score(double? score) => score is { } value ? value.ToString("0.0#", CultureInfo.InvariantCulture) : "—";
}
