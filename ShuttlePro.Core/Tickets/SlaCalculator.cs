using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Tickets;

/// <summary>Due times of a ticket: its priority's policy (the team's own, else the default, else the built-in one) counted in the team's business hours.</summary>
internal static class SlaCalculator
{
    public static async Task<SlaTargets> TargetsAsync(ShuttleDbContext db, int teamId, TicketPriority priority, DateTimeOffset from,
        CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.AsNoTracking()
            .Where(p => p.Priority == priority && (p.TeamId == teamId || p.TeamId == null))
            .OrderBy(p => p.TeamId == null ? 1 : 0)
            .Select(p => new { p.FirstResponseMinutes, p.ResolutionMinutes })
            .FirstOrDefaultAsync(cancellationToken);
        var (firstResponse, resolution) = policy is null ? SlaPolicy.Defaults[priority] : (policy.FirstResponseMinutes, policy.ResolutionMinutes);
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == teamId, cancellationToken);
        return Targets(team.BusinessHours, TimeSpan.FromMinutes(firstResponse), TimeSpan.FromMinutes(resolution), from);
    }

    public static SlaTargets Targets(BusinessHours hours, TimeSpan firstResponse, TimeSpan resolution, DateTimeOffset from) => new(
        hours.AddBusinessTime(from, firstResponse),
        hours.AddBusinessTime(from, resolution * SlaPolicy.WarningShare),
        hours.AddBusinessTime(from, resolution));
}
