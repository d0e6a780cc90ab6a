namespace ShuttlePro.Web.Store;

/// <summary>A feature as the store sees it: a state it can reduce and announce.</summary>
public interface IFeature
{
    string Name { get; }
    object State { get; }

    /// <summary>Runs the feature's reducers for the action; true when the state is a new reference.</summary>
    bool Reduce(object action);

    void NotifyStateChanged();
}

/// <summary>
/// One slice of a circuit's state: an immutable record, its initial value, and the reducers that replace it.
/// Change detection is by reference, as in Fluxor: a reducer that returns the same instance changed nothing.
/// </summary>
public sealed class Feature<TState>(string name, TState initialState, IEnumerable<IReducer<TState>> reducers)
    : IFeature, IState<TState> where TState : class
{
    private readonly IReducer<TState>[] _reducers = reducers.ToArray();
    private TState _state = initialState;

    public string Name { get; } = name;
    public TState Value => Volatile.Read(ref _state);
    object IFeature.State => Value;

    public event EventHandler? StateChanged;

    public bool Reduce(object action)
    {
        var current = Value;
        var next = current;
        foreach (var reducer in _reducers)
            if (reducer.ShouldReduce(action))
                next = reducer.Reduce(next, action);
        if (ReferenceEquals(next, current)) return false;
        Volatile.Write(ref _state, next);
        return true;
    }

    public void NotifyStateChanged() => StateChanged?.Invoke(this, EventArgs.Empty);
}
