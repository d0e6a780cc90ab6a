namespace ShuttlePro.Web.Store;

/// <summary>Side work triggered by an action (calling Core, navigation); reports back by dispatching result actions.</summary>
public interface IEffect
{
    bool ShouldHandle(object action);
    Task HandleAsync(object action, IDispatcher dispatcher);
}

public abstract class Effect<TAction> : IEffect
{
    public bool ShouldHandle(object action) => action is TAction;

    public Task HandleAsync(object action, IDispatcher dispatcher) => HandleAsync((TAction)action, dispatcher);

    public abstract Task HandleAsync(TAction action, IDispatcher dispatcher);
}
