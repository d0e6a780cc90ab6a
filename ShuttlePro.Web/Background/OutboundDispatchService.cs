using ShuttlePro.Core.Channels;

namespace ShuttlePro.Web.Background;

/// <summary>Runs the outbound dispatcher: woken when a reply is committed, and every few seconds as a safety net.</summary>
public sealed class OutboundDispatchService(OutboundDispatcher dispatcher, OutboundSignal signal, ILogger<OutboundDispatchService> logger)
    : BackgroundService
{
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await dispatcher.DispatchPendingAsync(stoppingToken);
                backoff = TimeSpan.FromSeconds(1);
                if (sent < OutboundDispatcher.BatchSize) await signal.WaitAsync(SafetyPoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbound dispatch failed; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }
}
