using Microsoft.Extensions.Options;
using ShuttlePro.Core.Demo;

namespace ShuttlePro.Web.Demo;

/// <summary>Keeps the demo inbox moving: a simulated customer writes every few seconds (Demo:Simulator).</summary>
public sealed class CustomerSimulatorService(CustomerSimulator simulator, IOptions<DemoOptions> options, TimeProvider clock,
    ILogger<CustomerSimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        var average = Math.Max(0.5, options.Value.SimulatorIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(average * (0.5 + random.NextDouble())), clock, stoppingToken);
                var outcome = await simulator.WriteOnceAsync(random, stoppingToken);
                if (outcome is { Succeeded: false } failed)
                    logger.LogWarning("A simulated customer message was refused: {Problem}", failed.Problem.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The customer simulator failed; it carries on");
            }
        }
    }
}
