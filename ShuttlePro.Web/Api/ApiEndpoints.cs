using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Auth;

namespace ShuttlePro.Web.Api;

public static class ApiEndpoints
{
    private const string ActorKey = "ShuttlePro.Actor";

    /// <summary>HTTP API v1: thin doors onto the Core services (parse, call, map the result).</summary>
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("api-v1");
        api.MapAuthApi();

        var signedIn = api.MapGroup("").RequireAuthorization().AddEndpointFilter(ResolveActorAsync);
        signedIn.MapDirectoryApi();
        signedIn.MapConversationsApi();
        signedIn.MapTakeoverRequestsApi();
        signedIn.MapCollaborationApi();
        signedIn.MapTicketsApi();
        signedIn.MapAuditApi();
        signedIn.MapKpiApi();
        signedIn.MapQueuesApi();
        return app;
    }

    /// <summary>The actor of this request, resolved by the group's filter.</summary>
    public static Actor Actor(this HttpContext context) =>
        context.Items[ActorKey] as Actor ?? throw new InvalidOperationException("The actor filter did not run for this endpoint.");

    private static async ValueTask<object?> ResolveActorAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var actor = await http.RequestServices.GetRequiredService<ActorResolver>().ResolveAsync(http.User, http.RequestAborted);
        if (actor is null)
            return new Problem(ProblemCodes.Unauthorized, "Sign in again: this account is unknown or deactivated.").ToResult();
        http.Items[ActorKey] = actor;
        return await next(invocation);
    }
}
