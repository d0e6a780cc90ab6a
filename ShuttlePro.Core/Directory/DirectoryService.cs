using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Directory;

/// <summary>The organisation as agents see it: who is who, their teams and status; creating and renaming teams.</summary>
public sealed class DirectoryService(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>The actor for a signed-in agent, or null when the agent is unknown or deactivated.</summary>
    public async Task<Actor?> FindActorAsync(Guid agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agent = await AgentViews(db, a => a.Id == agentId).FirstOrDefaultAsync(cancellationToken);
        return agent is { IsActive: true } ? ToActor(agent) : null;
    }

    public static Actor ToActor(AgentView agent) =>
        new(agent.Id, agent.Name, agent.Roles.ToHashSet(StringComparer.Ordinal), agent.Teams.Select(t => t.Id).ToHashSet());

    public async Task<IReadOnlyList<AgentView>> ListAgentsAsync(bool includeInactive = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await AgentViews(db, a => includeInactive || a.IsActive).ToListAsync(cancellationToken);
        return agents.OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<AgentView?> GetAgentAsync(Guid agentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AgentViews(db, a => a.Id == agentId).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamView>> ListTeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamView(t.Id, t.Name, t.AutoAssign)).ToListAsync(cancellationToken);
    }

    /// <summary>An agent sets their own availability (online, away, offline) and whether they are on shift.</summary>
    public Task<Result<AgentView>> SetStatusAsync(Actor actor, AgentStatus status, bool onShift, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<AgentView>(async db =>
        {
            if (!Enum.IsDefined(status)) return Problem.Validation("Status is online, away or offline.");
            var agent = await db.Users.FirstOrDefaultAsync(a => a.Id == actor.AgentId && a.IsActive, cancellationToken);
            if (agent is null) return Problem.NotFound("The agent");
            var now = clock.GetUtcNow();
            var before = new { agent.Status, agent.OnShift };
            agent.SetStatus(status, onShift);
            db.Record(actor, AuditActions.AgentStatusChanged, AuditSubjects.Agent, agent.Id.ToString(), now,
                before: before, after: new { agent.Status, agent.OnShift });
            await db.SaveChangesAsync(cancellationToken);
            var view = await AgentViews(db, a => a.Id == agent.Id).FirstAsync(cancellationToken);
            return new Committed<AgentView>(view, [new AgentChanged(view, now)]);
        }, cancellationToken);

    public Task<Result<TeamView>> CreateTeamAsync(Actor actor, string? name, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TeamView>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins create teams.");
            var team = new Team(name ?? "");
            if (await db.Teams.AnyAsync(t => t.Name == team.Name, cancellationToken))
                return Problem.Validation($"A team called {team.Name} already exists.");
            // The team's id comes from the database, and its audit event names it: one transaction for both saves.
            await using var transaction = await db.BeginAuditedTransactionAsync(cancellationToken);
            db.Teams.Add(team);
            await db.SaveChangesAsync(cancellationToken);
            db.Record(actor, AuditActions.TeamCreated, AuditSubjects.Team, team.Id.ToString(), clock.GetUtcNow(), after: new { team.Name });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Committed<TeamView>(new TeamView(team.Id, team.Name));
        }, cancellationToken);

    public Task<Result<TeamView>> RenameTeamAsync(Actor actor, int teamId, string? name, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TeamView>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins rename teams.");
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            if (team is null) return Problem.NotFound("The team");
            var before = team.Name;
            team.Rename(name ?? "");
            if (team.Name == before) return new Committed<TeamView>(new TeamView(team.Id, team.Name));
            if (await db.Teams.AnyAsync(t => t.Name == team.Name && t.Id != teamId, cancellationToken))
                return Problem.Validation($"A team called {team.Name} already exists.");
            db.Record(actor, AuditActions.TeamRenamed, AuditSubjects.Team, team.Id.ToString(), clock.GetUtcNow(),
                before: new { name = before }, after: new { team.Name });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<TeamView>(new TeamView(team.Id, team.Name));
        }, cancellationToken);

    /// <summary>
    /// Audits a sign-in attempt (browser or token), successful or not; a bearer token issued by a successful one
    /// (<paramref name="tokenExpiresAt"/>) is audited with it.
    /// </summary>
    public Task<Result<bool>> RecordSignInAsync(Guid? agentId, string who, bool succeeded, string method, string? reason = null,
        CancellationToken cancellationToken = default, DateTimeOffset? tokenExpiresAt = null) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var actor = new Actor(agentId ?? Guid.Empty, Truncate(who, 120), new HashSet<string>(), new HashSet<int>());
            var now = clock.GetUtcNow();
            var subjectId = agentId?.ToString() ?? "unknown";
            db.Record(actor, succeeded ? AuditActions.SignedIn : AuditActions.SignInFailed, AuditSubjects.Agent, subjectId, now,
                after: new { method, reason });
            if (succeeded && tokenExpiresAt is { } expiresAt)
                db.Record(actor, AuditActions.TokenIssued, AuditSubjects.Agent, subjectId, now, after: new { expiresAt });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    public Task<Result<bool>> RecordSignOutAsync(Actor actor, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            db.Record(actor, AuditActions.SignedOut, AuditSubjects.Agent, actor.AgentId.ToString(), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    /// <summary>An agent's display name for an audit entry's before/after (null for nobody).</summary>
    internal static async Task<string?> AgentNameAsync(ShuttleDbContext db, Guid? agentId, CancellationToken cancellationToken) =>
        agentId is { } id ? await db.Users.AsNoTracking().Where(a => a.Id == id).Select(a => a.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Agents as views; filter with <paramref name="where"/> (it must apply before the projection to translate).</summary>
    /// <summary>Admins turn a team's auto-assignment on or off.</summary>
    public Task<Result<TeamView>> SetTeamAutoAssignAsync(Actor actor, int teamId, bool enabled, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TeamView>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins change team settings.");
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            if (team is null) return Problem.NotFound("The team");
            if (team.AutoAssign != enabled)
            {
                team.SetAutoAssign(enabled);
                db.Record(actor, AuditActions.TeamSettingsChanged, AuditSubjects.Team, team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    clock.GetUtcNow(), before: new { autoAssign = !enabled }, after: new { autoAssign = enabled });
                await db.SaveChangesAsync(cancellationToken);
            }
            return new Committed<TeamView>(new TeamView(team.Id, team.Name, team.AutoAssign));
        }, cancellationToken);

    internal static IQueryable<AgentView> AgentViews(ShuttleDbContext db, Expression<Func<Agent, bool>>? where = null) =>
        db.Users.AsNoTracking().Where(where ?? (_ => true)).Select(a => new AgentView(
            a.Id,
            a.DisplayName,
            a.Email ?? "",
            db.UserRoles.Where(ur => ur.UserId == a.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name ?? "")
                .OrderBy(name => name).ToList(),
            a.Teams.OrderBy(t => t.Team.Name).Select(t => new TeamView(t.TeamId, t.Team.Name)).ToList(),
            a.Status,
            a.OnShift,
            a.IsActive,
            a.Capacity));
}
