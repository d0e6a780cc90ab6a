namespace ShuttlePro.Core.Live;

/// <summary>
/// The live-event bus. Core publishes after a change has committed; each subscriber (a circuit, a hub
/// connection) gets its own bounded queue, so one slow subscriber never delays the others.
/// </summary>
public interface ILiveEvents
{
    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts delivering events that pass <paramref name="filter"/> to <paramref name="handler"/>, one at a
    /// time, in publish order. The filter runs on the publisher's thread and must be cheap; the handler runs on
    /// the subscription's own reader. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Func<LiveEvent, bool> filter, Func<LiveEvent, CancellationToken, ValueTask> handler);
}
