using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Audit;

/// <summary>The outcome of walking the chain: <paramref name="BrokenAt"/> is the first sequence that does not verify.</summary>
public sealed record AuditVerification(bool Ok, long Checked, long? BrokenAt, long VerifiedUpTo, DateTimeOffset At)
{
    public string Describe() => Ok
        ? $"Verified up to #{VerifiedUpTo}"
        : $"Broken at #{BrokenAt}";
}

/// <summary>
/// Appends events to the hash chain and verifies it. Appending happens inside the unit of work's transaction
/// (<see cref="ShuttleDbContext"/> seals pending events as it saves; bulk ingestion calls <see cref="AppendAsync"/>).
/// </summary>
public static class AuditChain
{
    /// <summary>
    /// Numbers and hashes <paramref name="events"/> as the next links of the chain. The first statement moves the
    /// chain head, which takes its write lock until the transaction ends: appenders queue there, one after the other.
    /// </summary>
    public static async Task AppendAsync(ShuttleDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit events are appended inside the transaction of the change they record.");
        if (!db.TakesChainHeadFirst)
            throw new InvalidOperationException(
                "Audit events are appended in a transaction that took the chain head first: begin it with ShuttleDbContext.BeginAuditedTransactionAsync.");
        await AssignTeamsAsync(db, events, cancellationToken);

        var count = events.Count;
        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence + count), cancellationToken);
        var head = await heads.AsNoTracking().SingleAsync(cancellationToken);

        var sequence = head.LastSequence - count;
        var previous = head.LastHash;
        foreach (var auditEvent in events)
        {
            auditEvent.Seal(++sequence, previous);
            previous = auditEvent.Hash;
        }
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, previous), cancellationToken);
    }

    /// <summary>
    /// Takes the chain head's lock now, before the transaction writes anything else (<see cref="ShuttleDbContext.BeginAuditedTransactionAsync"/>).
    /// A save with audit events locks the head first (it appends before it writes its rows); a transaction that wrote a
    /// row (a conversation, a new team, an agent) and then appended would hold that row while waiting for the head, and
    /// on SQL Server, which locks rows (readers too, under READ COMMITTED), deadlock with a transaction holding the head
    /// and reading or writing that row — ingestion reads teams, agents and conversations after it took the head. Head
    /// first everywhere: appenders only queue. (SQLite's transactions take the whole database's write lock when they
    /// begin; this changes nothing there.)
    /// </summary>
    internal static Task HoldHeadAsync(ShuttleDbContext db, CancellationToken cancellationToken) =>
        db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), cancellationToken);

    /// <summary>Events about a conversation belong to its team (for the team filter and shift leads' view).</summary>
    private static async Task AssignTeamsAsync(ShuttleDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var missing = events.Where(e => e.TeamId is null && e.ConversationId is not null).ToList();
        if (missing.Count == 0) return;
        var teams = db.ChangeTracker.Entries<Conversation>().ToDictionary(c => c.Entity.Id, c => c.Entity.TeamId);
        var unknown = missing.Select(e => e.ConversationId!.Value).Where(id => !teams.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var row in await db.Conversations.AsNoTracking().Where(c => EF.Parameter(unknown).Contains(c.Id))
                         .Select(c => new { c.Id, c.TeamId }).ToListAsync(cancellationToken))
                teams[row.Id] = row.TeamId;
        }
        foreach (var auditEvent in missing)
            if (teams.TryGetValue(auditEvent.ConversationId!.Value, out var teamId)) auditEvent.AssignTeam(teamId);
    }

    /// <summary>
    /// Walks the whole chain in order: every event must follow the one before it (sequence + 1, previous hash), its
    /// hash must match its content, and the chain head must point at the last event (so deleting from the end shows).
    /// The head is read first and the walk stops there: the head and the events it counts commit together, so everything
    /// up to it is visible, while appends that commit during the walk are left for the next verification rather than
    /// reported as a head that moved. An event beyond the head that no append accounts for is reported too.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(ShuttleDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        var upTo = head.LastSequence;
        var rows = db.AuditEvents.AsNoTracking().Where(a => a.Sequence <= upTo).OrderBy(a => a.Sequence).Select(a => new
        {
            Content = new AuditContent(a.PreviousHash, a.Sequence, a.At, a.ActorId, a.ActorName, a.Action, a.SubjectType, a.SubjectId,
                a.ConversationId, a.TeamId, a.Before, a.After),
            a.Hash,
        });

        long expected = 1, verifiedUpTo = 0, checkedCount = 0;
        var previousHash = "";
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            checkedCount++;
            var sequence = row.Content.Sequence;
            if (sequence != expected) return Broken(Math.Min(sequence, expected));
            if (row.Content.PreviousHash != previousHash || !AuditHash.Matches(row.Content, row.Hash)) return Broken(sequence);
            previousHash = row.Hash;
            verifiedUpTo = sequence;
            expected = sequence + 1;
        }

        if (verifiedUpTo != upTo) return Broken(verifiedUpTo + 1);
        if (head.LastHash != previousHash) return Broken(verifiedUpTo);
        // Newest event first, head second: any event committed by then is counted by the head read after it.
        var newest = await db.AuditEvents.MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
        var headNow = await db.AuditChainHeads.AsNoTracking().Select(h => h.LastSequence).SingleAsync(cancellationToken);
        if (newest > headNow) return Broken(headNow + 1);
        return new AuditVerification(true, checkedCount, null, verifiedUpTo, now);

        AuditVerification Broken(long at) => new(false, checkedCount, at, verifiedUpTo, now);
    }

    /// <summary>
    /// Seals events written before the chain existed (an upgraded database), in their order, onto the chain. Runs at
    /// start-up right after the migrations, before anything appends; the append-only triggers allow exactly this
    /// one update of an unsealed event.
    /// </summary>
    public static async Task<int> SealLegacyEventsAsync(ShuttleDbContext db, CancellationToken cancellationToken = default)
    {
        var first = await db.AuditEvents.Where(a => a.Hash == "").OrderBy(a => a.Sequence).Select(a => (long?)a.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        if (first is null) return 0;

        await using var transaction = await db.BeginAuditedTransactionAsync(cancellationToken);
        var previous = await db.AuditEvents.Where(a => a.Sequence < first).OrderByDescending(a => a.Sequence).Select(a => a.Hash)
            .FirstOrDefaultAsync(cancellationToken) ?? "";
        var legacy = await db.AuditEvents.AsNoTracking().Where(a => a.Sequence >= first).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        foreach (var auditEvent in legacy)
        {
            auditEvent.Seal(auditEvent.Sequence, previous);
            previous = auditEvent.Hash;
            await db.AuditEvents.Where(a => a.Sequence == auditEvent.Sequence).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.PreviousHash, auditEvent.PreviousHash)
                .SetProperty(a => a.Hash, auditEvent.Hash), cancellationToken);
        }
        var last = legacy[^1].Sequence;
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.LastSequence, last)
            .SetProperty(h => h.LastHash, previous), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return legacy.Count;
    }
}
