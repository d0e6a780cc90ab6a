using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Api;

namespace ShuttlePro.Web.Live;

/// <summary>One live-event subscription per hub connection, filtered by what that connection's agent may see.</summary>
public sealed class HubSubscriptions(ILiveEvents live, IHubContext<InboxHub> hub) : IDisposable
{
    private readonly ConcurrentDictionary<string, IDisposable> _byConnection = new();

    public int Count => _byConnection.Count;

    public void Add(string connectionId, Actor actor)
    {
        var client = hub.Clients.Client(connectionId);
        var subscription = live.Subscribe(
            liveEvent => liveEvent.IsVisibleTo(actor),
            async (liveEvent, cancellationToken) =>
            {
                if (liveEvent.ToApi() is { } payload)
                    await client.SendAsync(InboxHub.EventMethod, payload, cancellationToken);
            });
        if (!_byConnection.TryAdd(connectionId, subscription)) subscription.Dispose();
    }

    public void Remove(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var subscription)) subscription.Dispose();
    }

    public void Dispose()
    {
        foreach (var subscription in _byConnection.Values) subscription.Dispose();
        _byConnection.Clear();
    }
}
