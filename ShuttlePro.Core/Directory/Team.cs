namespace ShuttlePro.Core.Directory;

public sealed class Team
{
    public const int MaxNameLength = 80;

    private Team() { }

    public Team(string name)
    {
        Rename(name);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>New and released conversations go round-robin to available members (off by default).</summary>
    public bool AutoAssign { get; private set; }

    public void SetAutoAssign(bool enabled) => AutoAssign = enabled;

    public const string DefaultSchedule = "Mon-Sat 09:00-21:00";

    /// <summary>The team's working week (IANA time zone, schedule and holidays) in which SLA time is counted.</summary>
    public string TimeZoneId { get; private set; } = Tickets.BusinessHours.DefaultTimeZoneId;

    public string Schedule { get; private set; } = DefaultSchedule;
    public string Holidays { get; private set; } = "";

    public Tickets.BusinessHours BusinessHours => Tickets.BusinessHours.Parse(TimeZoneId, Schedule, Holidays);

    /// <summary>Sets the working week from its text form ("Mon-Fri 09:00-18:00; Sat 10:00-14:00"), refusing what does not parse.</summary>
    public void SetBusinessHours(string? timeZoneId, string? schedule, string? holidays)
    {
        var parsed = Tickets.BusinessHours.Parse(string.IsNullOrWhiteSpace(timeZoneId) ? Tickets.BusinessHours.DefaultTimeZoneId : timeZoneId.Trim(),
            schedule ?? "", holidays);
        TimeZoneId = parsed.TimeZoneId;
        Schedule = parsed.FormatSchedule();
        Holidays = parsed.FormatHolidays();
    }

    public void Rename(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
            throw new Common.DomainException(Common.Problem.Validation($"A team name needs 1 to {MaxNameLength} characters."));
        Name = trimmed;
    }
}
