using ShuttlePro.Web.Components.Shared;
using ShuttlePro.Core.Queues;

namespace ShuttlePro.Web.Components.Pages.Queue;

public static class QueueFormat
{
    /// <summary>A wait or a time left, as the rest of the app shows ages ("<1m", "12m", "1h 5m", "2d").</summary>
    public static string Wait(long seconds) => TimeText.Span(TimeSpan.FromSeconds(Math.Max(0, seconds)), "<1m");

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
