using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Bench;

/// <summary>
/// Seeded rows written fast: multi-row inserts in one transaction, the audit events chained onto the trail first (as
/// the ingestion does), so the seeded database verifies like a real one.
/// </summary>
static class BenchSeed
{
    public static async Task WriteAsync(ShuttleDbContext db, IReadOnlyList<Contact> contacts, IReadOnlyList<Conversation> conversations,
        IReadOnlyList<Message> messages, IReadOnlyList<AuditEvent> events)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, contacts, CancellationToken.None);
        await BulkInsert.InsertAsync(db, conversations, CancellationToken.None);
        await BulkInsert.InsertAsync(db, messages, CancellationToken.None);
        await AuditChain.AppendAsync(db, events, CancellationToken.None);
        await BulkInsert.InsertAsync(db, events, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
