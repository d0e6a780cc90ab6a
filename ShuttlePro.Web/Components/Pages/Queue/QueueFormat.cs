using ShuttlePro.Core.Queues;

namespace ShuttlePro.Web.Components.Pages.Queue;

public static class QueueFormat
{
    /// <summary>"45s", "12m", "1h 05m", "2d 3h": waits on a wall screen, readable from across the room.</summary>
    public static string Wait(long seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (span.TotalMinutes < 1) return $"{span.Seconds}s";
        if (span.TotalHours < 1) return $"{span.Minutes}m";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours}h {span.Minutes:00}m";
        return $"{(int)span.TotalDays}d {span.Hours}h";
    }

    /// <summary>One row per channel: the cells of the teams shown, summed (the longest wait is the longest of them).</summary>
    public static IReadOnlyList<ChannelQueueStats> ByChannel(IEnumerable<ChannelQueueStats> cells) => cells
        .GroupBy(c => c.ChannelId)
        .Select(g => g.Aggregate((a, b) => a with
        {
            Open = a.Open + b.Open,
            Unassigned = a.Unassigned + b.Unassigned,
            Waiting = a.Waiting + b.Waiting,
            LongestWaitSeconds = Math.Max(a.LongestWaitSeconds, b.LongestWaitSeconds),
            WindowClosingSoon = a.WindowClosingSoon + b.WindowClosingSoon,
            SlaAtRisk = a.SlaAtRisk + b.SlaAtRisk,
            SlaBreached = a.SlaBreached + b.SlaBreached,
        }))
        .OrderBy(c => c.Brand, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ChannelName, StringComparer.OrdinalIgnoreCase)
        .ToList();

    public static string ReasonText(AttentionReason reason) => reason switch
    {
        AttentionReason.SlaBreached => "SLA breached",
        AttentionReason.SlaAtRisk => "SLA at risk",
        AttentionReason.WaitingUnowned => "Waiting, unowned",
        AttentionReason.WindowClosing => "Window closing",
        _ => reason.ToString(),
    };

    public static string ReasonClass(AttentionReason reason) => reason switch
    {
        AttentionReason.SlaBreached => "qb-reason-breached",
        AttentionReason.SlaAtRisk => "qb-reason-risk",
        AttentionReason.WaitingUnowned => "qb-reason-waiting",
        _ => "qb-reason-window",
    };
}
