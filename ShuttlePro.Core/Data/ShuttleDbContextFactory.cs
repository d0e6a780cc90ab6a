using Microsoft.EntityFrameworkCore;

namespace ShuttlePro.Core.Data;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="ShuttleDbContext"/>.</summary>
internal sealed class ShuttleDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ShuttleDbContext>
    where TContext : ShuttleDbContext
{
    public ShuttleDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ShuttleDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
