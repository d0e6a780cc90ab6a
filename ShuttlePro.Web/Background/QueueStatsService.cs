using ShuttlePro.Core.Queues;

namespace ShuttlePro.Web.Background;

/// <summary>
/// Keeps the live queue figures honest and heard: reconciles them with the database on start and every minute (which also
/// refreshes the time-based figures for watchers), and runs the throttled <c>queue.stats</c> publisher.
/// </summary>
public sealed class QueueStatsService(QueueStatsTracker tracker, QueueStatsPublisher publisher, TimeProvider clock,
    ILogger<QueueStatsService> logger) : BackgroundService
{
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ReconcileLoopAsync(stoppingToken), PublishLoopAsync(stoppingToken));

    private async Task ReconcileLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileEvery, clock);
        do
        {
            try
            {
                await tracker.ReconcileAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reconciling the queue figures failed; trying again at the next period");
            }
        } while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await publisher.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing the queue figures failed; restarting the publisher");
            }
        }
    }
}
