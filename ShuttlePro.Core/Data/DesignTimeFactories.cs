using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShuttlePro.Core.Data;

/// <summary>Used by <c>dotnet ef migrations add … --context SqliteShuttleDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShuttleDbContext>
{
    public SqliteShuttleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShuttleDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString, ShuttleDatabase.ConfigureSqlite)
            .Options);
}

/// <summary>Used by <c>dotnet ef migrations add … --context SqlServerShuttleDbContext</c>; no server is contacted.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerShuttleDbContext>
{
    public SqlServerShuttleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerShuttleDbContext>()
            .UseSqlServer("Server=localhost;Database=ShuttlePro;Trusted_Connection=True;TrustServerCertificate=True",
                ShuttleDatabase.ConfigureSqlServer)
            .Options);
}
