using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// The targets for one priority, counted in business hours: the first response to the customer and the resolution.
/// A policy with a team applies to that team's tickets; the one without a team is everyone else's.
/// </summary>
public sealed class SlaPolicy
{
    /// <summary>Approaching breach from this share of the resolution target on.</summary>
    public const double WarningShare = 0.8;

    public static readonly IReadOnlyDictionary<TicketPriority, (int FirstResponseMinutes, int ResolutionMinutes)> Defaults =
        new Dictionary<TicketPriority, (int, int)>
        {
            [TicketPriority.Urgent] = (30, 4 * 60),
            [TicketPriority.High] = (60, 8 * 60),
            [TicketPriority.Normal] = (4 * 60, 24 * 60),
            [TicketPriority.Low] = (8 * 60, 72 * 60),
        };

    private SlaPolicy() { }

    public SlaPolicy(TicketPriority priority, int? teamId, int firstResponseMinutes, int resolutionMinutes)
    {
        Priority = priority;
        TeamId = teamId;
        SetTargets(firstResponseMinutes, resolutionMinutes);
    }

    public int Id { get; private set; }
    public TicketPriority Priority { get; private set; }
    public int? TeamId { get; private set; }
    public int FirstResponseMinutes { get; private set; }
    public int ResolutionMinutes { get; private set; }

    public TimeSpan FirstResponse => TimeSpan.FromMinutes(FirstResponseMinutes);
    public TimeSpan Resolution => TimeSpan.FromMinutes(ResolutionMinutes);

    public void SetTargets(int firstResponseMinutes, int resolutionMinutes)
    {
        const int maxMinutes = 60 * 24 * 90;
        if (firstResponseMinutes is < 1 or > maxMinutes || resolutionMinutes is < 1 or > maxMinutes)
            throw new DomainException(Problem.Validation("SLA targets are between 1 minute and 90 days of business time."));
        if (firstResponseMinutes > resolutionMinutes)
            throw new DomainException(Problem.Validation("The first response target cannot be longer than the resolution target."));
        FirstResponseMinutes = firstResponseMinutes;
        ResolutionMinutes = resolutionMinutes;
    }
}
