using System.Globalization;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Tests.Core;

/// <summary>SLA business time: weekly windows in a time zone, overnight shifts, holidays, clock changes, and the text form.</summary>
public sealed class BusinessHoursTests
{
    private const string London = "Europe/London";
    private const string NewYork = "America/New_York";

    private static readonly BusinessHours Default = BusinessHours.DefaultSchedule;
    private static readonly BusinessHours Overnight = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Fri 09:00-18:00; Fri 22:00-02:00");

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static Problem Refusal(Action action) => Assert.Throws<DomainException>(action).Problem;

    private static void AssertUtcInstant(string expected, DateTimeOffset actual)
    {
        Assert.Equal(At(expected).UtcDateTime, actual.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    [Theory]
    [InlineData("2026-03-02T10:00+05:00", 120, "2026-03-02T12:00+05:00")] // Monday, inside hours
    [InlineData("2026-03-02T07:00+05:00", 60, "2026-03-02T10:00+05:00")] // before opening
    [InlineData("2026-03-02T00:00+05:00", 30, "2026-03-02T09:30+05:00")] // at midnight
    [InlineData("2026-03-02T09:00+05:00", 720, "2026-03-02T21:00+05:00")] // a full day ends at closing, not at the next opening
    [InlineData("2026-03-02T22:00+05:00", 60, "2026-03-03T10:00+05:00")] // after closing
    [InlineData("2026-03-02T20:00+05:00", 120, "2026-03-03T10:00+05:00")] // spills over closing
    [InlineData("2026-03-08T12:00+05:00", 60, "2026-03-09T10:00+05:00")] // Sunday is closed
    [InlineData("2026-03-06T20:30+05:00", 120, "2026-03-07T10:30+05:00")] // Friday evening into Saturday morning
    [InlineData("2026-03-07T20:00+05:00", 120, "2026-03-09T10:00+05:00")] // Saturday evening skips Sunday
    [InlineData("2026-03-02T05:00+00:00", 120, "2026-03-02T12:00+05:00")] // a UTC start is the same instant
    public void TheDefaultScheduleCountsMondayToSaturdayNineToNineInKarachi(string start, int minutes, string due) =>
        AssertUtcInstant(due, Default.AddBusinessTime(At(start), TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void ThirtyBusinessDaysAreSixWeekdaysAWeekForFiveWeeks()
    {
        var due = Default.AddBusinessTime(At("2026-03-02T09:00+05:00"), TimeSpan.FromHours(30 * 12));

        AssertUtcInstant("2026-04-04T21:00+05:00", due);
        Assert.Equal(TimeSpan.FromHours(360), Default.BusinessTimeBetween(At("2026-03-02T09:00+05:00"), due));
    }

    [Fact]
    public void ThirtyBusinessDaysSkipAHoliday()
    {
        var withPakistanDay = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Sat 09:00-21:00", "2026-03-23");

        AssertUtcInstant("2026-04-06T21:00+05:00", withPakistanDay.AddBusinessTime(At("2026-03-02T09:00+05:00"), TimeSpan.FromHours(360)));
    }

    [Fact]
    public void YearsOfBusinessTimeAreCountedQuickly()
    {
        var start = At("2026-01-01T00:00+00:00");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var due = Default.AddBusinessTime(start, TimeSpan.FromHours(72 * 52 * 10));

        Assert.Equal(TimeSpan.FromHours(72 * 52 * 10), Default.BusinessTimeBetween(start, due));
        Assert.InRange(due.Year, 2035, 2036);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        AssertUtcInstant("2036-01-01T00:00+00:00", BusinessHours.AlwaysOpen.AddBusinessTime(start, TimeSpan.FromDays(3652)));
    }

    [Theory]
    [InlineData("2026-03-06T23:00+05:00", 120, "2026-03-07T01:00+05:00")]
    [InlineData("2026-03-06T17:00+05:00", 180, "2026-03-07T00:00+05:00")]
    [InlineData("2026-03-06T19:00+05:00", 30, "2026-03-06T22:30+05:00")]
    [InlineData("2026-03-07T01:00+05:00", 120, "2026-03-09T10:00+05:00")]
    [InlineData("2026-03-05T23:00+05:00", 60, "2026-03-06T10:00+05:00")]
    public void AnOvernightWindowRunsPastMidnight(string start, int minutes, string due) =>
        AssertUtcInstant(due, Overnight.AddBusinessTime(At(start), TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("2026-03-06T21:59+05:00", false)]
    [InlineData("2026-03-06T22:00+05:00", true)]
    [InlineData("2026-03-07T01:59+05:00", true)]
    [InlineData("2026-03-07T02:00+05:00", false)]
    [InlineData("2026-03-05T23:00+05:00", false)]
    [InlineData("2026-03-06T17:59+05:00", true)]
    [InlineData("2026-03-06T18:00+05:00", false)]
    [InlineData("2026-03-06T08:59+05:00", false)]
    [InlineData("2026-03-06T04:00+00:00", true)]
    public void IsOpenFollowsTheWindowsIncludingOvernight(string at, bool open) => Assert.Equal(open, Overnight.IsOpen(At(at)));

    [Theory]
    [InlineData("2026-03-02T12:30+05:00", 60, "2026-03-02T14:30+05:00")]
    [InlineData("2026-03-02T13:30+05:00", 60, "2026-03-02T15:00+05:00")]
    [InlineData("2026-03-02T17:30+05:00", 60, "2026-03-03T09:30+05:00")]
    public void SeveralWindowsADaySkipTheGapBetweenThem(string start, int minutes, string due)
    {
        var split = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Fri 09:00-13:00, 14:00-18:00");

        AssertUtcInstant(due, split.AddBusinessTime(At(start), TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void OverlappingWindowsAreCountedOnce()
    {
        var overlapping = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon 09:00-13:00; Mon 12:00-18:00");

        AssertUtcInstant("2026-03-02T18:00+05:00", overlapping.AddBusinessTime(At("2026-03-02T09:00+05:00"), TimeSpan.FromHours(9)));
        Assert.Equal(TimeSpan.FromHours(9), overlapping.BusinessTimeBetween(At("2026-03-02T00:00+05:00"), At("2026-03-03T00:00+05:00")));
    }

    [Fact]
    public void WholeDaysAndWindowsEndingAtMidnightJoinUp()
    {
        var weekend = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Sat 22:00-24:00; Sun 24h; Mon 09:00-10:00");

        AssertUtcInstant("2026-03-08T01:00+05:00", weekend.AddBusinessTime(At("2026-03-07T23:00+05:00"), TimeSpan.FromHours(2)));
        AssertUtcInstant("2026-03-09T10:00+05:00", weekend.AddBusinessTime(At("2026-03-07T23:00+05:00"), TimeSpan.FromHours(26)));
        Assert.True(weekend.IsOpen(At("2026-03-08T23:59+05:00")));
        Assert.False(weekend.IsOpen(At("2026-03-09T00:00+05:00")));
    }

    [Fact]
    public void HolidaysAreSkipped()
    {
        var withPakistanDay = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Sat 09:00-21:00", "2026-03-23");

        AssertUtcInstant("2026-03-24T10:00+05:00", withPakistanDay.AddBusinessTime(At("2026-03-21T20:00+05:00"), TimeSpan.FromHours(2)));
        Assert.False(withPakistanDay.IsOpen(At("2026-03-23T12:00+05:00")));
        Assert.True(Default.IsOpen(At("2026-03-23T12:00+05:00")));
        Assert.Equal(TimeSpan.FromHours(60), withPakistanDay.BusinessTimeBetween(At("2026-03-23T00:00+05:00"), At("2026-03-30T00:00+05:00")));
    }

    [Fact]
    public void AnOvernightWindowStartingBeforeAHolidayStillRunsIntoIt()
    {
        var saturdayHoliday = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Fri 22:00-02:00", "2026-03-07");
        var fridayHoliday = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Fri 22:00-02:00", "2026-03-06");

        Assert.True(saturdayHoliday.IsOpen(At("2026-03-07T01:00+05:00")));
        Assert.False(fridayHoliday.IsOpen(At("2026-03-06T23:00+05:00")));
        Assert.False(fridayHoliday.IsOpen(At("2026-03-07T01:00+05:00")));
        AssertUtcInstant("2026-03-13T23:00+05:00", fridayHoliday.AddBusinessTime(At("2026-03-06T23:00+05:00"), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(BusinessHours.DefaultTimeZoneId, "2026-03-02T00:00Z", "2026-03-02T05:00Z")]
    [InlineData(BusinessHours.DefaultTimeZoneId, "2026-06-01T00:00Z", "2026-06-01T05:00Z")]
    [InlineData(London, "2026-03-02T00:00Z", "2026-03-02T10:00Z")]
    [InlineData(London, "2026-06-01T00:00Z", "2026-06-01T09:00Z")]
    [InlineData(NewYork, "2026-03-02T00:00Z", "2026-03-02T15:00Z")]
    [InlineData(NewYork, "2026-06-01T00:00Z", "2026-06-01T14:00Z")]
    public void TheSameHoursOpenAtDifferentInstantsInEachTimeZone(string zone, string start, string due)
    {
        var hours = BusinessHours.Parse(zone, "Mon-Fri 09:00-17:00");

        AssertUtcInstant(due, hours.AddBusinessTime(At(start), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void LondonOpensAnHourEarlierInUtcAfterTheClocksGoForward()
    {
        var daily = BusinessHours.Parse(London, "Daily 09:00-17:00");

        AssertUtcInstant("2026-03-29T09:00Z", daily.AddBusinessTime(At("2026-03-28T16:00Z"), TimeSpan.FromHours(2)));
        Assert.False(daily.IsOpen(At("2026-03-29T08:30+01:00")));
        Assert.True(daily.IsOpen(At("2026-03-29T08:00Z")));
    }

    [Fact]
    public void LondonOpensAnHourLaterInUtcAfterTheClocksGoBack()
    {
        var daily = BusinessHours.Parse(London, "Daily 09:00-17:00");

        AssertUtcInstant("2026-10-25T10:00Z", daily.AddBusinessTime(At("2026-10-24T15:00Z"), TimeSpan.FromHours(2)));
        Assert.False(daily.IsOpen(At("2026-10-25T08:30Z")));
        Assert.True(daily.IsOpen(At("2026-10-25T09:00Z")));
    }

    [Theory]
    [InlineData("2026-03-21T00:00Z", "2026-03-23T00:00Z", 8 * 60)] // an ordinary weekend
    [InlineData("2026-03-28T00:00Z", "2026-03-30T00:00Z", 7 * 60)] // clocks go forward during the night shift
    [InlineData("2026-10-24T00:00Z", "2026-10-26T00:00Z", 9 * 60)] // clocks go back during the night shift
    public void AnOvernightShiftLastsWhatTheClockOnTheWallSays(string from, string to, int minutes)
    {
        var nights = BusinessHours.Parse(London, "Sat 22:00-06:00");

        Assert.Equal(TimeSpan.FromMinutes(minutes), nights.BusinessTimeBetween(At(from), At(to)));
    }

    [Fact]
    public void AWindowOpeningInTheSkippedHourOpensWhenTheClocksJump()
    {
        var hours = BusinessHours.Parse(London, "Sun 01:30-03:00");

        Assert.Equal(TimeSpan.FromHours(1), hours.BusinessTimeBetween(At("2026-03-29T00:00Z"), At("2026-03-30T00:00Z")));
        Assert.False(hours.IsOpen(At("2026-03-29T00:59Z")));
        Assert.True(hours.IsOpen(At("2026-03-29T01:00Z")));
        Assert.False(hours.IsOpen(At("2026-03-29T02:00Z")));
        AssertUtcInstant("2026-03-29T01:30Z", hours.AddBusinessTime(At("2026-03-29T00:00Z"), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void AWindowInsideTheSkippedHourDoesNotHappenThatNight()
    {
        var hours = BusinessHours.Parse(London, "Sun 01:15-01:45; Mon 09:00-10:00");

        Assert.Equal(TimeSpan.Zero, hours.BusinessTimeBetween(At("2026-03-29T00:00Z"), At("2026-03-30T00:00Z")));
        Assert.Equal(TimeSpan.FromMinutes(30), hours.BusinessTimeBetween(At("2026-03-22T00:00Z"), At("2026-03-23T00:00Z")));
        AssertUtcInstant("2026-03-30T08:30Z", hours.AddBusinessTime(At("2026-03-29T00:00Z"), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void ATimeRepeatedWhenTheClocksGoBackIsTakenAtItsFirstOccurrence()
    {
        var opening = BusinessHours.Parse(London, "Sun 01:30-03:00");
        var closing = BusinessHours.Parse(London, "Sat 22:00-01:30");

        Assert.Equal(TimeSpan.FromHours(2.5), opening.BusinessTimeBetween(At("2026-10-25T00:00Z"), At("2026-10-26T00:00Z")));
        Assert.False(opening.IsOpen(At("2026-10-25T00:29Z")));
        Assert.True(opening.IsOpen(At("2026-10-25T00:30Z")));
        Assert.True(closing.IsOpen(At("2026-10-25T00:29Z")));
        Assert.False(closing.IsOpen(At("2026-10-25T01:00Z")));
        Assert.Equal(TimeSpan.FromHours(3.5), closing.BusinessTimeBetween(At("2026-10-24T00:00Z"), At("2026-10-26T00:00Z")));
    }

    [Fact]
    public void ResultsAreInUtcEvenForALocalStart()
    {
        var due = Default.AddBusinessTime(At("2026-03-02T10:00+05:00"), TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(new DateTime(2026, 3, 2, 5, 5, 0), due.DateTime);
    }

    [Fact]
    public void AZeroDurationReturnsTheStartEvenOutsideHours()
    {
        var sunday = At("2026-03-08T12:00+05:00");

        AssertUtcInstant("2026-03-08T12:00+05:00", Default.AddBusinessTime(sunday, TimeSpan.Zero));
    }

    [Fact]
    public void ANegativeDurationIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.AddBusinessTime(At("2026-03-02T10:00+05:00"), TimeSpan.FromMinutes(-1)));

    [Theory]
    [InlineData("2026-03-02T00:00+05:00", "2026-03-09T00:00+05:00", 72 * 60)]
    [InlineData("2026-03-02T20:00+05:00", "2026-03-03T10:00+05:00", 120)]
    [InlineData("2026-03-07T21:00+05:00", "2026-03-09T09:00+05:00", 0)]
    [InlineData("2026-03-02T10:00+05:00", "2026-03-02T10:00+05:00", 0)]
    [InlineData("2026-03-03T10:00+05:00", "2026-03-02T10:00+05:00", 0)]
    [InlineData("2026-03-02T10:15+05:00", "2026-03-02T10:45+05:00", 30)]
    public void BusinessTimeBetweenCountsOnlyOpenTime(string from, string to, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Default.BusinessTimeBetween(At(from), At(to)));

    public static TheoryData<string> Schedules => new()
    {
        "default",
        "always",
        "london",
        "newyork",
    };

    private static BusinessHours Schedule(string name) => name switch
    {
        "default" => Default,
        "always" => BusinessHours.AlwaysOpen,
        "london" => BusinessHours.Parse(London, "Mon-Fri 09:00-13:00, 14:00-18:00; Fri 22:00-02:00; Sun 01:30-03:00; Sat 00:30-01:45", "2026-03-30, 2026-12-25, 2026-12-28"),
        "newyork" => BusinessHours.Parse(NewYork, "Sat-Sun 00:30-02:30; Wed 24h; Thu 23:00-01:00", "2026-07-04"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void BusinessTimeBetweenUndoesAddBusinessTime(string name)
    {
        var hours = Schedule(name);
        var random = new Random(20260329);
        var yearStart = At("2026-01-01T00:00Z");

        for (var i = 0; i < 400; i++)
        {
            var start = yearStart.AddSeconds(random.Next(0, 366 * 24 * 3600));
            var duration = TimeSpan.FromSeconds(random.Next(0, 20 * 24 * 3600));

            var due = hours.AddBusinessTime(start, duration);

            Assert.Equal(TimeSpan.Zero, due.Offset);
            Assert.True(due >= start, $"{start:O} + {duration} gave {due:O}");
            Assert.Equal(duration, hours.BusinessTimeBetween(start, due));
            if (duration > TimeSpan.Zero) Assert.True(hours.IsOpen(due.AddTicks(-1)), $"{start:O} + {duration} gave {due:O}, not the end of open time");
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void IsOpenAgreesWithTheWallClockAwayFromClockChanges(string name)
    {
        var hours = Schedule(name);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZoneId);
        var random = new Random(7);
        var checkedInstants = 0;

        for (var i = 0; i < 2000; i++)
        {
            var at = At("2026-01-01T00:00Z").AddMinutes(random.Next(0, 366 * 24 * 60));
            if (zone.GetUtcOffset(at.AddHours(-30)) != zone.GetUtcOffset(at.AddHours(30))) continue;

            Assert.True(WallClockSaysOpen(hours, zone, at) == hours.IsOpen(at), $"{at:O} in {hours}");
            checkedInstants++;
        }
        Assert.True(checkedInstants > 1500);
    }

    private static bool WallClockSaysOpen(BusinessHours hours, TimeZoneInfo zone, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var yesterday = today.AddDays(-1);
        return hours.Week.Any(w =>
            (w.Day == today.DayOfWeek && !hours.Holidays.Contains(today) && time >= w.Opens && (w.Closes <= w.Opens || time < w.Closes))
            || (w.Day == yesterday.DayOfWeek && !hours.Holidays.Contains(yesterday) && w.Closes <= w.Opens && time < w.Closes));
    }

    [Fact]
    public void AlwaysOpenIsOpenAroundTheClock()
    {
        var start = At("2026-03-08T03:17+05:00");

        Assert.True(BusinessHours.AlwaysOpen.IsOpen(start));
        AssertUtcInstant("2026-03-09T06:17+05:00", BusinessHours.AlwaysOpen.AddBusinessTime(start, TimeSpan.FromHours(27)));
        Assert.Equal(TimeSpan.FromDays(7), BusinessHours.AlwaysOpen.BusinessTimeBetween(start, start.AddDays(7)));
        Assert.Equal(("UTC", "Daily 24h"), (BusinessHours.AlwaysOpen.TimeZoneId, BusinessHours.AlwaysOpen.FormatSchedule()));
    }

    [Fact]
    public void TheDefaultScheduleIsMondayToSaturdayInKarachi()
    {
        Assert.Equal(("Asia/Karachi", "Mon-Sat 09:00-21:00"), (Default.TimeZoneId, Default.FormatSchedule()));
        Assert.Empty(Default.Holidays);
        Assert.Equal(6, Default.Week.Count);
    }

    [Theory]
    [InlineData("Mon-Fri 09:00-18:00; Sat 10:00-14:00; Fri 22:00-02:00", "Mon-Fri 09:00-18:00; Sat 10:00-14:00; Fri 22:00-02:00")]
    [InlineData("mon-fri 9:00-18:00", "Mon-Fri 09:00-18:00")]
    [InlineData("Monday-Friday 09:00-13:00, 14:00-18:00", "Mon-Fri 09:00-13:00; Mon-Fri 14:00-18:00")]
    [InlineData("Daily 24h", "Daily 24h")]
    [InlineData("Sun 24h", "Sun 24h")]
    [InlineData("Mon 00:00-24:00", "Mon 24h")]
    [InlineData("Mon 18:00-24:00", "Mon 18:00-24:00")]
    [InlineData("Mon, Wed, Fri 09:00-12:00", "Mon, Wed, Fri 09:00-12:00")]
    [InlineData("Fri-Mon 10:00-12:00", "Mon, Fri-Sun 10:00-12:00")]
    [InlineData("Sat 10:00-14:00\nMon-Fri 09:00-18:00;", "Mon-Fri 09:00-18:00; Sat 10:00-14:00")]
    [InlineData("Mon-Sun 09:00-21:00", "Daily 09:00-21:00")]
    [InlineData("Mon 09:00-18:00; Mon 09:00-18:00", "Mon 09:00-18:00")]
    [InlineData("Tue 09:00-09:00", "Tue 09:00-09:00")]
    public void ParseReadsTheCompactFormAndFormatWritesItCanonically(string schedule, string canonical)
    {
        var parsed = BusinessHours.Parse(London, schedule);

        Assert.Equal(canonical, parsed.FormatSchedule());
        Assert.Equal(parsed, BusinessHours.Parse(London, canonical));
    }

    [Fact]
    public void AnyScheduleSurvivesAFormatAndParseRoundTrip()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var week = Enumerable.Range(0, random.Next(1, 12))
                .Select(_ => new BusinessHoursWindow(
                    (DayOfWeek)random.Next(7),
                    TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(random.Next(0, 24 * 60))),
                    TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(random.Next(0, 24 * 60)))))
                .ToArray();
            var holidays = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 730))).ToArray();
            var hours = new BusinessHours(London, week, holidays);

            var reread = BusinessHours.Parse(London, hours.FormatSchedule(), hours.FormatHolidays());

            Assert.Equal(hours, reread);
            Assert.Equal(hours.GetHashCode(), reread.GetHashCode());
        }
    }

    [Fact]
    public void HolidaysAreReadInAnyOrderAndWrittenSorted()
    {
        var hours = BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Sat 09:00-21:00", "2027-03-23, 2026-12-25 2026-12-25");

        Assert.Equal("2026-12-25, 2027-03-23", hours.FormatHolidays());
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2027, 3, 23)], hours.Holidays);
        Assert.Equal(hours, BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, hours.FormatSchedule(), hours.FormatHolidays()));
    }

    [Theory]
    [InlineData("Mon 25:00-26:00", "\"25:00\"")]
    [InlineData("Mon 09:60-10:00", "\"09:60\"")]
    [InlineData("Xyz 09:00-10:00", "\"Xyz\"")]
    [InlineData("Mon-Xyz 09:00-10:00", "\"Xyz\"")]
    [InlineData("Mon-Tue-Wed 09:00-10:00", "\"Mon-Tue-Wed\"")]
    [InlineData("", "empty")]
    [InlineData("  ;  \n", "empty")]
    [InlineData("Mon", "needs opening hours")]
    [InlineData("09:00-18:00", "needs the days")]
    [InlineData("Mon 09:00", "\"09:00\"")]
    [InlineData("Mon 9-18", "\"9\"")]
    [InlineData("Mon 24:00-02:00", "24:00 can only close")]
    [InlineData("Mon 09:00-18:00 Tue", "\"Tue\"")]
    [InlineData("Mon-Fri 09:00-18:00; Sat 10:00-1400", "\"1400\"")]
    public void ParseRefusesABadScheduleNamingTheBadPart(string schedule, string named)
    {
        var problem = Refusal(() => BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, schedule));

        Assert.Equal(ProblemCodes.Validation, problem.Code);
        Assert.Contains(named, problem.Message);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("25/12/2026")]
    [InlineData("2026-12-25, tomorrow")]
    public void ParseRefusesABadHoliday(string holidays)
    {
        var problem = Refusal(() => BusinessHours.Parse(BusinessHours.DefaultTimeZoneId, "Mon-Fri 09:00-18:00", holidays));

        Assert.Equal(ProblemCodes.Validation, problem.Code);
        Assert.Contains("holiday", problem.Message);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("   ")]
    public void AnUnknownTimeZoneIsRefused(string zone)
    {
        Assert.Equal(ProblemCodes.Validation, Refusal(() => BusinessHours.Parse(zone, "Mon-Fri 09:00-18:00")).Code);
        Assert.Equal(ProblemCodes.Validation, Refusal(() => _ = new BusinessHours(zone, [new(DayOfWeek.Monday, new(9, 0), new(18, 0))])).Code);
    }

    [Fact]
    public void AScheduleWithoutWindowsIsRefused() =>
        Assert.Equal(ProblemCodes.Validation, Refusal(() => _ = new BusinessHours(London, [])).Code);

    [Fact]
    public void WindowsAreInWholeMinutes() =>
        Assert.Equal(ProblemCodes.Validation, Refusal(() => _ = new BusinessHours(London, [new(DayOfWeek.Monday, new(9, 0, 30), new(18, 0))])).Code);

    [Fact]
    public void AddingTimeToAScheduleThatNeverOpensIsRefused()
    {
        var everyDay = Enumerable.Range(0, 3 * 366).Select(d => new DateOnly(2026, 1, 1).AddDays(d)).ToArray();
        var closedForYears = new BusinessHours("UTC", [new(DayOfWeek.Monday, new(9, 0), new(10, 0))], everyDay);

        Assert.Equal(ProblemCodes.Validation, Refusal(() => closedForYears.AddBusinessTime(At("2026-01-01T00:00Z"), TimeSpan.FromHours(1))).Code);
        Assert.Equal(TimeSpan.Zero, closedForYears.BusinessTimeBetween(At("2026-01-01T00:00Z"), At("2027-01-01T00:00Z")));
    }

    [Fact]
    public void SchedulesAreEqualByContentNotByWindowOrder()
    {
        BusinessHoursWindow[] week = [new(DayOfWeek.Saturday, new(10, 0), new(14, 0)), new(DayOfWeek.Monday, new(9, 0), new(18, 0))];
        var one = new BusinessHours(London, week, [new DateOnly(2026, 12, 25)]);
        var other = new BusinessHours(London, [.. Enumerable.Reverse(week), week[0]], [new DateOnly(2026, 12, 25)]);

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.Equal(DayOfWeek.Monday, one.Week[0].Day);
        Assert.NotEqual(one, new BusinessHours(London, week));
        Assert.NotEqual(one, new BusinessHours(BusinessHours.DefaultTimeZoneId, week, [new DateOnly(2026, 12, 25)]));
    }
}
