using ShuttlePro.Core.Audit;

namespace ShuttlePro.Web.Background;

/// <summary>
/// Verifies the audit hash chain shortly after start and then every hour, so the audit page's badge is rarely
/// "not verified yet" and a broken chain is logged even when nobody looks at the page.
/// </summary>
public sealed class AuditVerificationService(AuditVerifier verifier, TimeProvider clock, ILogger<AuditVerificationService> logger)
    : BackgroundService
{
    /// <summary>Lets start-up (migrations, seeding, the first requests) settle before walking the whole chain.</summary>
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The schedule itself; its timers exist when this returns its task (tests advance a fake clock right after).</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        // The hourly timer starts with the service, so a long first verification does not shift the schedule.
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            await Task.Delay(FirstRunDelay, clock, stoppingToken);
            await VerifyAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await VerifyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task VerifyAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await verifier.VerifyAsync(stoppingToken);
            if (result.Ok) logger.LogInformation("Audit chain verified up to #{Sequence} ({Checked} events)", result.VerifiedUpTo, result.Checked);
            else logger.LogWarning("Audit chain broken at #{Sequence} (verified up to #{VerifiedUpTo})", result.BrokenAt, result.VerifiedUpTo);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Verifying the audit chain failed; trying again at the next interval");
        }
    }
}
