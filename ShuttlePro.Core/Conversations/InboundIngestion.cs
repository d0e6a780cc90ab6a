using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// Stores customers' messages exactly once, with group commit: messages arriving together (a sale-day burst, many
/// webhook deliveries at once) wait in a bounded queue and are written by one writer in batches — one transaction,
/// a handful of queries for the whole batch — and each caller is answered only after its batch committed. The WhatsApp
/// message id is unique in the database, so a duplicate (concurrent or days later) creates nothing new.
/// </summary>
public sealed class InboundIngestion : IAsyncDisposable
{
    /// <summary>At most this many messages share one transaction.</summary>
    public const int MaxBatch = 256;

    private const int QueueCapacity = 10_000;

    private readonly IDbContextFactory<ShuttleDbContext> _dbFactory;
    private readonly SqliteWriteGate _writeGate;
    private readonly ILiveEvents _live;
    private readonly TimeProvider _clock;
    private readonly ILogger<InboundIngestion> _logger;
    private readonly System.Threading.Channels.Channel<Pending> _queue = System.Threading.Channels.Channel.CreateBounded<Pending>(
        new System.Threading.Channels.BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait, // a full queue slows the webhook's answers down; nothing is dropped
    });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _writer;

    public InboundIngestion(IDbContextFactory<ShuttleDbContext> dbFactory, SqliteWriteGate writeGate, ILiveEvents live, TimeProvider clock,
        ILogger<InboundIngestion> logger)
    {
        _dbFactory = dbFactory;
        _writeGate = writeGate;
        _live = live;
        _clock = clock;
        _logger = logger;
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync));
    }

    private sealed record Pending(InboundMessage Inbound, TaskCompletionSource<Result<InboundOutcome>> Done);

    /// <summary>Stores the messages (in order); each result is known once its batch committed.</summary>
    public async Task<IReadOnlyList<Result<InboundOutcome>>> IngestAsync(IReadOnlyList<InboundMessage> messages,
        CancellationToken cancellationToken = default)
    {
        _ = _writer.Value;
        var pending = messages.Select(m => new Pending(m, new TaskCompletionSource<Result<InboundOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously)))
            .ToList();
        foreach (var item in pending) await _queue.Writer.WriteAsync(item, cancellationToken);
        return await Task.WhenAll(pending.Select(p => p.Done.Task));
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var item in batch) item.Done.TrySetCanceled();
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled();
        }
    }

    /// <summary>One batch in one transaction; if that fails, each message on its own, so one bad message fails alone.</summary>
    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await CommitAsync(batch);
        }
        catch (DomainException refused) when (batch.Count == 1)
        {
            batch[0].Done.TrySetResult(refused.Problem);
        }
        catch (Exception batchFailure) when (batch.Count > 1 && batchFailure is not OperationCanceledException)
        {
            _logger.LogWarning(batchFailure, "A batch of {Count} inbound messages failed; storing them one by one", batch.Count);
            foreach (var item in batch) await WriteAsync([item]);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _logger.LogError(failure, "Inbound message {Wamid} could not be stored", batch[0].Inbound.WaMessageId);
            batch[0].Done.TrySetException(failure);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (results, committed) = await StoreAsync(batch);
                // Answered as soon as the batch is durable; the live events follow in commit order. The publication is
                // chained before answering, so a caller that then awaits LiveEventsPublished waits for this batch's events.
                if (committed.Added.Count > 0) _publishing = PublishAfterAsync(_publishing, committed);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                return;
            }
            catch (Exception conflict) when (conflict.IsRetryableConflict() && attempt < UnitOfWork.MaxAttempts)
            {
                // Another instance stored one of these (or numbered a conversation) first: read again, decide again.
            }
        }
    }

    private sealed record CommittedBatch(List<(Message Message, Guid ConversationId)> Added, Dictionary<Guid, OwnershipChange?> Changes,
        DateTimeOffset At);

    // Publishing is chained so events leave in commit order, off the writer's path (the next batch is already being written).
    private volatile Task _publishing = Task.CompletedTask;

    /// <summary>Completes once the live events of every batch committed so far have been published.</summary>
    public Task LiveEventsPublished => _publishing;

    private async Task PublishAfterAsync(Task previous, CommittedBatch batch)
    {
        await previous;
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
            var touched = batch.Changes.Keys.ToList();
            var summaries = await db.Conversations.AsNoTracking().Where(c => EF.Parameter(touched).Contains(c.Id)).Select(ConversationProjections.Summary)
                .ToDictionaryAsync(s => s.Id, CancellationToken.None);
            foreach (var (message, conversationId) in batch.Added)
                await _live.PublishAsync(new MessageAdded(message.ToView(null), summaries[conversationId].Access, batch.At), CancellationToken.None);
            foreach (var id in touched)
                await _live.PublishAsync(new ConversationUpdated(summaries[id], batch.At, batch.Changes[id]), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The messages are stored; screens that missed these events catch up when they next load or resync.
            _logger.LogError(ex, "Live events for {Count} inbound messages could not be published", batch.Added.Count);
        }
    }

    private async Task<(List<Result<InboundOutcome>> Results, CommittedBatch Committed)> StoreAsync(List<Pending> batch)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(_stopping.Token);
        using var gate = await _writeGate.EnterAsync(db, _stopping.Token);
        // The batch writes conversations before it appends its audit events: the chain head is taken first, as a save does.
        await using var transaction = await db.BeginAuditedTransactionAsync(_stopping.Token);
        var now = _clock.GetUtcNow();
        var cancellationToken = _stopping.Token;
        var inbound = batch.Select(p => p.Inbound).ToList();

        // Everything the batch needs, in a few queries. Each list goes as one JSON parameter: SQLite finds named
        // parameters by a linear search, so hundreds of them cost more than the queries (measured with perf).
        var wamids = inbound.Select(m => m.WaMessageId).Distinct().ToList();
        var stored = await db.Messages.AsNoTracking().Where(m => EF.Parameter(wamids).Contains(m.WaMessageId!))
            .Select(m => new { m.WaMessageId, m.Id, m.ConversationId }).ToListAsync(cancellationToken);
        var known = stored.ToDictionary(m => m.WaMessageId!, m => (m.ConversationId, MessageId: m.Id));
        var phoneIds = inbound.Select(m => m.PhoneNumberId).Distinct().ToList();
        var channels = await db.Channels.Where(c => EF.Parameter(phoneIds).Contains(c.PhoneNumberId)).ToDictionaryAsync(c => c.PhoneNumberId, cancellationToken);
        var waIds = inbound.Select(m => Contact.NormalizeWaId(m.WaId)).Distinct().ToList();
        var contacts = await db.Contacts.Where(c => EF.Parameter(waIds).Contains(c.WaId)).ToDictionaryAsync(c => c.WaId, cancellationToken);
        var contactIds = contacts.Values.Select(c => c.Id).ToList();
        var latestIds = await db.Conversations.Where(c => EF.Parameter(contactIds).Contains(c.ContactId))
            .GroupBy(c => new { c.ContactId, c.ChannelId })
            .Select(g => g.OrderByDescending(c => c.LastActivityAt).Select(c => c.Id).First())
            .ToListAsync(cancellationToken);
        // The owner is needed (an absent owner's conversation goes back to the team); participants are not.
        var conversations = (await db.Conversations.Include(c => c.Owner)
                .Where(c => EF.Parameter(latestIds).Contains(c.Id)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.ContactId, c.ChannelId));

        var autoAssigningTeams = (await db.Teams.Where(t => t.AutoAssign).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        var results = new List<Result<InboundOutcome>>(batch.Count);
        var added = new List<(Message Message, Guid ConversationId)>();
        var changes = new Dictionary<Guid, OwnershipChange?>();
        var receivedAudits = new List<AuditEvent>();
        var startedUntracked = new List<Conversation>();
        Counter? counter = null;
        foreach (var message in inbound)
        {
            if (known.TryGetValue(message.WaMessageId, out var duplicate))
            {
                results.Add(new InboundOutcome(duplicate.ConversationId, duplicate.MessageId, Duplicate: true, StartedConversation: false));
                continue;
            }
            if (!channels.TryGetValue(message.PhoneNumberId, out var channel))
            {
                results.Add(Problem.NotFound($"The channel with phone number id {message.PhoneNumberId}"));
                continue;
            }
            {
                var waId = Contact.NormalizeWaId(message.WaId);
                if (!contacts.TryGetValue(waId, out var contact))
                {
                    contact = db.Contacts.Add(new Contact(waId, message.ProfileName)).Entity;
                    contacts[waId] = contact;
                }
                else if (contact.UpdateProfileName(message.ProfileName))
                {
                    db.Record(Actor.System, AuditActions.ContactRenamed, AuditSubjects.Contact, contact.Id.ToString(), now, after: new { contact.Name });
                }

                var started = !conversations.TryGetValue((contact.Id, channel.Id), out var conversation);
                OwnershipChange? change = null;
                if (conversation is null)
                {
                    counter ??= await ConversationService.ConversationCounterAsync(db, cancellationToken);
                    conversation = Conversation.Start(checked((int)counter.Next()), channel, contact, now);
                    // Auto-assignment works on tracked conversations; the others are written with the batch's bulk inserts.
                    if (autoAssigningTeams.Contains(conversation.TeamId)) db.Conversations.Add(conversation);
                    else startedUntracked.Add(conversation);
                    conversations[(contact.Id, channel.Id)] = conversation;
                    receivedAudits.Add(AuditTrail.Create(Actor.System, AuditActions.ConversationStarted, AuditSubjects.Conversation,
                        conversation.Id.ToString(), now, conversation.Id, after: new { conversation.Number, conversation.TeamId, conversation.ChannelId },
                        teamId: conversation.TeamId));
                }
                else if (!changes.ContainsKey(conversation.Id))
                {
                    // A customer writing to an absent owner goes back to the team, not to someone who went home.
                    change = Routing.ReleaseIfOwnerAway(db, conversation, now);
                }

                var received = conversation.ReceiveCustomerMessage(message.WaMessageId, message.Type, message.Body, message.SentAt);
                received.AttachMedia(message.MediaId, message.MimeType, message.FileName);
                receivedAudits.Add(AuditTrail.Create(Actor.System, AuditActions.MessageReceived, AuditSubjects.Message, received.Id.ToString(), now,
                    conversation.Id, after: new { received.WaMessageId, received.Type }, teamId: conversation.TeamId));
                if ((started || change is not null) && autoAssigningTeams.Contains(conversation.TeamId))
                {
                    // Counts of open conversations must include this batch's assignments so far.
                    await db.SaveChangesAsync(cancellationToken);
                    change = await Routing.TryAutoAssignAsync(db, conversation, now, cancellationToken) ?? change;
                }
                changes.TryAdd(conversation.Id, null);
                if (change is not null) changes[conversation.Id] = change;
                known[message.WaMessageId] = (conversation.Id, received.Id);
                added.Add((received, conversation.Id));
                results.Add(new InboundOutcome(conversation.Id, received.Id, Duplicate: false, StartedConversation: started));
            }
        }

        // Contacts and the changed conversations first, then the new conversations, their messages and the audit events
        // as multi-row inserts (each refers to what came before): the bulk of a batch, in the same transaction.
        await db.SaveChangesAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, startedUntracked, cancellationToken);
        await BulkInsert.InsertAsync(db, added.Select(a => a.Message).ToList(), cancellationToken);
        await AuditChain.AppendAsync(db, receivedAudits, cancellationToken);
        await BulkInsert.InsertAsync(db, receivedAudits, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (results, new CommittedBatch(added, changes, now));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated) await _writer.Value;
        await _publishing;
        _stopping.Dispose();
    }
}
