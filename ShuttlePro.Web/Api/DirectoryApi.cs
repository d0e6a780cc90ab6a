using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Api;

public static class DirectoryApi
{
    public static void MapDirectoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (HttpContext http, DirectoryService directory, CancellationToken cancellationToken) =>
        {
            var me = await directory.GetAgentAsync(http.Actor().AgentId, cancellationToken);
            return me is null ? Results.NotFound() : TypedResults.Ok(me.ToApiMe());
        });

        api.MapGet("/agents", async (DirectoryService directory, CancellationToken cancellationToken) =>
            TypedResults.Ok((await directory.ListAgentsAsync(cancellationToken: cancellationToken)).Select(a => a.ToApi())));

        api.MapGet("/teams", async (DirectoryService directory, CancellationToken cancellationToken) =>
            TypedResults.Ok((await directory.ListTeamsAsync(cancellationToken)).Select(t => t.ToApi())));
    }
}
