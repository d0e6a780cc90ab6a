using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Web.Background;

/// <summary>
/// Runs the SLA monitor: sleeps until the next SLA moment of an open ticket, woken early when a ticket changes
/// (its due times may have moved), and re-checks at least every minute.
/// </summary>
public sealed class SlaMonitorService(SlaMonitor monitor, ILiveEvents live, TimeProvider clock, ILogger<SlaMonitorService> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = new SemaphoreSlim(0, 1);
        using var subscription = live.Subscribe(e => e is TicketUpdated, (_, _) =>
        {
            if (wake.CurrentCount == 0) try { wake.Release(); } catch (SemaphoreFullException) { }
            return ValueTask.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = MaxSleep;
            try
            {
                if (await monitor.RecordDueMomentsAsync(stoppingToken) is { } next)
                    sleep = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, 0, MaxSleep.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Recording SLA moments failed; trying again shortly");
                sleep = TimeSpan.FromSeconds(10);
            }
            using var timeout = new CancellationTokenSource(sleep, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
            try
            {
                await wake.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
