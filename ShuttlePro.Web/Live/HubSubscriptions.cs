using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Api;

namespace ShuttlePro.Web.Live;

/// <summary>One live-event subscription per hub connection, filtered by what that connection's agent may see.</summary>
public sealed class HubSubscriptions(ILiveEvents live, IHubContext<InboxHub> hub) : IDisposable
{
    private sealed record Connection(Actor Actor, IDisposable Subscription);

    private readonly ConcurrentDictionary<string, Connection> _byConnection = new();

    public int Count => _byConnection.Count;

    /// <summary>The presence session of a hub connection.</summary>
    public static string SessionIdOf(string connectionId) => "hub:" + connectionId;

    public IEnumerable<string> SessionIds => _byConnection.Keys.Select(SessionIdOf);

    public Actor? ActorOf(string connectionId) => _byConnection.TryGetValue(connectionId, out var connection) ? connection.Actor : null;

    public void Add(string connectionId, Actor actor)
    {
        var client = hub.Clients.Client(connectionId);
        var subscription = live.Subscribe(
            liveEvent => liveEvent.IsVisibleTo(actor),
            async (liveEvent, cancellationToken) =>
            {
                if (liveEvent.ToApiFor(actor) is { } payload)
                    await client.SendAsync(InboxHub.EventMethod, payload, cancellationToken);
            });
        if (!_byConnection.TryAdd(connectionId, new Connection(actor, subscription))) subscription.Dispose();
    }

    public void Remove(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var connection)) connection.Subscription.Dispose();
    }

    public void Dispose()
    {
        foreach (var connection in _byConnection.Values) connection.Subscription.Dispose();
        _byConnection.Clear();
    }
}
