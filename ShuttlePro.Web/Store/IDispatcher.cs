namespace ShuttlePro.Web.Store;

/// <summary>Sends an action into the circuit's store. Safe from any thread; never re-entrant.</summary>
public interface IDispatcher
{
    void Dispatch(object action);
}
