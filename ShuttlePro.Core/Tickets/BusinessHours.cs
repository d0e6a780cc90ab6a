using System.Globalization;
using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// One opening window on a day of the week, in the schedule's local time. Closes &lt;= Opens means it runs past
/// midnight into the next day (overnight shift, e.g. Fri 22:00-02:00). Opens == Closes == 00:00 means the whole day.
/// </summary>
public sealed record BusinessHoursWindow(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool IsWholeDay => Opens == TimeOnly.MinValue && Closes == TimeOnly.MinValue;
    public bool IsOvernight => Closes <= Opens;
}

/// <summary>
/// A team's weekly opening hours in a time zone, with holidays, for computing SLA due times in business time.
/// </summary>
/// <remarks>
/// Wall-clock times become instants by one rule: a window opens or closes at the first instant the local clock shows
/// that time or later. So a time repeated when clocks go back is taken at its first occurrence, and a time skipped when
/// clocks go forward resolves to the moment of the jump (a window lying wholly inside the skipped hour is empty).
/// The rule is monotonic, so windows keep their order and never run backwards.
/// All results are in UTC (+00:00).
/// </remarks>
public sealed record BusinessHours
{
    public const string DefaultTimeZoneId = "Asia/Karachi";

    private const int DaysWithoutBusinessHoursBeforeGivingUp = 732;
    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private readonly TimeZoneInfo _zone;
    private readonly BusinessHoursWindow[][] _windowsByDay;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessHours(string timeZoneId, IReadOnlyList<BusinessHoursWindow> week, IReadOnlyCollection<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(week);
        _zone = FindZone(timeZoneId);
        TimeZoneId = _zone.Id;

        foreach (var window in week)
        {
            if (!Enum.IsDefined(window.Day))
                throw Invalid($"{(int)window.Day} is not a day of the week.");
            if (!IsWholeMinute(window.Opens) || !IsWholeMinute(window.Closes))
                throw Invalid($"Business hours are in whole minutes; {window.Opens:HH:mm:ss.fff}-{window.Closes:HH:mm:ss.fff} is not.");
        }
        Week = week.Distinct().OrderBy(w => MondayFirst(w.Day)).ThenBy(w => w.Opens).ThenBy(w => w.Closes).ToArray();
        if (Week.Count == 0) throw Invalid("A schedule needs at least one opening window, e.g. \"Mon-Fri 09:00-18:00\".");

        var sortedHolidays = (holidays ?? []).Distinct().Order().ToArray();
        Holidays = sortedHolidays;
        _holidays = [.. sortedHolidays];
        _windowsByDay = new BusinessHoursWindow[7][];
        for (var day = 0; day < 7; day++)
            _windowsByDay[day] = Week.Where(w => (int)w.Day == day).ToArray();
    }

    public string TimeZoneId { get; }
    public IReadOnlyList<BusinessHoursWindow> Week { get; }

    /// <summary>Local dates on which nothing opens. An overnight window that starts the evening before still runs into the holiday.</summary>
    public IReadOnlyCollection<DateOnly> Holidays { get; }

    /// <summary>24x7 in UTC, for teams without a schedule.</summary>
    public static BusinessHours AlwaysOpen { get; } =
        new("UTC", Enum.GetValues<DayOfWeek>().Select(d => new BusinessHoursWindow(d, TimeOnly.MinValue, TimeOnly.MinValue)).ToArray());

    /// <summary>Mon-Sat 09:00-21:00 in Asia/Karachi.</summary>
    public static BusinessHours DefaultSchedule { get; } = Parse(DefaultTimeZoneId, "Mon-Sat 09:00-21:00");

    public bool IsOpen(DateTimeOffset at)
    {
        var instant = at.UtcDateTime;
        foreach (var (opens, closes) in OpenIntervals(instant, until: instant))
        {
            if (opens > instant) return false;
            if (instant < closes) return true;
        }
        return false;
    }

    /// <summary>
    /// The instant <paramref name="duration"/> of business time after <paramref name="start"/>; counting begins at the
    /// next opening when <paramref name="start"/> is outside hours. A zero duration returns <paramref name="start"/> itself.
    /// A duration that runs out exactly at a closing returns that closing, not the next opening.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var cursor = start.UtcDateTime;
        if (duration == TimeSpan.Zero) return Utc(cursor);

