using System.Collections.Concurrent;

namespace ShuttlePro.Web.Store;

/// <summary>An effect threw; the store keeps going and the UI can show it.</summary>
public sealed record EffectFailedAction(string Effect, object Action, Exception Exception);

/// <summary>
/// The per-circuit store. Dispatch is serialized: actions queue up and one thread at a time drains the queue,
/// running reducers, then state notifications, then effects. A dispatch from inside a reducer, a notification
/// or an effect is queued behind the current one, never run recursively.
/// </summary>
public sealed class Store : IDispatcher, IDisposable
{
    private readonly IFeature[] _features;
    private readonly Lazy<IEffect[]> _effects;
    private readonly ILogger<Store> _logger;
    private readonly ConcurrentQueue<object> _queue = new();
    private int _draining;
    private volatile bool _disposed;

    public Store(IEnumerable<IFeature> features, Func<IEnumerable<IEffect>> effects, ILogger<Store> logger)
    {
        _features = features.ToArray();
        // Effects are created on first dispatch: they may depend on the dispatcher (this store) themselves.
        _effects = new Lazy<IEffect[]>(() => effects().ToArray());
        _logger = logger;
    }

    public IReadOnlyList<IFeature> Features => _features;

    /// <summary>Raised after reducers ran for an action (tests and diagnostics).</summary>
    public event Action<object>? ActionDispatched;

    public void Dispatch(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_disposed) return;
        _queue.Enqueue(action);
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                while (!_disposed && _queue.TryDequeue(out var next)) Process(next);
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
        }
    }

    private void Process(object action)
    {
        List<IFeature>? changed = null;
        foreach (var feature in _features)
        {
            try
            {
                if (feature.Reduce(action)) (changed ??= []).Add(feature);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Reducer of {Feature} failed on {Action}", feature.Name, action.GetType().Name);
            }
        }

        if (changed is not null)
            foreach (var feature in changed) feature.NotifyStateChanged();
        ActionDispatched?.Invoke(action);

        foreach (var effect in _effects.Value)
            if (effect.ShouldHandle(action))
                _ = RunEffectAsync(effect, action);
    }

    private async Task RunEffectAsync(IEffect effect, object action)
    {
        try
        {
            await effect.HandleAsync(action, this);
        }
        catch (Exception ex) when (!_disposed)
        {
            _logger.LogError(ex, "Effect {Effect} failed on {Action}", effect.GetType().Name, action.GetType().Name);
            if (action is not EffectFailedAction) Dispatch(new EffectFailedAction(effect.GetType().Name, action, ex));
        }
        catch (Exception) when (_disposed)
        {
            // The circuit is gone; nobody is left to tell.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _queue.Clear();
    }
}
