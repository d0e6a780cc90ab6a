using Microsoft.EntityFrameworkCore;

namespace ShuttlePro.Core.Data;

/// <summary>
/// SQLite has one writer at a time. When two of our units of work collide there, Microsoft.Data.Sqlite waits by
/// sleeping in steps of about 150 ms, which put a 150 ms tail on replies under load (docs/benchmarks.md). Queuing
/// this process's units of work here instead hands the write lock over as soon as it is free. On SQL Server, which
/// locks rows, the gate is open.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return Released.Instance;
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();

        public void Dispose()
        {
        }
    }
}
