using System.Collections.Concurrent;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Tests.Support;

/// <summary>Subscribes to the live-event bus and lets a test wait for the events it expects.</summary>
public sealed class LiveEventRecorder : IDisposable
{
    private readonly ConcurrentQueue<LiveEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly IDisposable _subscription;

    public LiveEventRecorder(ILiveEvents live, Func<LiveEvent, bool>? filter = null)
    {
        _subscription = live.Subscribe(filter ?? (_ => true), (liveEvent, _) =>
        {
            _events.Enqueue(liveEvent);
            _arrived.Release();
            return ValueTask.CompletedTask;
        });
    }

    public IReadOnlyList<LiveEvent> Events => _events.ToList();

    public IEnumerable<T> OfType<T>() => _events.OfType<T>();

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="match"/> has arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : LiveEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = _events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"No {typeof(T).Name} arrived; got: {string.Join(", ", _events.Select(e => e.GetType().Name))}");
        }
    }

    public void Dispose() => _subscription.Dispose();
}
