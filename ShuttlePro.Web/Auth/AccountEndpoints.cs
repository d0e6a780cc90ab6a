using Microsoft.AspNetCore.Identity;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token) from the app bar's menu.
        app.MapPost("/account/logout", async (HttpContext http, SignInManager<Agent> signIn, ActorResolver actors, DirectoryService directory) =>
        {
            if (await actors.ResolveAsync(http.User, http.RequestAborted) is { } actor)
            {
                await directory.RecordSignOutAsync(actor, http.RequestAborted);
                var me = await directory.GetAgentAsync(actor.AgentId, http.RequestAborted);
                await directory.SetStatusAsync(actor, AgentStatus.Offline, me?.OnShift ?? false, http.RequestAborted);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();
        return app;
    }
}
