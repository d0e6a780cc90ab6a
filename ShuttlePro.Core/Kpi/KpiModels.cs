using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Kpi;

/// <summary>
/// The half-open interval [<see cref="From"/>, <see cref="To"/>) the figures are computed over. Days (for the trend and for
/// "today") are calendar days in Asia/Karachi, where the customer's teams work.
/// </summary>
public sealed record KpiPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public const string TimeZoneId = Tickets.BusinessHours.DefaultTimeZoneId;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(92);

    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Since midnight in Karachi, up to now.</summary>
    public static KpiPeriod Today(DateTimeOffset now) => LastDays(1, now);

    /// <summary>The last <paramref name="days"/> Karachi calendar days including today, up to now (7 days = today and the 6 before).</summary>
    public static KpiPeriod LastDays(int days, DateTimeOffset now) => new(StartOfDay(now).AddDays(-(days - 1)), now);

    public static DateTimeOffset StartOfDay(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }

    public const string Hour = "hour";
    public const string Day = "day";

    /// <summary>Hours for a period of up to two days, days beyond.</summary>
    public string TrendStep => To - From <= TimeSpan.FromDays(2) ? Hour : Day;

    /// <summary>The start of the trend step <paramref name="at"/> falls in (Karachi is a whole number of hours from UTC).</summary>
    public DateTimeOffset StepOf(DateTimeOffset at) => TrendStep == Hour
        ? new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero)
        : StartOfDay(at);

    public DateTimeOffset NextStep(DateTimeOffset step) => TrendStep == Hour ? step.AddHours(1) : StartOfDay(step.AddHours(36));

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZone).Date);

    public Problem? Check()
    {
        if (From >= To) return Problem.Validation("from must be before to.");
        if (To - From > MaxLength) return Problem.Validation($"A period is at most {MaxLength.TotalDays:0} days.");
        return null;
    }
}

/// <summary>
/// One agent's (or one team's) figures over a period. Times are in seconds; a median or p90 is null when there was no sample.
/// The definitions are in docs/kpi.md and on <see cref="KpiQueries"/>.
/// </summary>
public sealed record KpiRow(
    Guid? AgentId,
    int? TeamId,
    string Name,
    int ConversationsHandled,
    int FirstResponses,
    double? FirstResponseMedianSeconds,
    double? FirstResponseP90Seconds,
    int Resolutions,
    double? ResolutionMedianSeconds,
    double? ResolutionP90Seconds,
    int RepliesSent,
    int NotesWritten,
    int HandoffsGiven,
    int HandoffsReceived,
    int Escalations,
    int SlaBreaches,
    int TakeoversSuffered,
    int QaReviews,
    double? QaScoreAverage,
    double OnlineSeconds,
    double AwaySeconds);

/// <summary>
/// One step of the trend chart (over the agents in the report): an hour when the period is at most two days long, else a Karachi
/// calendar day. <see cref="Start"/> is in UTC.
/// </summary>
public sealed record KpiTrendPoint(DateTimeOffset Start, int RepliesSent, int ConversationsHandled, int Resolutions, double? FirstResponseMedianSeconds);

/// <summary>How many first responses (of the agents in the report) fell in each bucket, for the distribution chart.</summary>
public sealed record KpiBucket(string Label, int Count);

/// <summary>The figures per agent, per team, and in total over every agent shown (distinct conversations, pooled samples).</summary>
public sealed record KpiReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    IReadOnlyList<KpiRow> Agents,
    IReadOnlyList<KpiRow> Teams,
    KpiRow Total,
    string TrendStep,
    IReadOnlyList<KpiTrendPoint> Trend,
    IReadOnlyList<KpiBucket> FirstResponseBuckets);

public static class KpiStatistics
{
    /// <summary>The middle sample, or the mean of the two middle samples for an even count.</summary>
    public static double? Median(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToList();
        var middle = sorted.Count / 2;
        return Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /// <summary>Nearest rank: the smallest sample with at least 90% of the samples at or below it (sorted[ceil(0.9·n) − 1]).</summary>
    public static double? P90(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToList();
        return Round(sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1]);
    }

    public static double Round(double seconds) => Math.Round(seconds, 1, MidpointRounding.AwayFromZero);

    /// <summary>First-response buckets: upper bounds in seconds (the last is open).</summary>
    public static readonly IReadOnlyList<(string Label, double UpTo)> Buckets =
    [
        ("< 1m", 60), ("1–5m", 300), ("5–15m", 900), ("15–60m", 3600), ("1–4h", 14400), ("≥ 4h", double.MaxValue),
    ];
}
