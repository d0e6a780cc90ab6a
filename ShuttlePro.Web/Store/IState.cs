namespace ShuttlePro.Web.Store;

/// <summary>The current value of one feature's state, and a notification when a reducer replaced it.</summary>
public interface IState<out TState> : IStateChangedNotifier
{
    TState Value { get; }
}

public interface IStateChangedNotifier
{
    event EventHandler? StateChanged;
}
