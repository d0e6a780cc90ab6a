using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Channels;

/// <summary>
/// The outbox and delivery statuses: claiming due replies for sending, recording WhatsApp's answer, and applying the
/// statuses its webhooks report — idempotently and in any order (a status only moves forward, and one that arrives
/// before we know its wamid waits until we do).
/// </summary>
public sealed class DeliveryService(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, ChannelSecrets secrets,
    TimeProvider clock)
{
    /// <summary>Claims up to <paramref name="limit"/> due outbox rows for this dispatcher (a lease, so a crash only delays them).</summary>
    public async Task<IReadOnlyList<OutboundMessage>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var claimed = await unitOfWork.RunAsync<List<Guid>>(async db =>
        {
            var now = clock.GetUtcNow();
            var due = await db.Outbox
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.ClaimedUntil == null || o.ClaimedUntil <= now))
                .OrderBy(o => o.NextAttemptAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
            var mine = due.Where(o => o.TryClaim(token, now)).Select(o => o.Id).ToList();
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<List<Guid>>(mine);
        }, cancellationToken);
        if (!claimed.Succeeded || claimed.Value.Count == 0) return [];

        var ids = claimed.Value;
        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await read.Outbox.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Join(read.Messages, o => o.MessageId, m => m.Id, (o, m) => new { Outbox = o, Message = m })
            .Join(read.Conversations, x => x.Message.ConversationId, c => c.Id, (x, c) => new
            {
                x.Outbox.Id, x.Outbox.NextAttemptAt, MessageId = x.Message.Id, c.ChannelId, ConversationId = c.Id, x.Message.Body, x.Message.Type,
                x.Message.TemplateName, x.Message.TemplateLanguage, x.Message.TemplateParameters, c.Channel.PhoneNumberId,
                c.Channel.ProtectedAccessToken, c.Contact.WaId,
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.NextAttemptAt).Select(r => new OutboundMessage(r.MessageId, r.ConversationId, r.PhoneNumberId, r.WaId, r.Body,
                secrets.Unprotect(r.ProtectedAccessToken),
                r.Type == MessageType.Template && r.TemplateName is not null
                    ? new OutboundTemplate(r.TemplateName, r.TemplateLanguage ?? "en",
                        System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.TemplateParameters ?? "[]") ?? [])
                    : null,
                CallbackData: r.Id.ToString()))
            .ToList();
    }

    /// <summary>WhatsApp accepted the message: acknowledge the outbox row, mark the message sent, apply any status that came first.</summary>
    public Task<Result<bool>> AcknowledgeAsync(Guid messageId, string waMessageId, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var entry = await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == messageId, cancellationToken);
            var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
            if (entry is null || message is null) return Problem.NotFound("The outbound message");
            var now = clock.GetUtcNow();
            if (!entry.Acknowledge(waMessageId, now)) return new Committed<bool>(false);
            var before = message.Status;
            message.MarkSent(waMessageId, now);
            foreach (var early in await db.PendingStatuses.Where(p => p.WaMessageId == waMessageId).ToListAsync(cancellationToken))
            {
                Apply(message, early.Status, early.ErrorCode, early.ErrorTitle, early.At);
                db.PendingStatuses.Remove(early);
            }
            return await SaveStatusAsync(db, message, before, now, cancellationToken);
        }, cancellationToken);

    /// <summary>A permanent refusal (a 4xx that retrying will not fix): the message shows failed, with WhatsApp's reason.</summary>
    public Task<Result<bool>> RejectAsync(Guid messageId, int? errorCode, string error, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var entry = await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == messageId, cancellationToken);
            var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
            if (entry is null || message is null) return Problem.NotFound("The outbound message");
            var now = clock.GetUtcNow();
            var before = message.Status;
            entry.Fail(error, now);
            message.Fail(errorCode, error, now);
            return await SaveStatusAsync(db, message, before, now, cancellationToken);
        }, cancellationToken);

    /// <summary>A transient failure (network, 5xx, rate limit): back off and try again; too many attempts end in failure.</summary>
    public Task<Result<bool>> RetryLaterAsync(Guid messageId, string error, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var entry = await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == messageId, cancellationToken);
            if (entry is null) return Problem.NotFound("The outbound message");
            var now = clock.GetUtcNow();
            if (entry.Attempts >= OutboxEntry.MaxAttempts)
            {
                var message = await db.Messages.FirstAsync(m => m.Id == messageId, cancellationToken);
                var before = message.Status;
                entry.Fail($"Gave up after {entry.Attempts} attempts: {error}", now);
                message.Fail(null, $"Could not reach WhatsApp after {entry.Attempts} attempts", now);
                return await SaveStatusAsync(db, message, before, now, cancellationToken);
            }
            entry.RetryLater(error, now, retryAfter);
            var conversationId = await db.Messages.Where(m => m.Id == messageId).Select(m => m.ConversationId).FirstAsync(cancellationToken);
            db.Record(Actor.System, AuditActions.MessageRetryScheduled, AuditSubjects.Message, messageId.ToString(), now, conversationId,
                after: new { entry.Attempts, error, entry.NextAttemptAt });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    /// <summary>
    /// Applies a status from a webhook. Unknown wamid: if it names one of our outbox rows (the callback data we sent)
    /// the send is recorded now — so a crash between WhatsApp's answer and our commit never sends twice — otherwise
    /// the status waits for the send response.
    /// </summary>
    public Task<Result<bool>> ApplyStatusAsync(WhatsApp.StatusUpdate update, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var now = clock.GetUtcNow();
            var message = await db.Messages.FirstOrDefaultAsync(m => m.WaMessageId == update.WaMessageId, cancellationToken);
            if (message is null && Guid.TryParse(update.CallbackData, out var outboxId)
                && await db.Outbox.FirstOrDefaultAsync(o => o.Id == outboxId && o.Status == OutboxStatus.Pending, cancellationToken) is { } entry)
            {
                message = await db.Messages.FirstAsync(m => m.Id == entry.MessageId, cancellationToken);
                entry.Acknowledge(update.WaMessageId, now);
                message.MarkSent(update.WaMessageId, now);
            }
            if (message is null)
            {
                var seen = await db.PendingStatuses.AnyAsync(p => p.WaMessageId == update.WaMessageId && p.Status == update.Status, cancellationToken);
                if (!seen) db.PendingStatuses.Add(new PendingStatus(update.WaMessageId, update.Status, update.ErrorCode, update.ErrorTitle, update.At, now));
                // Old ones whose send never showed up are not worth keeping.
                var expired = now - PendingStatus.KeepFor;
                db.PendingStatuses.RemoveRange(await db.PendingStatuses.Where(p => p.ReceivedAt < expired).Take(100).ToListAsync(cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                return new Committed<bool>(false);
            }
            var before = message.Status;
            Apply(message, update.Status, update.ErrorCode, update.ErrorTitle, update.At);
            return await SaveStatusAsync(db, message, before, now, cancellationToken);
        }, cancellationToken);

    /// <summary>An agent sends a failed message again (the owner, or a lead of the team).</summary>
    public Task<Result<MessageView>> RetryFailedAsync(Actor actor, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<MessageView>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ConversationId == conversationId, cancellationToken);
            if (message is null) return Problem.NotFound("The message");
            if (!Permissions.CanResend(actor, conversation.OwnerId, conversation.TeamId))
                return Problem.Forbidden("Only the owner or a lead of this team sends a message again.");
            var now = clock.GetUtcNow();
            var failure = new { status = message.Status, message.ErrorCode, message.ErrorTitle };
            message.RetryAfterFailure(now);
            var entry = await db.Outbox.FirstOrDefaultAsync(o => o.MessageId == messageId, cancellationToken);
            if (entry is null) db.Outbox.Add(new OutboxEntry(messageId, conversation.ChannelId, now));
            else entry.Requeue(now);
            db.Record(actor, AuditActions.MessageRetried, AuditSubjects.Message, message.Id.ToString(), now, conversation.Id,
                before: failure, after: new { status = message.Status });
            await db.SaveChangesAsync(cancellationToken);
            var view = await db.Messages.AsNoTracking().Where(m => m.Id == messageId).Select(ConversationProjections.Message).FirstAsync(cancellationToken);
            return new Committed<MessageView>(view, [new MessageUpdated(view, conversation.Access, now)]);
        }, cancellationToken);

    private static bool Apply(Message message, DeliveryStatus status, int? errorCode, string? errorTitle, DateTimeOffset at) =>
        status == DeliveryStatus.Failed ? message.Fail(errorCode, errorTitle ?? "WhatsApp could not deliver the message", at) : message.AdvanceStatus(status, at);

    private static async Task<Result<Committed<bool>>> SaveStatusAsync(ShuttleDbContext db, Message message, DeliveryStatus before, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A delivery failure is its own action: QA filters for the replies that never reached the customer.
        if (message.Status != before)
            db.Record(Actor.System, message.Status == DeliveryStatus.Failed ? AuditActions.MessageFailed : AuditActions.MessageStatusChanged,
                AuditSubjects.Message, message.Id.ToString(), now, message.ConversationId,
                before: new { status = before }, after: new { status = message.Status, message.WaMessageId, message.ErrorCode, message.ErrorTitle });
        await db.SaveChangesAsync(cancellationToken);
        if (message.Status == before) return new Committed<bool>(false);
        var view = await db.Messages.AsNoTracking().Where(m => m.Id == message.Id).Select(ConversationProjections.Message).FirstAsync(cancellationToken);
        var summary = (await ConversationQueries.FindSummaryAsync(db, message.ConversationId, cancellationToken))!;
        return new Committed<bool>(true, [new MessageUpdated(view, summary.Access, now)]);
    }
}