        var remaining = duration;
        foreach (var (opens, closes) in OpenIntervals(cursor, until: null))
        {
            if (closes <= cursor) continue;
            var from = opens > cursor ? opens : cursor;
            var available = closes - from;
            if (remaining <= available) return Utc(from + remaining);
            remaining -= available;
            cursor = closes;
        }
        throw new InvalidOperationException("The open intervals of a schedule never run out.");
    }

    /// <summary>Business time elapsed between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var cursor = from.UtcDateTime;
        var end = to.UtcDateTime;
        if (end <= cursor) return TimeSpan.Zero;

        var total = TimeSpan.Zero;
        foreach (var (opens, closes) in OpenIntervals(cursor, until: end))
        {
            if (opens >= end) break;
            if (closes <= cursor) continue;
            var stop = closes < end ? closes : end;
            total += stop - (opens > cursor ? opens : cursor);
            cursor = stop;
        }
        return total;
    }

    /// <summary>
    /// Reads the compact form admins edit, e.g. "Mon-Fri 09:00-18:00; Sat 10:00-14:00; Fri 22:00-02:00".
    /// Parts are separated by ';' or new lines; each is days (Mon, Mon-Fri, Fri-Mon, Daily, or a comma list) then one
    /// or more ranges (HH:mm-HH:mm, 24:00 as a closing midnight, or 24h for the whole day).
    /// Holidays are YYYY-MM-DD dates separated by commas or spaces.
    /// </summary>
    public static BusinessHours Parse(string timeZoneId, string schedule, string? holidays = null)
    {
        var parts = (schedule ?? "").Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw Invalid("Business hours are empty; write them like \"Mon-Fri 09:00-18:00\".");

        var week = new List<BusinessHoursWindow>();
        foreach (var part in parts) week.AddRange(ParsePart(part));
        return new BusinessHours(timeZoneId, week, ParseHolidays(holidays));
    }

    /// <summary>The canonical text of the week: one part per distinct range, ordered by opening time.</summary>
    public string FormatSchedule() =>
        string.Join("; ", Week
            .GroupBy(w => (w.Opens, w.Closes))
            .OrderBy(g => g.Key.Opens).ThenBy(g => g.Key.Closes)
            .Select(g => $"{FormatDays(g.Select(w => MondayFirst(w.Day)))} {FormatRange(g.First())}"));

    public string FormatHolidays() => string.Join(", ", Holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public bool Equals(BusinessHours? other) =>
        other is not null
        && TimeZoneId == other.TimeZoneId
        && Week.SequenceEqual(other.Week)
        && Holidays.SequenceEqual(other.Holidays);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(TimeZoneId);
        foreach (var window in Week) hash.Add(window);
        foreach (var holiday in Holidays) hash.Add(holiday);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        Holidays.Count == 0 ? $"{FormatSchedule()} ({TimeZoneId})" : $"{FormatSchedule()} ({TimeZoneId}; holidays {FormatHolidays()})";

    /// <summary>
    /// Open intervals in UTC, in order of opening, from the local day two days before <paramref name="from"/> (so overnight
    /// windows already running are included) up to the day after <paramref name="until"/>, or without end.
    /// Intervals may overlap; callers count each instant once by keeping a cursor.
    /// </summary>
    private IEnumerable<(DateTime Opens, DateTime Closes)> OpenIntervals(DateTime from, DateTime? until)
    {
        var day = LocalDate(from);
        day = day.DayNumber >= 2 ? day.AddDays(-2) : DateOnly.MinValue;
        var lastDay = until is { } end ? LocalDate(end).AddDays(1) : DateOnly.MaxValue.AddDays(-2);
        var daysWithoutHours = 0;

        for (; day <= lastDay; day = day.AddDays(1))
        {
            var any = false;
            if (!_holidays.Contains(day))
            {
                foreach (var window in _windowsByDay[(int)day.DayOfWeek])
                {
                    var opens = ToUtc(day.ToDateTime(window.Opens));
                    var closes = ToUtc((window.IsOvernight ? day.AddDays(1) : day).ToDateTime(window.Closes));
                    if (closes <= opens) continue;
                    any = true;
                    yield return (opens, closes);
                }
            }
            daysWithoutHours = any ? 0 : daysWithoutHours + 1;
            if (until is null && daysWithoutHours > DaysWithoutBusinessHoursBeforeGivingUp)
                throw Invalid($"The schedule {this} has no business hours for over two years after {day.AddDays(-daysWithoutHours):yyyy-MM-dd}.");
        }
        if (until is null) throw Invalid("The due time falls beyond the end of the calendar.");
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone));

    /// <summary>The first instant at which the local clock shows <paramref name="local"/> or later.</summary>
    private DateTime ToUtc(DateTime local)
    {
        if (_zone.IsAmbiguousTime(local))
            return DateTime.SpecifyKind(local - _zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        if (!_zone.IsInvalidTime(local))
            return TimeZoneInfo.ConvertTimeToUtc(local, _zone);

        // Skipped by a jump forward: answer the jump, found between valid wall times either side of the gap.
        var before = local;
        var after = local;
        for (var step = 0; _zone.IsInvalidTime(before) || _zone.IsInvalidTime(after); step++)
        {
            if (step > 100) throw new InvalidOperationException($"No valid local time near {local:O} in {TimeZoneId}.");
            if (_zone.IsInvalidTime(before)) before = before.AddMinutes(-30);
            if (_zone.IsInvalidTime(after)) after = after.AddMinutes(30);
        }
        var low = TimeZoneInfo.ConvertTimeToUtc(before, _zone).Ticks;
        var high = TimeZoneInfo.ConvertTimeToUtc(after, _zone).Ticks;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            var instant = new DateTime(middle, DateTimeKind.Utc);
            if (instant + _zone.GetUtcOffset(instant) >= local) high = middle;
            else low = middle + 1;
        }
        return new DateTime(low, DateTimeKind.Utc);
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId)) throw Invalid("Business hours need a time zone, e.g. Asia/Karachi.");
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Invalid($"\"{timeZoneId}\" is not a known time zone; use an IANA id such as Asia/Karachi or Europe/London.");
        }
    }

    private static IEnumerable<BusinessHoursWindow> ParsePart(string part)
    {
        var tokens = part.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var days = new List<DayOfWeek>();
        var ranges = new List<(TimeOnly Opens, TimeOnly Closes)>();
        foreach (var token in tokens)
        {
            if (IsRangeToken(token))
            {
                ranges.Add(ParseRange(token, part));
                continue;
            }
            if (ranges.Count > 0)
                throw Invalid($"In \"{part}\", \"{token}\" comes after the hours; write the days first, e.g. \"Mon-Fri 09:00-18:00\".");
            days.AddRange(ParseDays(token, part));
        }
        if (days.Count == 0) throw Invalid($"\"{part}\" needs the days it applies to, e.g. \"Mon-Fri {part}\".");
        if (ranges.Count == 0) throw Invalid($"\"{part}\" needs opening hours, e.g. \"{part} 09:00-18:00\".");
        return days.SelectMany(day => ranges.Select(r => new BusinessHoursWindow(day, r.Opens, r.Closes)));
    }

    private static bool IsRangeToken(string token) =>
        token.Contains(':') || char.IsDigit(token[0]) || token.Equals("24h", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<DayOfWeek> ParseDays(string token, string part)
    {
        if (token.Equals("Daily", StringComparison.OrdinalIgnoreCase)) return Enum.GetValues<DayOfWeek>();

        var ends = token.Split('-');
        if (ends.Length > 2) throw NotADay(token, part);
        var first = ParseDay(ends[0], part);
        var last = ends.Length == 2 ? ParseDay(ends[1], part) : first;
        var count = (MondayFirst(last) - MondayFirst(first) + 7) % 7 + 1;
        return Enumerable.Range(0, count).Select(offset => (DayOfWeek)(((int)first + offset) % 7));
    }

    private static DayOfWeek ParseDay(string name, string part)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var full = day.ToString();
            if (name.Equals(full, StringComparison.OrdinalIgnoreCase) || name.Equals(full[..3], StringComparison.OrdinalIgnoreCase))
                return day;
        }
        throw NotADay(name, part);
    }

    private static DomainException NotADay(string name, string part) =>
        Invalid($"\"{name}\" in \"{part}\" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun, a range like Mon-Fri, or Daily.");

    private static (TimeOnly Opens, TimeOnly Closes) ParseRange(string token, string part)
    {
        if (token.Equals("24h", StringComparison.OrdinalIgnoreCase)) return (TimeOnly.MinValue, TimeOnly.MinValue);

        var ends = token.Split('-');
        if (ends.Length != 2 || ends[0].Length == 0 || ends[1].Length == 0)
            throw Invalid($"\"{token}\" in \"{part}\" is not a range of hours; write it like 09:00-18:00.");
        var opens = ParseTime(ends[0], part, closing: false);
        var closes = ParseTime(ends[1], part, closing: true);
        return (opens, closes);
    }

    private static TimeOnly ParseTime(string text, string part, bool closing)
    {
        if (text == "24:00")
        {
            if (closing) return TimeOnly.MinValue;
            throw Invalid($"In \"{part}\", 24:00 can only close a window; open it at 00:00.");
        }
        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        throw Invalid($"\"{text}\" in \"{part}\" is not a time; use HH:mm from 00:00 to 24:00.");
    }

    private static DateOnly[] ParseHolidays(string? holidays) =>
        (holidays ?? "").Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Invalid($"\"{text}\" is not a holiday date; write dates like 2026-12-25."))
            .ToArray();

    private static string FormatDays(IEnumerable<int> mondayFirstDays)
    {
        var days = mondayFirstDays.Distinct().Order().ToArray();
        if (days.Length == 7) return "Daily";

        var runs = new List<string>();
        for (var i = 0; i < days.Length;)
        {
            var end = i;
            while (end + 1 < days.Length && days[end + 1] == days[end] + 1) end++;
            runs.Add(end == i ? DayNames[days[i]] : $"{DayNames[days[i]]}-{DayNames[days[end]]}");
            i = end + 1;
        }
        return string.Join(", ", runs);
    }

    private static string FormatRange(BusinessHoursWindow window) =>
        window.IsWholeDay
            ? "24h"
            : $"{window.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}-{(window.Closes == TimeOnly.MinValue ? "24:00" : window.Closes.ToString("HH:mm", CultureInfo.InvariantCulture))}";

    private static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;

    private static bool IsWholeMinute(TimeOnly time) => time.Ticks % TimeSpan.TicksPerMinute == 0;

    private static DomainException Invalid(string message) => new(Problem.Validation(message));
}
