using System.Security.Claims;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Auth;

/// <summary>
/// Turns a signed-in principal (cookie or bearer token) into the Core actor, read fresh from the database so
/// that new roles, teams or a deactivation apply at once.
/// </summary>
public sealed class ActorResolver(DirectoryService directory)
{
    public async Task<Actor?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var agentId)
            ? await directory.FindActorAsync(agentId, cancellationToken)
            : null;
    }
}
