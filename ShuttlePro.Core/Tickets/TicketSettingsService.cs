using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Tickets;

public sealed record TicketTypeView(int Id, string Name, int SortOrder, bool IsActive);

public sealed record SlaPolicyView(int Id, TicketPriority Priority, int? TeamId, int FirstResponseMinutes, int ResolutionMinutes);

public sealed record BusinessHoursView(int TeamId, string TeamName, string TimeZoneId, string Schedule, string Holidays);

public sealed record TicketSettings(IReadOnlyList<TicketTypeView> Types, IReadOnlyList<SlaPolicyView> Policies, IReadOnlyList<BusinessHoursView> Teams);

/// <summary>What admins configure for tickets: the list of types, the SLA policies and each team's business hours.</summary>
public sealed class TicketSettingsService(UnitOfWork unitOfWork, IDbContextFactory<ShuttleDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Creates the default types and SLA policies when there are none (first start, or an upgraded database).</summary>
    public async Task EnsureDefaultsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.TicketTypes.AnyAsync(cancellationToken))
            db.TicketTypes.AddRange(TicketType.Defaults.Select((name, i) => new TicketType(name, i)));
        if (!await db.SlaPolicies.AnyAsync(p => p.TeamId == null, cancellationToken))
            db.SlaPolicies.AddRange(SlaPolicy.Defaults.Select(d => new SlaPolicy(d.Key, null, d.Value.FirstResponseMinutes, d.Value.ResolutionMinutes)));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<TicketSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var types = await db.TicketTypes.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TicketTypeView(t.Id, t.Name, t.SortOrder, t.IsActive)).ToListAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking()
            .Select(p => new SlaPolicyView(p.Id, p.Priority, p.TeamId, p.FirstResponseMinutes, p.ResolutionMinutes)).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new BusinessHoursView(t.Id, t.Name, t.TimeZoneId, t.Schedule, t.Holidays)).ToListAsync(cancellationToken);
        return new TicketSettings(types, policies.OrderBy(p => p.TeamId ?? 0).ThenByDescending(p => p.Priority).ToList(), teams);
    }

    public Task<Result<TicketTypeView>> AddTypeAsync(Actor actor, string? name, CancellationToken cancellationToken = default) =>
        AdminAsync<TicketTypeView>(actor, async db =>
        {
            var trimmed = name?.Trim() ?? "";
            if (await db.TicketTypes.AnyAsync(t => t.Name == trimmed, cancellationToken))
                return Problem.Validation($"There is already a ticket type \"{trimmed}\".");
            var order = (await db.TicketTypes.MaxAsync(t => (int?)t.SortOrder, cancellationToken) ?? -1) + 1;
            var type = new TicketType(trimmed, order);
            db.TicketTypes.Add(type);
            db.Record(actor, AuditActions.TicketTypeCreated, AuditSubjects.TicketType, type.Name, clock.GetUtcNow(), after: new { type.Name });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<TicketTypeView>(new TicketTypeView(type.Id, type.Name, type.SortOrder, type.IsActive));
        }, cancellationToken);

    public Task<Result<TicketTypeView>> UpdateTypeAsync(Actor actor, int typeId, string? name, bool active, CancellationToken cancellationToken = default) =>
        AdminAsync<TicketTypeView>(actor, async db =>
        {
            var type = await db.TicketTypes.FirstOrDefaultAsync(t => t.Id == typeId, cancellationToken);
            if (type is null) return Problem.NotFound("The ticket type");
            var before = new { type.Name, type.IsActive };
            var trimmed = name?.Trim() ?? "";
            if (await db.TicketTypes.AnyAsync(t => t.Id != typeId && t.Name == trimmed, cancellationToken))
                return Problem.Validation($"There is already a ticket type \"{trimmed}\".");
            type.Rename(trimmed);
            type.SetActive(active);
            if (!active && !await db.TicketTypes.AnyAsync(t => t.Id != typeId && t.IsActive, cancellationToken))
                return Problem.Validation("Keep at least one ticket type active.");
            db.Record(actor, AuditActions.TicketTypeUpdated, AuditSubjects.TicketType, type.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                clock.GetUtcNow(), before: before, after: new { type.Name, type.IsActive });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<TicketTypeView>(new TicketTypeView(type.Id, type.Name, type.SortOrder, type.IsActive));
        }, cancellationToken);

    /// <summary>Sets the targets of a priority for a team (or the default when <paramref name="teamId"/> is null). Applies to new tickets and to changes of priority or team.</summary>
    public Task<Result<SlaPolicyView>> SetPolicyAsync(Actor actor, TicketPriority priority, int? teamId, int firstResponseMinutes,
        int resolutionMinutes, CancellationToken cancellationToken = default) =>
        AdminAsync<SlaPolicyView>(actor, async db =>
        {
            if (!Enum.IsDefined(priority)) return Problem.Validation("Unknown ticket priority.");
            if (teamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, cancellationToken)) return Problem.NotFound("The team");
            var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Priority == priority && p.TeamId == teamId, cancellationToken);
            var before = policy is null ? null : new { policy.FirstResponseMinutes, policy.ResolutionMinutes };
            if (policy is null)
            {
                policy = new SlaPolicy(priority, teamId, firstResponseMinutes, resolutionMinutes);
                db.SlaPolicies.Add(policy);
            }
            else
            {
                policy.SetTargets(firstResponseMinutes, resolutionMinutes);
            }
            db.Record(actor, AuditActions.SlaPolicyChanged, AuditSubjects.SlaPolicy, $"{priority}:{teamId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}",
                clock.GetUtcNow(), before: before, after: new { firstResponseMinutes, resolutionMinutes });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<SlaPolicyView>(new SlaPolicyView(policy.Id, policy.Priority, policy.TeamId, policy.FirstResponseMinutes, policy.ResolutionMinutes));
        }, cancellationToken);

    /// <summary>Removes a team's own policy for a priority, so the default applies again.</summary>
    public Task<Result<bool>> RemoveTeamPolicyAsync(Actor actor, int policyId, CancellationToken cancellationToken = default) =>
        AdminAsync<bool>(actor, async db =>
        {
            var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken);
            if (policy is null) return Problem.NotFound("The SLA policy");
            if (policy.TeamId is null) return Problem.Validation("The default policies stay; change their targets instead.");
            db.SlaPolicies.Remove(policy);
            db.Record(actor, AuditActions.SlaPolicyChanged, AuditSubjects.SlaPolicy, $"{policy.Priority}:{policy.TeamId}", clock.GetUtcNow(),
                before: new { policy.FirstResponseMinutes, policy.ResolutionMinutes }, after: new { removed = true });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    public Task<Result<BusinessHoursView>> SetBusinessHoursAsync(Actor actor, int teamId, string? timeZoneId, string? schedule, string? holidays,
        CancellationToken cancellationToken = default) =>
        AdminAsync<BusinessHoursView>(actor, async db =>
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            if (team is null) return Problem.NotFound("The team");
            var before = new { team.TimeZoneId, team.Schedule, team.Holidays };
            team.SetBusinessHours(timeZoneId, schedule, holidays);
            db.Record(actor, AuditActions.TeamBusinessHoursChanged, AuditSubjects.Team, team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                clock.GetUtcNow(), before: before, after: new { team.TimeZoneId, team.Schedule, team.Holidays });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<BusinessHoursView>(new BusinessHoursView(team.Id, team.Name, team.TimeZoneId, team.Schedule, team.Holidays));
        }, cancellationToken);

    private Task<Result<T>> AdminAsync<T>(Actor actor, Func<ShuttleDbContext, Task<Result<Committed<T>>>> work, CancellationToken cancellationToken) =>
        Permissions.MayConfigure(actor)
            ? unitOfWork.RunAsync(work, cancellationToken)
            : Task.FromResult<Result<T>>(Problem.Forbidden("Only admins change ticket types, SLA policies and business hours."));
}
