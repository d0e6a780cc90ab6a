using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Auth;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues bearer tokens for the API and the hub. Tokens are protected with ASP.NET Core Data Protection, whose
/// keys live in the database, so every instance sharing the database accepts them.
/// </summary>
public sealed class TokenIssuer(
    UserManager<Agent> users,
    SignInManager<Agent> signIn,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    IOptions<AuthOptions> authOptions,
    DirectoryService directory,
    TimeProvider clock)
{
    public async Task<Result<IssuedToken>> IssueAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        var agent = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (agent is null || string.IsNullOrEmpty(password))
        {
            await directory.RecordSignInAsync(null, email ?? "", succeeded: false, "token", "unknown account", cancellationToken);
            return InvalidCredentials();
        }

        var check = await signIn.CheckPasswordSignInAsync(agent, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            var reason = check.IsLockedOut ? "locked out" : check.IsNotAllowed ? "not allowed" : "wrong password";
            await directory.RecordSignInAsync(agent.Id, agent.Email ?? email!, succeeded: false, "token", reason, cancellationToken);
            return check.IsLockedOut
                ? new Problem(ProblemCodes.LockedOut, "Too many failed attempts. Try again later.")
                : InvalidCredentials();
        }

        var principal = await signIn.CreateUserPrincipalAsync(agent);
        var identity = new ClaimsIdentity(principal.Claims, IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var expiresAt = now.AddHours(authOptions.Value.TokenLifetimeHours);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        var token = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);
        await directory.RecordSignInAsync(agent.Id, agent.Email ?? email!, succeeded: true, "token", cancellationToken: cancellationToken,
            tokenExpiresAt: expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    private static Problem InvalidCredentials() => new(ProblemCodes.InvalidCredentials, "Wrong email or password.");
}
