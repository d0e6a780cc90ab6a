using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Web.Auth;

namespace ShuttlePro.Web.Live;

/// <summary>
/// <c>/hubs/inbox</c>: the live events for non-browser clients (integrations, load tools), under the same
/// visibility rule as the app. The server calls the client method <c>event</c> with <c>{type, conversationId, at, data}</c>.
/// </summary>
[Authorize]
public sealed class InboxHub(ActorResolver actors, HubSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string EventMethod = "event";

    public override async Task OnConnectedAsync()
    {
        var actor = await actors.ResolveAsync(Context.User!, Context.ConnectionAborted);
        if (actor is null)
        {
            Context.Abort();
            return;
        }
        subscriptions.Add(Context.ConnectionId, actor);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
