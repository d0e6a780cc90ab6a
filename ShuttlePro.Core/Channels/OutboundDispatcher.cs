using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Channels;

/// <summary>
/// Sends committed replies that are still pending. The pending message rows are the queue, so a restart picks
/// up whatever was not sent yet.
/// </summary>
public sealed class OutboundDispatcher(
    IDbContextFactory<ShuttleDbContext> dbFactory,
    IChannelSender sender,
    ConversationService conversations,
    ILogger<OutboundDispatcher> logger)
{
    public const int BatchSize = 50;

    /// <summary>Sends one batch; returns how many messages left the pending state.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        List<OutboundMessage> batch;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            batch = await db.Messages.AsNoTracking()
                .Where(m => m.Direction == MessageDirection.Outbound && m.Status == DeliveryStatus.Pending)
                .OrderBy(m => m.CreatedAt)
                .Take(BatchSize)
                .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new OutboundMessage(
                    m.Id, c.Id, c.Channel.PhoneNumberId, c.Contact.WaId, m.Body))
                .ToListAsync(cancellationToken);
        }

        var done = 0;
        foreach (var message in batch)
        {
            var outcome = await sender.SendAsync(message, cancellationToken);
            switch (outcome.Kind)
            {
                case SendOutcomeKind.Accepted:
                    await conversations.RecordDeliveryAsync(message.MessageId, DeliveryStatus.Sent, outcome.WaMessageId, cancellationToken);
                    done++;
                    break;
                case SendOutcomeKind.Rejected:
                    logger.LogWarning("Message {MessageId} was rejected by the channel: {Error}", message.MessageId, outcome.Error);
                    await conversations.RecordDeliveryAsync(message.MessageId, DeliveryStatus.Failed, cancellationToken: cancellationToken);
                    done++;
                    break;
                default:
                    logger.LogInformation("Message {MessageId} will be retried: {Error}", message.MessageId, outcome.Error);
                    return done;
            }
        }
        return done;
    }
}
