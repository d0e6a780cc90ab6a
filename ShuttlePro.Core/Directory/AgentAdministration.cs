using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Directory;

public sealed record AgentDraft(string Email, string Name, string Password, IReadOnlyList<string> Roles, IReadOnlyList<int> TeamIds,
    int Capacity = Agent.DefaultCapacity);

public sealed record AgentChanges(string Name, IReadOnlyList<string> Roles, IReadOnlyList<int> TeamIds, int? Capacity = null);

/// <summary>
/// Admins create agents, set their roles and teams, and deactivate them. Identity's UserManager does the
/// account work; each operation gets its own scope (and so its own context) and commits the account change
/// and its audit event in one transaction.
/// </summary>
public sealed class AgentAdministration(IServiceScopeFactory scopes, ILiveEvents live, TimeProvider clock)
{
    public Task<Result<AgentView>> CreateAsync(Actor actor, AgentDraft draft, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async (users, db) =>
        {
            var email = draft.Email?.Trim() ?? "";
            if (!System.Net.Mail.MailAddress.TryCreate(email, out _)) return Problem.Validation("Enter a valid email address.");
            if (await users.FindByEmailAsync(email) is not null) return Problem.Validation($"{email} already has an account.");
            if (await ValidateRolesAndTeamsAsync(db, draft.Roles, draft.TeamIds, cancellationToken) is { } invalid) return invalid;

            var agent = new Agent(email, draft.Name);
            agent.SetCapacity(draft.Capacity);
            var created = await users.CreateAsync(agent, draft.Password ?? "");
            if (IdentityProblem(created) is { } createProblem) return createProblem;
            agent.SetTeams(draft.TeamIds);
            await db.SaveChangesAsync(cancellationToken);
            if (draft.Roles.Count > 0 && IdentityProblem(await users.AddToRolesAsync(agent, draft.Roles.Distinct())) is { } roleProblem)
                return roleProblem;

            db.Record(actor, AuditActions.AgentCreated, AuditSubjects.Agent, agent.Id.ToString(), clock.GetUtcNow(),
                after: new { agent.Email, name = agent.DisplayName, roles = draft.Roles, teamIds = draft.TeamIds });
            return agent.Id;
        }, cancellationToken);

    public Task<Result<AgentView>> UpdateAsync(Actor actor, Guid agentId, AgentChanges changes, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async (users, db) =>
        {
            var agent = await db.Users.Include(a => a.Teams).FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
            if (agent is null) return Problem.NotFound("The agent");
            if (await ValidateRolesAndTeamsAsync(db, changes.Roles, changes.TeamIds, cancellationToken) is { } invalid) return invalid;
            var currentRoles = await users.GetRolesAsync(agent);
            if (agent.Id == actor.AgentId && currentRoles.Contains(Roles.Admin) && !changes.Roles.Contains(Roles.Admin))
                return Problem.Validation("You cannot remove your own Admin role.");

            var before = new { name = agent.DisplayName, roles = currentRoles.Order().ToList(), teamIds = agent.Teams.Select(t => t.TeamId).Order().ToList() };
            agent.Rename(changes.Name);
            agent.SetTeams(changes.TeamIds);
            if (changes.Capacity is { } capacity) agent.SetCapacity(capacity);
            if (IdentityProblem(await users.UpdateAsync(agent)) is { } updateProblem) return updateProblem;
            var removed = currentRoles.Except(changes.Roles).ToList();
            var added = changes.Roles.Distinct().Except(currentRoles).ToList();
            if (removed.Count > 0 && IdentityProblem(await users.RemoveFromRolesAsync(agent, removed)) is { } removeProblem) return removeProblem;
            if (added.Count > 0 && IdentityProblem(await users.AddToRolesAsync(agent, added)) is { } addProblem) return addProblem;
            // Sessions and tokens of the agent are re-checked against the new roles.
            if (removed.Count > 0) await users.UpdateSecurityStampAsync(agent);

            var now = clock.GetUtcNow();
            db.Record(actor, AuditActions.AgentUpdated, AuditSubjects.Agent, agent.Id.ToString(), now,
                before: before, after: new { name = agent.DisplayName, roles = changes.Roles.Order().ToList(), teamIds = changes.TeamIds.Order().ToList() });
            // Role changes grant or take away powers: their own action, so they can be reviewed on their own.
            if (removed.Count > 0 || added.Count > 0)
                db.Record(actor, AuditActions.AgentRoleChanged, AuditSubjects.Agent, agent.Id.ToString(), now,
                    before: new { roles = before.roles }, after: new { roles = changes.Roles.Distinct().Order().ToList(), added, removed });
            return agent.Id;
        }, cancellationToken);

