using Microsoft.AspNetCore.Components.Server.Circuits;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Live;

/// <summary>
/// Ties presence to the circuit's connection: when it drops, the tab stops being present at once (not after the
/// circuit's retention period); when it comes back, the screen resyncs and is present again.
/// </summary>
public sealed class PresenceCircuitHandler(CircuitPresence presence, IDispatcher dispatcher) : CircuitHandler
{
    private bool _wasDown;

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        await presence.ConnectionDownAsync();
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown)
        {
            _wasDown = false;
            dispatcher.Dispatch(new ResyncAction());
        }
        return Task.CompletedTask;
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        await presence.ConnectionDownAsync();
}
