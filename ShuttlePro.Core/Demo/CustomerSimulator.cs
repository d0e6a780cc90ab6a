using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using Microsoft.Extensions.Options;

namespace ShuttlePro.Core.Demo;

/// <summary>
/// Demo customers: now and then a new customer writes in, more often someone with an open conversation follows
/// up. Messages go through the same ingestion as a real channel's.
/// </summary>
public sealed class CustomerSimulator(IDbContextFactory<ShuttleDbContext> dbFactory, ConversationService conversations,
    Channels.WhatsApp.WhatsAppWebhook webhook, IOptionsMonitor<Channels.WhatsApp.WhatsAppOptions> options, TimeProvider clock)
{
    /// <summary>Writes one customer message; null when there is no channel to write to.</summary>
    public async Task<Result<InboundOutcome>?> WriteOnceAsync(Random random, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().Include(c => c.Brand).ToListAsync(cancellationToken);
        if (channels.Count == 0) return null;

        InboundMessage message;
        var followUpTarget = random.NextDouble() < 0.65
            ? await db.Conversations.AsNoTracking()
                .Where(c => c.Status != ConversationStatus.Resolved)
                .OrderByDescending(c => c.LastActivityAt)
                .Take(25)
                .Select(c => new { c.Contact.WaId, c.Contact.Name, c.Channel.PhoneNumberId })
                .ToListAsync(cancellationToken)
            : [];
        if (followUpTarget.Count > 0)
        {
            var target = followUpTarget[random.Next(followUpTarget.Count)];
            message = new InboundMessage(target.PhoneNumberId, target.WaId, target.Name, NewWamid(),
                MessageType.Text, DemoScript.FollowUps[random.Next(DemoScript.FollowUps.Count)], clock.GetUtcNow());
        }
        else
        {
            var customer = DemoScript.NewCustomers[random.Next(DemoScript.NewCustomers.Count)];
            var channel = channels.FirstOrDefault(c => c.Brand.Name == customer.Brand) ?? channels[0];
            // A fresh number each time, so every newcomer starts a conversation of their own.
            var phone = customer.Phone[..^4] + random.Next(0, 10_000).ToString("D4");
            message = new InboundMessage(channel.PhoneNumberId, phone, customer.Name, NewWamid(), MessageType.Text, customer.Text, clock.GetUtcNow());
        }
        return await DeliverAsync(message, channels.First(c => c.PhoneNumberId == message.PhoneNumberId).DisplayPhoneNumber, cancellationToken);
    }

    /// <summary>
    /// Through the real webhook pipeline, signed with the configured app secret, as Meta would deliver it; without a
    /// secret (webhooks switched off) straight to ingestion.
    /// </summary>
    private async Task<Result<InboundOutcome>> DeliverAsync(InboundMessage message, string displayPhoneNumber, CancellationToken cancellationToken)
    {
        var secret = options.CurrentValue.AppSecret;
        if (string.IsNullOrEmpty(secret)) return await conversations.ReceiveAsync(message, cancellationToken);
        var payload = System.Text.Encoding.UTF8.GetBytes(Channels.WhatsApp.WebhookPayloads.InboundText(message.PhoneNumberId, displayPhoneNumber,
            message.WaId, message.ProfileName, message.WaMessageId, message.Body, message.SentAt));
        var result = await webhook.HandleAsync(payload, Channels.WhatsApp.WebhookSignature.Sign(payload, secret), cancellationToken);
        if (result.Verdict != Channels.WhatsApp.WebhookVerdict.Accepted) return Problem.Validation(result.Detail);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Messages.AsNoTracking().Where(m => m.WaMessageId == message.WaMessageId)
            .Select(m => new { m.Id, m.ConversationId }).FirstAsync(cancellationToken);
        return new InboundOutcome(stored.ConversationId, stored.Id, Duplicate: result.Duplicates > 0, StartedConversation: false);
    }

    private static string NewWamid() => $"wamid.sim.{Guid.NewGuid():N}";
}
