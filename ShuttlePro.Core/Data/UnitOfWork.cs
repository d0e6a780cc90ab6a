using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Data;

/// <summary>What a unit of work committed, and the live events to publish now that it has.</summary>
public sealed record Committed<T>(T Value, IReadOnlyList<LiveEvent> Events)
{
    public Committed(T value) : this(value, []) { }
}

/// <summary>
/// Runs one state change the same way everywhere: a fresh context, the change and its audit event saved together
/// (SaveChanges is one transaction), live events published only after the commit, and a bounded retry when
/// another writer got there first (the work reads again and decides again, so a rule is never checked on stale data).
/// </summary>
public sealed class UnitOfWork(IDbContextFactory<ShuttleDbContext> dbFactory, ILiveEvents live, SqliteWriteGate writeGate)
{
    public const int MaxAttempts = 5;

    public async Task<Result<T>> RunAsync<T>(Func<ShuttleDbContext, Task<Result<Committed<T>>>> work,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            Result<Committed<T>> outcome;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            using (await writeGate.EnterAsync(db, cancellationToken))
            {
                try
                {
                    outcome = await work(db);
                }
                catch (DomainException refused)
                {
                    return refused.Problem;
                }
                catch (Exception conflict) when (conflict.IsRetryableConflict())
                {
                    if (attempt < MaxAttempts) continue;
                    return new Problem(ProblemCodes.Conflict, "Others changed this at the same moment; please try again.");
                }
            }

            if (!outcome.Succeeded) return outcome.Problem;
            foreach (var liveEvent in outcome.Value.Events)
                await live.PublishAsync(liveEvent, CancellationToken.None);
            return outcome.Value.Value;
        }
    }
}
