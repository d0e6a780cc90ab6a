using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Audit;

/// <summary>
/// Runs chain verifications one at a time and remembers the last result, so the audit page's badge shows
/// "verified up to #N at …" without walking a million events on every render.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<ShuttleDbContext> dbFactory, TimeProvider clock)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public AuditVerification? Last { get; private set; }

    public async Task<Result<AuditVerification>> VerifyAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!AuditQueries.MayRead(actor)) return Problem.Forbidden("The audit trail is for supervisors, admins and shift leads.");
        return await VerifyAsync(cancellationToken);
    }

    /// <summary>A full verification (also run by the host in the background).</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return Last = await AuditChain.VerifyAsync(db, clock.GetUtcNow(), cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }
}
