using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShuttlePro.Core.Data;

public static class ShuttleDatabase
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{ShuttleDbContext}"/> for the provider named by <c>Database:Provider</c>,
    /// with the connection string <c>ConnectionStrings:ShuttlePro</c>.
    /// </summary>
    public static IServiceCollection AddShuttleDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));

        // Both providers are registered; the configured one is chosen when the factory is first resolved, so
        // settings added late (tests, environment) still decide.
        services.AddDbContextFactory<SqliteShuttleDbContext>((sp, db) =>
            db.UseSqlite(ConnectionString(sp, DatabaseProvider.Sqlite), ConfigureSqlite));
        services.AddDbContextFactory<SqlServerShuttleDbContext>((sp, db) =>
            db.UseSqlServer(ConnectionString(sp, DatabaseProvider.SqlServer), ConfigureSqlServer));
        services.AddSingleton<IDbContextFactory<ShuttleDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Sqlite => new ShuttleDbContextFactory<SqliteShuttleDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqliteShuttleDbContext>>()),
                DatabaseProvider.SqlServer => new ShuttleDbContextFactory<SqlServerShuttleDbContext>(
                    sp.GetRequiredService<IDbContextFactory<SqlServerShuttleDbContext>>()),
                var unknown => throw new InvalidOperationException($"Unknown Database:Provider '{unknown}'. Use Sqlite or SqlServer."),
            });

        // ASP.NET Core Identity's stores want a scoped context; it is created per request scope, never per circuit.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ShuttleDbContext>>().CreateDbContext());
        return services;
    }

    private static string ConnectionString(IServiceProvider services, DatabaseProvider provider)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString)) return connectionString;
        return provider == DatabaseProvider.Sqlite
            ? DatabaseOptions.DefaultSqliteConnectionString
            : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:ShuttlePro is not set.");
    }

    internal static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsHistoryTable("__EFMigrationsHistory").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    /// <summary>
    /// The SQL Server compatibility level EF Core writes SQL for: 130 (SQL Server 2016) is the lowest with OPENJSON, which
    /// the id-list lookups (<c>EF.Parameter(ids).Contains(…)</c>) need (and the migrations' Down, <c>DROP … IF EXISTS</c>). Said
    /// explicitly so that EF's default (a newer level) cannot emit newer functions than the database understands;
    /// the database itself must be at this level or above (checked at start).
    /// </summary>
    public const int SqlServerCompatibilityLevel = 130;

    // No EnableRetryOnFailure: SQL Server's retrying strategy refuses user transactions (SaveChanges opens one to chain
    // audit events) unless every unit of work runs inside strategy.ExecuteAsync. Conflicts are retried by UnitOfWork.
    internal static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.MigrationsHistoryTable("__EFMigrationsHistory").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
            .UseCompatibilityLevel(SqlServerCompatibilityLevel);

    /// <summary>
    /// Brings the schema up to date: SQLite always (and switches the file to WAL so readers never wait for the
    /// writer); SQL Server only when <c>Database:MigrateAtStartup</c> is true.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShuttleDatabase));
        await using var db = await services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            EnsureSqliteDirectoryExists(db.Database.GetConnectionString());
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            logger.LogInformation("SQLite database ready at {DataSource} (WAL)", db.Database.GetDbConnection().DataSource);
        }
        else if (options.MigrateAtStartup)
        {
            // Checked after migrating: MigrateAsync may create the database (at the server's own, newer level), and the
            // migrations themselves need nothing of level 130.
            await db.Database.MigrateAsync(cancellationToken);
            await EnsureSqlServerCompatibilityLevelAsync(db, cancellationToken);
            logger.LogInformation("SQL Server database migrated at startup");
        }
        else
        {
            await EnsureSqlServerCompatibilityLevelAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
                throw new InvalidOperationException(
                    $"The SQL Server database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}). " +
                    "Apply them (README: Using SQL Server) or set Database:MigrateAtStartup=true.");
        }

        var sealedCount = await Audit.AuditChain.SealLegacyEventsAsync(db, cancellationToken);
        if (sealedCount > 0) logger.LogInformation("Sealed {Count} audit events from before the hash chain onto it", sealedCount);
    }

    /// <summary>Refuses to start on a SQL Server database below <see cref="SqlServerCompatibilityLevel"/>, where OPENJSON fails.</summary>
    internal static async Task EnsureSqlServerCompatibilityLevelAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        var level = await db.Database
            .SqlQueryRaw<int>("SELECT CAST([compatibility_level] AS int) AS [Value] FROM [sys].[databases] WHERE [name] = DB_NAME()")
            .SingleAsync(cancellationToken);
        if (level < SqlServerCompatibilityLevel)
            throw new InvalidOperationException(
                $"The SQL Server database is at compatibility level {level}; ShuttlePro needs {SqlServerCompatibilityLevel} or above " +
                $"(ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = {SqlServerCompatibilityLevel}).");
    }

    private static void EnsureSqliteDirectoryExists(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory)) System.IO.Directory.CreateDirectory(directory);
    }
}
