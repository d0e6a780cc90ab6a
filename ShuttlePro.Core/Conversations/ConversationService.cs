using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// Every change to a conversation and its messages. Each operation checks the actor, saves the change with its
/// audit event in one transaction, and publishes live events after the commit.
/// </summary>
public sealed class ConversationService(UnitOfWork unitOfWork, TimeProvider clock, OutboundSignal outbound, IPresenceTracker presence,
    InboundIngestion ingestion)
{
    /// <summary>
    /// Sends a reply. Only the owner replies, and replying to an unowned conversation takes it in the same commit.
    /// Refused with <c>locked</c> while another agent holds the reply lock of an unowned conversation, with
    /// <c>stale</c> (carrying what is new) when messages arrived after <paramref name="lastSeenMessageId"/>, and with
    /// <c>window_closed</c> when the customer last wrote more than 24 hours ago.
    /// </summary>
    public Task<Result<MessageView>> ReplyAsync(Actor actor, Guid conversationId, string? body, Guid? lastSeenMessageId = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(actor, conversationId, lastSeenMessageId, (_, conversation, now) =>
        {
            var message = conversation.Reply(actor, body ?? "", now);
            return Task.FromResult<Result<OutboundDraft>>(new OutboundDraft(message, new { message.Body }));
        }, cancellationToken);

    /// <summary>
    /// Sends an approved template (the only thing allowed once WhatsApp's 24-hour window closed), with its parameters
    /// filled in. Same ownership rules and guards as a free-form reply.
    /// </summary>
    public Task<Result<MessageView>> SendTemplateAsync(Actor actor, Guid conversationId, TemplateReply template, Guid? lastSeenMessageId = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(actor, conversationId, lastSeenMessageId, async (db, conversation, now) =>
        {
            var name = template.Name?.Trim() ?? "";
            var language = string.IsNullOrWhiteSpace(template.Language) ? null : template.Language.Trim();
            var approved = await db.MessageTemplates.AsNoTracking()
                .Where(t => t.ChannelId == conversation.ChannelId && t.Name == name && (language == null || t.Language == language))
                .OrderBy(t => t.Language)
                .FirstOrDefaultAsync(cancellationToken);
            if (approved is null)
                return Problem.Validation($"This number has no approved template \"{name}\"{(language is null ? "" : " in " + language)}.");
            var parameters = (template.Parameters ?? []).Select(p => p?.Trim() ?? "").ToList();
            var message = conversation.ReplyWithTemplate(actor, approved.Name, approved.Language, parameters, approved.Render(parameters), now);
            return new OutboundDraft(message, new { template = approved.Name, approved.Language, parameters });
        }, cancellationToken);

    private sealed record OutboundDraft(Message Message, object AuditDetails);

    /// <summary>
    /// The one path of every outbound message: guards (visibility, stale view, reply lock), then the message, the
    /// ownership it may take, the outbox row and the audit events in one commit; the dispatcher is woken afterwards.
    /// </summary>
    private async Task<Result<MessageView>> SendAsync(Actor actor, Guid conversationId, Guid? lastSeenMessageId,
        Func<ShuttleDbContext, Conversation, DateTimeOffset, Task<Result<OutboundDraft>>> compose, CancellationToken cancellationToken)
    {
        var result = await unitOfWork.RunAsync<MessageView>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            if (lastSeenMessageId is { } seenId && await NewerThanAsync(db, conversationId, seenId, cancellationToken) is { } newer)
            {
                if (newer.Count > 0)
                    return new Problem(ProblemCodes.Stale, $"{newer.Count} new message(s) arrived since you started writing. Read them, then send again.",
                        new Dictionary<string, object?> { ["newMessages"] = newer });
            }
            else if (lastSeenMessageId is not null)
            {
                return Problem.Validation("lastSeenMessageId is not a message of this conversation.");
            }
            if (conversation.OwnerId is null && presence.Get(conversationId).Lock is { } held && held.AgentId != actor.AgentId)
                return new Problem(ProblemCodes.Locked, $"{held.Name} is replying to this conversation right now.",
                    new Dictionary<string, object?> { ["agentId"] = held.AgentId, ["agentName"] = held.Name, ["expiresAt"] = held.ExpiresAt });

            var now = clock.GetUtcNow();
            var wasUnowned = conversation.OwnerId is null;
            var draft = await compose(db, conversation, now);
            if (!draft.Succeeded) return draft.Problem;
            var message = draft.Value.Message;
            db.Messages.Add(message);
            db.Outbox.Add(new OutboxEntry(message.Id, conversation.ChannelId, now));
            if (wasUnowned)
                db.Record(actor, AuditActions.ConversationTaken, AuditSubjects.Conversation, conversation.Id.ToString(), now,
                    conversation.Id, before: new { ownerId = (Guid?)null }, after: new { ownerId = actor.AgentId, ownerName = actor.Name, reason = "replied" });
            await RecordCollisionResolvedAsync(db, actor, conversation.Id, message.Id, now, cancellationToken);
            db.Record(actor, AuditActions.MessageSent, AuditSubjects.Message, message.Id.ToString(), now, conversation.Id,
                after: draft.Value.AuditDetails);
            var answeredTickets = await Tickets.TicketService.RecordFirstResponseAsync(db, actor, conversation.Id, message.Id, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var view = message.ToView(actor.Name);
            var summary = await SummaryAsync(db, conversation.Id, cancellationToken);
            var ownership = wasUnowned ? new OwnershipChange(OwnershipChangeKind.Taken, null, actor.AgentId, actor.AgentId, actor.Name) : null;
            return new Committed<MessageView>(view, [new MessageAdded(view, summary.Access, now), new ConversationUpdated(summary, now, ownership),
                .. await Tickets.TicketService.AnnounceAsync(db, answeredTickets, now, cancellationToken)]);
        }, cancellationToken);
        if (result.Succeeded)
        {
            outbound.Notify();
            await presence.ReleaseLockAsync(actor.AgentId, conversationId);
        }
        else if (result.Problem.Code is ProblemCodes.Stale or ProblemCodes.Locked)
        {
            await RecordCollisionRefusedAsync(actor, conversationId, lastSeenMessageId, result.Problem, cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// A send refused by the collision guards changes nothing, so its audit event has a commit of its own: when the agent
    /// then sends after all, <see cref="RecordCollisionResolvedAsync"/> pairs the send with it.
    /// </summary>
    private Task RecordCollisionRefusedAsync(Actor actor, Guid conversationId, Guid? lastSeenMessageId, Problem refusal,
        CancellationToken cancellationToken) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var details = refusal.Details ?? new Dictionary<string, object?>();
            object after = refusal.Code == ProblemCodes.Stale
                ? new { reason = refusal.Code, lastSeenMessageId, newMessages = (details.GetValueOrDefault("newMessages") as System.Collections.ICollection)?.Count }
                : new { reason = refusal.Code, heldById = details.GetValueOrDefault("agentId"), heldBy = details.GetValueOrDefault("agentName") };
            db.Record(actor, AuditActions.CollisionRefused, AuditSubjects.Conversation, conversationId.ToString(), clock.GetUtcNow(), conversationId,
                after: after);
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    /// <summary>
    /// The agent sends after a collision refusal (read what was new, or waited for the colleague's lock): the refusal they
    /// resolved is recorded with the send, in its transaction.
    /// </summary>
    private static async Task RecordCollisionResolvedAsync(ShuttleDbContext db, Actor actor, Guid conversationId, Guid messageId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var actorId = actor.AgentId;
        var conversationKey = conversationId.ToString();
        var mine = db.AuditEvents.AsNoTracking().Where(a => a.ConversationId == conversationId && a.ActorId == actorId);
        var lastSettled = await mine.Where(a => a.Action == AuditActions.MessageSent || a.Action == AuditActions.CollisionResolved)
            .MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
        var refusal = await mine.Where(a => a.Action == AuditActions.CollisionRefused && a.SubjectId == conversationKey && a.Sequence > lastSettled)
            .OrderByDescending(a => a.Sequence).Select(a => new { a.At, a.After }).FirstOrDefaultAsync(cancellationToken);
        if (refusal is null) return;
        using var refused = System.Text.Json.JsonDocument.Parse(refusal.After ?? "{}");
        db.Record(actor, AuditActions.CollisionResolved, AuditSubjects.Conversation, conversationKey, now, conversationId,
            before: new { refusedAt = refusal.At, refusal = refused.RootElement.Clone() }, after: new { messageId });
    }

    /// <summary>Messages after the one the agent last saw, in order; null when that message is not in the conversation.</summary>
    private static async Task<List<MessageView>?> NewerThanAsync(ShuttleDbContext db, Guid conversationId, Guid seenId, CancellationToken cancellationToken)
    {
        var seen = await db.Messages.AsNoTracking().Where(m => m.Id == seenId && m.ConversationId == conversationId)
            .Select(m => new { m.Position }).FirstOrDefaultAsync(cancellationToken);
        if (seen is null) return null;
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Position > seen.Position)
            .OrderBy(m => m.Position)
            .Select(ConversationProjections.Message)
            .ToListAsync(cancellationToken);
    }

    public Task<Result<ConversationSummary>> ResolveAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(actor, conversationId, AuditActions.ConversationResolved, (c, at) => c.Resolve(actor, at), cancellationToken);

    public Task<Result<ConversationSummary>> ReopenAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(actor, conversationId, AuditActions.ConversationReopened, (c, at) => c.Reopen(actor, at), cancellationToken);

    public Task<Result<ConversationSummary>> MarkPendingAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(actor, conversationId, AuditActions.ConversationPending, (c, at) => c.MarkPending(actor, at), cancellationToken);

    /// <summary>
    /// Stores a customer's message exactly once (the WhatsApp message id is unique), finding or starting the
    /// conversation of that contact on that channel; see <see cref="InboundIngestion"/> (group commit).
    /// </summary>
    public async Task<Result<InboundOutcome>> ReceiveAsync(InboundMessage inbound, CancellationToken cancellationToken = default) =>
        (await ingestion.IngestAsync([inbound], cancellationToken))[0];

    private Task<Result<ConversationSummary>> ChangeStatusAsync(Actor actor, Guid conversationId, string auditAction,
        Func<Conversation, DateTimeOffset, bool> change, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync<ConversationSummary>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var now = clock.GetUtcNow();
            var before = conversation.Status;
            if (!change(conversation, now))
                return new Committed<ConversationSummary>(await SummaryAsync(db, conversation.Id, cancellationToken));

            db.Record(actor, auditAction, AuditSubjects.Conversation, conversation.Id.ToString(), now, conversation.Id,
                before: new { status = before }, after: new { status = conversation.Status });
            await db.SaveChangesAsync(cancellationToken);
            var summary = await SummaryAsync(db, conversation.Id, cancellationToken);
            return new Committed<ConversationSummary>(summary, [new ConversationUpdated(summary, now)]);
        }, cancellationToken);

    private static async Task<ConversationSummary> SummaryAsync(ShuttleDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        await ConversationQueries.FindSummaryAsync(db, conversationId, cancellationToken)
        ?? throw new InvalidOperationException($"Conversation {conversationId} vanished after it was saved.");

    /// <summary>Hands out the next conversation number; the counter row's own concurrency token makes it unique.</summary>
    internal static async Task<int> NextConversationNumberAsync(ShuttleDbContext db, CancellationToken cancellationToken) =>
        checked((int)(await ConversationCounterAsync(db, cancellationToken)).Next());

    /// <summary>The (tracked) counter of conversation numbers, created from the highest number when missing.</summary>
    internal static async Task<Counter> ConversationCounterAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        var counter = await db.Counters.FirstOrDefaultAsync(c => c.Name == Counter.ConversationNumber, cancellationToken);
        if (counter is null)
        {
            var highest = await db.Conversations.MaxAsync(c => (int?)c.Number, cancellationToken) ?? Counter.FirstConversationNumber - 1;
            counter = new Counter(Counter.ConversationNumber, highest);
            db.Counters.Add(counter);
        }
        return counter;
    }
}
