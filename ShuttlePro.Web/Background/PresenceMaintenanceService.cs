using ShuttlePro.Core.Collaboration;
using ShuttlePro.Web.Live;

namespace ShuttlePro.Web.Background;

/// <summary>
/// Keeps presence honest: hub connections are alive as long as SignalR keeps them, so they are renewed here; then
/// whatever was not renewed in time (a tab that vanished without a goodbye) expires.
/// </summary>
public sealed class PresenceMaintenanceService(IPresenceTracker presence, HubSubscriptions hubConnections, TimeProvider clock,
    ILogger<PresenceMaintenanceService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var session in hubConnections.SessionIds) await presence.HeartbeatAsync(session);
                await presence.SweepAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Presence maintenance failed; it runs again in {Interval}", Interval);
            }
        }
    }
}