    public Task<Result<AgentView>> DeactivateAsync(Actor actor, Guid agentId, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async (users, db) =>
        {
            if (agentId == actor.AgentId) return Problem.Validation("You cannot deactivate your own account.");
            var agent = await db.Users.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
            if (agent is null) return Problem.NotFound("The agent");
            if (!agent.IsActive) return agent.Id;
            agent.Deactivate();
            if (IdentityProblem(await users.UpdateAsync(agent)) is { } problem) return problem;
            // A new security stamp signs the agent out everywhere at the next validation.
            await users.UpdateSecurityStampAsync(agent);
            db.Record(actor, AuditActions.AgentDeactivated, AuditSubjects.Agent, agent.Id.ToString(), clock.GetUtcNow(),
                before: new { isActive = true, name = agent.DisplayName }, after: new { isActive = false });
            return agent.Id;
        }, cancellationToken);

    public Task<Result<AgentView>> ReactivateAsync(Actor actor, Guid agentId, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async (users, db) =>
        {
            var agent = await db.Users.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
            if (agent is null) return Problem.NotFound("The agent");
            if (agent.IsActive) return agent.Id;
            agent.Reactivate();
            if (IdentityProblem(await users.UpdateAsync(agent)) is { } problem) return problem;
            db.Record(actor, AuditActions.AgentReactivated, AuditSubjects.Agent, agent.Id.ToString(), clock.GetUtcNow(),
                before: new { isActive = false, name = agent.DisplayName }, after: new { isActive = true });
            return agent.Id;
        }, cancellationToken);

    public Task<Result<AgentView>> SetPasswordAsync(Actor actor, Guid agentId, string? password, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async (users, db) =>
        {
            var agent = await db.Users.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
            if (agent is null) return Problem.NotFound("The agent");
            // Both steps run in this operation's transaction: a password the policy refuses leaves the old one in place.
            if (IdentityProblem(await users.RemovePasswordAsync(agent)) is { } removeProblem) return removeProblem;
            if (IdentityProblem(await users.AddPasswordAsync(agent, password ?? "")) is { } problem) return problem;
            await users.SetLockoutEndDateAsync(agent, null);
            await users.ResetAccessFailedCountAsync(agent);
            db.Record(actor, AuditActions.AgentPasswordChanged, AuditSubjects.Agent, agent.Id.ToString(), clock.GetUtcNow(),
                after: new { name = agent.DisplayName, lockoutCleared = true });
            return agent.Id;
        }, cancellationToken);

    private async Task<Result<AgentView>> RunAsync(Actor actor, Func<UserManager<Agent>, ShuttleDbContext, Task<Result<Guid>>> work,
        CancellationToken cancellationToken)
    {
        if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins manage agents.");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var db = scope.ServiceProvider.GetRequiredService<ShuttleDbContext>();
        await using var transaction = await db.BeginAuditedTransactionAsync(cancellationToken);
        Result<Guid> outcome;
        try
        {
            outcome = await work(users, db);
        }
        catch (DomainException refused)
        {
            return refused.Problem;
        }
        if (!outcome.Succeeded) return outcome.Problem;

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var view = await DirectoryService.AgentViews(db, a => a.Id == outcome.Value).FirstAsync(cancellationToken);
        await live.PublishAsync(new AgentChanged(view, clock.GetUtcNow()), CancellationToken.None);
        return view;
    }

    private static async Task<Problem?> ValidateRolesAndTeamsAsync(ShuttleDbContext db, IReadOnlyList<string> roles,
        IReadOnlyList<int> teamIds, CancellationToken cancellationToken)
    {
        if (roles.Count == 0) return Problem.Validation("Give the agent at least one role.");
        if (roles.FirstOrDefault(r => !Roles.IsKnown(r)) is { } unknown)
            return Problem.Validation($"Unknown role '{unknown}'. Roles are {string.Join(", ", Roles.All)}.");
        var distinct = teamIds.Distinct().ToList();
        var known = await db.Teams.CountAsync(t => distinct.Contains(t.Id), cancellationToken);
        return known == distinct.Count ? null : Problem.Validation("One of the teams does not exist.");
    }

    private static Problem? IdentityProblem(IdentityResult result) =>
        result.Succeeded ? null : Problem.Validation(string.Join(" ", result.Errors.Select(e => e.Description)));
}
