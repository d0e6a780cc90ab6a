using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShuttlePro.Core.Data;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Both providers' schemas: SQLite is migrated and in WAL mode; SQL Server's migration script is complete.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public async Task TheSqliteFileIsMigratedAndInWalMode()
    {
        await using var app = await TestServices.CreateAsync();
        await using var db = await app.DbAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void TheIdempotentSqlServerScriptCreatesEveryTableAndIndex()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct().ToList();
        Assert.True(tables.Count >= 15, $"only {tables.Count} tables in the model");
        foreach (var table in tables)
            Assert.Contains($"CREATE TABLE [{table}]", script);
        foreach (var index in db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Select(i => i.GetDatabaseName()))
            Assert.Contains($"[{index}]", script);
        Assert.Contains("[Version] int NOT NULL", script);
        Assert.Contains("WHERE [WaMessageId] IS NOT NULL", script); // one null wamid per pending reply is fine
        Assert.Contains("CREATE TRIGGER [AuditEvents_AppendOnly] ON [AuditEvents] AFTER UPDATE, DELETE", script); // append-only
        Assert.Contains("INSERT INTO [AuditChainHead]", script);

        // The plain script runs each migration as one batch: what needs a batch of its own goes through EXEC.
        var plain = db.GetService<IMigrator>().GenerateScript();
        Assert.DoesNotMatch(@"BEGIN TRANSACTION;\s*CREATE TRIGGER", plain);
        Assert.Contains("EXEC(N'CREATE TRIGGER [AuditEvents_AppendOnly]", plain);
        Assert.Contains("EXEC(N'UPDATE [AuditEvents] SET [ChainSequence] = [Sequence]')", plain);
    }

    [Fact]
    public void BothProvidersHaveTheSameMigrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations lag the model: add a migration");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server migrations lag the model: add a migration");
    }
}
