namespace ShuttlePro.Web.Components.Shared;

public static class TimeText
{
    /// <summary>A compact age for lists: "now" (or <paramref name="underAMinute"/>), "4m", "2h 5m", "3d".</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now, string underAMinute = "now") => Span(now - since, underAMinute);

    /// <summary>A compact length of time: <paramref name="underAMinute"/>, "4m", "2h 5m", "3d".</summary>
    public static string Span(TimeSpan age, string underAMinute = "now")
    {
        if (age < TimeSpan.FromMinutes(1)) return underAMinute;
        if (age < TimeSpan.FromHours(1)) return $"{(int)age.TotalMinutes}m";
        if (age < TimeSpan.FromDays(1)) return age.Minutes == 0 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalHours}h {age.Minutes}m";
        return $"{(int)age.TotalDays}d";
    }

    /// <summary>A message time: the time today, or the date and time before that (local to the viewer's server zone).</summary>
    public static string Stamp(DateTimeOffset at, DateTimeOffset now)
    {
        var local = at.ToLocalTime();
        return local.Date == now.ToLocalTime().Date ? local.ToString("HH:mm") : local.ToString("d MMM, HH:mm");
    }
}
