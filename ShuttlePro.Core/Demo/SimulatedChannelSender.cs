using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Demo;

/// <summary>
/// The demo's stand-in for WhatsApp: accepts every reply at once, then reports it delivered and, a little later,
/// read, the way a customer's phone would.
/// </summary>
public sealed class SimulatedChannelSender(IServiceProvider services, TimeProvider clock, ILogger<SimulatedChannelSender> logger) : IChannelSender
{
    public static readonly TimeSpan DeliveredAfter = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan ReadAfter = TimeSpan.FromSeconds(6);

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        _ = ReportAsync(message.MessageId);
        return Task.FromResult(SendOutcome.Accepted($"wamid.sim.{Guid.NewGuid():N}"));
    }

    private async Task ReportAsync(Guid messageId)
    {
        try
        {
            // Resolved lazily: the conversation service depends on the dispatcher's signal, not on this sender.
            var conversations = services.GetRequiredService<ConversationService>();
            await Task.Delay(DeliveredAfter, clock);
            await conversations.RecordDeliveryAsync(messageId, DeliveryStatus.Delivered);
            await Task.Delay(ReadAfter - DeliveredAfter, clock);
            await conversations.RecordDeliveryAsync(messageId, DeliveryStatus.Read);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "The simulated channel could not report delivery of {MessageId}", messageId);
        }
    }
}
