using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace ShuttlePro.Web.Store;

/// <summary>
/// Base for components that show store state. It subscribes to every injected <see cref="IState{TState}"/>
/// property and re-renders through <see cref="ComponentBase.InvokeAsync(Action)"/>, the one place that hops
/// onto the renderer's thread. Several changes before the render runs coalesce into one render.
/// </summary>
public abstract class StoreComponent : ComponentBase, IDisposable
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> StateProperties = new();
    private readonly List<IStateChangedNotifier> _subscriptions = [];
    private int _renderQueued;
    private bool _disposed;

    [Inject] protected IDispatcher Dispatcher { get; set; } = null!;

    protected override void OnInitialized()
    {
        foreach (var property in StateProperties.GetOrAdd(GetType(), FindStateProperties))
        {
            if (property.GetValue(this) is not IStateChangedNotifier state) continue;
            state.StateChanged += OnStateChanged;
            _subscriptions.Add(state);
        }
        base.OnInitialized();
    }

    protected void Dispatch(object action) => Dispatcher.Dispatch(action);

    /// <summary>Runs on the renderer's thread after observed state changed, just before the re-render.</summary>
    protected virtual void OnStoreChanged()
    {
    }

    /// <summary>
    /// The shortest time between two renders caused by store changes (zero: render as soon as the renderer is free).
    /// Heavy pages raise it, so a burst of live events on a sale day becomes a few renders a second, each showing the
    /// latest state, instead of one render per event.
    /// </summary>
    protected virtual TimeSpan MinRenderInterval => TimeSpan.Zero;

    private long _lastStoreRender;

    private void OnStateChanged(object? sender, EventArgs e)
    {
        if (_disposed || Interlocked.Exchange(ref _renderQueued, 1) == 1) return;
        var wait = (long)MinRenderInterval.TotalMilliseconds - (Environment.TickCount64 - Volatile.Read(ref _lastStoreRender));
        if (wait > 0) _ = Task.Delay(TimeSpan.FromMilliseconds(wait)).ContinueWith(_ => RenderFromStore(), TaskScheduler.Default);
        else RenderFromStore();
    }

    private void RenderFromStore() =>
        _ = InvokeAsync(() =>
        {
            Volatile.Write(ref _renderQueued, 0);
            if (_disposed) return;
            Volatile.Write(ref _lastStoreRender, Environment.TickCount64);
            OnStoreChanged();
            StateHasChanged();
        }).ContinueWith(t => DispatchExceptionAsync(t.Exception!.GetBaseException()), TaskContinuationOptions.OnlyOnFaulted);

    private static PropertyInfo[] FindStateProperties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => typeof(IStateChangedNotifier).IsAssignableFrom(p.PropertyType) && p.GetIndexParameters().Length == 0)
            .ToArray();

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var state in _subscriptions) state.StateChanged -= OnStateChanged;
        _subscriptions.Clear();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>How often heavy pages may re-render from live changes (component tests set it to zero to stay deterministic).</summary>
public sealed class RenderThrottleOptions
{
    /// <summary>The shift board's minimum time between renders caused by store changes.</summary>
    public TimeSpan Board { get; set; } = TimeSpan.FromMilliseconds(250);
}
