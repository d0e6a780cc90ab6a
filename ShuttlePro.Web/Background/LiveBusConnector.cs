using Microsoft.Extensions.Options;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Background;

/// <summary>
/// Connects the Redis live-event bus before the app serves (registered only when <c>LiveEvents:Redis</c> is set). An
/// unreachable Redis does not stop the start: the instance serves with local live events and joins the others when it can.
/// </summary>
public sealed class LiveBusConnector(RedisLiveEvents bus, IOptions<LiveEventsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bus.StartAsync(options.Value.Redis!);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
