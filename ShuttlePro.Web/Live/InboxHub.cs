using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Web.Api;
using ShuttlePro.Web.Auth;

namespace ShuttlePro.Web.Live;

/// <summary>
/// <c>/hubs/inbox</c>: the live events for non-browser clients (integrations, load tools), under the same
/// visibility rule as the app. The server calls the client method <c>event</c> with <c>{type, conversationId, at, data}</c>.
/// Clients say where they are with <see cref="Watch"/>, <see cref="Unwatch"/> and <see cref="Typing"/>, exactly as
/// the app's screens do.
/// </summary>
[Authorize]
public sealed class InboxHub(ActorResolver actors, HubSubscriptions subscriptions, CollaborationService collaboration) : Hub
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

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        await collaboration.DisconnectAsync(SessionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The caller is now viewing the conversation (as when opening its thread).</summary>
    public async Task<ApiPresence> Watch(Guid conversationId) =>
        Unwrap(await collaboration.WatchAsync(Actor, SessionId, conversationId, Context.ConnectionAborted));

    public async Task<ApiPresence> Unwatch(Guid conversationId) =>
        Unwrap(await collaboration.UnwatchAsync(Actor, SessionId, conversationId, Context.ConnectionAborted));

    /// <summary>Typing takes or renews the reply lock, like the composer; <c>false</c> lets it go.</summary>
    public async Task<ApiPresence> Typing(Guid conversationId, bool typing) =>
        Unwrap(await collaboration.TypingAsync(Actor, SessionId, conversationId, typing, Context.ConnectionAborted));

    private string SessionId => HubSubscriptions.SessionIdOf(Context.ConnectionId);

    private ShuttlePro.Core.Directory.Actor Actor =>
        subscriptions.ActorOf(Context.ConnectionId) ?? throw new HubException("This connection is not signed in.");

    private static ApiPresence Unwrap(Result<ConversationPresence> result) =>
        result.Succeeded ? result.Value.ToApi() : throw new HubException($"{result.Problem.Code}: {result.Problem.Message}");
}
