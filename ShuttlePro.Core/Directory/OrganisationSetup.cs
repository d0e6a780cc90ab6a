using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Directory;

/// <summary>The <c>Bootstrap</c> section: the first admin of an installation without demo data.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

/// <summary>What every installation needs before anyone signs in: the four roles, and a first admin when configured.</summary>
public sealed class OrganisationSetup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OrganisationSetup> logger)
{
    public async Task EnsureRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }), role);
        }
    }

    /// <summary>Creates the configured admin account when no account has that email yet.</summary>
    public async Task EnsureAdminAsync(BootstrapOptions bootstrap)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail) || string.IsNullOrWhiteSpace(bootstrap.AdminPassword)) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        if (await users.FindByEmailAsync(bootstrap.AdminEmail) is not null) return;

        var admin = new Agent(bootstrap.AdminEmail.Trim(), "Admin");
        Check(await users.CreateAsync(admin, bootstrap.AdminPassword), bootstrap.AdminEmail);
        Check(await users.AddToRoleAsync(admin, Roles.Admin), bootstrap.AdminEmail);
        var db = scope.ServiceProvider.GetRequiredService<ShuttleDbContext>();
        db.Record(Actor.System, AuditActions.AgentCreated, AuditSubjects.Agent, admin.Id.ToString(), clock.GetUtcNow(),
            after: new { admin.Email, roles = new[] { Roles.Admin }, source = "bootstrap" });
        await db.SaveChangesAsync();
        logger.LogInformation("Created the bootstrap admin {Email}", admin.Email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not set up {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
