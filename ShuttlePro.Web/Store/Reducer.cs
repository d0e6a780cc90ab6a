namespace ShuttlePro.Web.Store;

public interface IReducer<TState>
{
    bool ShouldReduce(object action);
    TState Reduce(TState state, object action);
}

/// <summary>A pure function from a state and one action type to the next state.</summary>
public sealed class Reducer<TState, TAction>(Func<TState, TAction, TState> reduce) : IReducer<TState>
{
    public bool ShouldReduce(object action) => action is TAction;

    public TState Reduce(TState state, object action) => reduce(state, (TAction)action);
}
