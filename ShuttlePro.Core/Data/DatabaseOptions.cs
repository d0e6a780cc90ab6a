namespace ShuttlePro.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "ShuttlePro";
    public const string DefaultSqliteConnectionString = "Data Source=shuttlepro.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the app starts. SQLite always does; for SQL Server this is off by
    /// default and migrations are applied with the documented <c>dotnet ef</c> command or script.
    /// </summary>
    public bool MigrateAtStartup { get; set; }
}
