using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Tests.Support;

/// <summary>Which database a context of <see cref="SqlCapture"/> talks to (on paper: nothing is ever sent).</summary>
public enum Provider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// A context whose commands are written down and never sent. It runs on a paper connection (opens, begins and commits
/// without a server) and an EF Core command interceptor suppresses every execution, so SaveChanges, ExecuteUpdate and
/// queries produce exactly the SQL the provider would send — on SQL Server too, which cannot run here. Each reader
/// answers with the next queued result (<see cref="Answer"/>) or, by default, "1 row affected" for each statement that
/// reports it (what SaveChanges reads).
/// </summary>
public sealed class SqlCapture(Provider provider) : SqlRecorder, IDbContextFactory<ShuttleDbContext>
{
    private readonly Queue<DataTable> _answers = new();

    public Provider Provider { get; } = provider;

    /// <summary>A new context configured exactly as the application configures the provider (the same options callbacks).</summary>
    public ShuttleDbContext CreateDbContext() => Provider switch
    {
        Provider.Sqlite => new SqliteShuttleDbContext(new DbContextOptionsBuilder<SqliteShuttleDbContext>()
            .UseSqlite(new PaperConnection(new SqliteConnection("Data Source=never-opened.db")), ShuttleDatabase.ConfigureSqlite)
            .AddInterceptors(this).Options),
        _ => new SqlServerShuttleDbContext(new DbContextOptionsBuilder<SqlServerShuttleDbContext>()
            .UseSqlServer(new PaperConnection(new SqlConnection("Server=never-contacted;Database=ShuttlePro;TrustServerCertificate=True")),
                ShuttleDatabase.ConfigureSqlServer)
            .AddInterceptors(this).Options),
    };

    /// <summary>The identifier as the provider delimits it: <c>[Id]</c> or <c>"Id"</c>.</summary>
    public string Quote(string identifier) => Provider == Provider.SqlServer ? $"[{identifier}]" : $"\"{identifier}\"";

    /// <summary>The next reader answers with no rows at all.</summary>
    public void AnswerNothing() => _answers.Enqueue(new DataTable());

    /// <summary>The next reader answers with these rows (columns in the order the query selects them).</summary>
    public void Answer(params (string Column, Type Type, object? Value)[] row)
    {
        var table = new DataTable();
        foreach (var (column, type, _) in row) table.Columns.Add(column, type);
        table.Rows.Add(row.Select(c => c.Value ?? DBNull.Value).ToArray());
        _answers.Enqueue(table);
    }

    /// <summary>The next reader answers with these entities as rows, each column as the provider stores it (the model's converters applied).</summary>
    public void AnswerRows<T>(params T[] entities) where T : class
    {
        using var db = CreateDbContext();
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().ToList();
        var table = new DataTable();
        foreach (var property in properties)
        {
            var stored = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
            table.Columns.Add(property.Name, Nullable.GetUnderlyingType(stored) ?? stored);
        }
        foreach (var entity in entities)
            table.Rows.Add(properties.Select(p =>
            {
                var value = p.GetGetter().GetClrValue(entity);
                if (value is not null && p.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
                return value ?? DBNull.Value;
            }).ToArray());
        _answers.Enqueue(table);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        InterceptionResult<DbDataReader>.SuppressWithResult(Read(command));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(Read(command)));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return InterceptionResult<int>.SuppressWithResult(1);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return InterceptionResult<object>.SuppressWithResult(1);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    private DbDataReader Read(DbCommand command)
    {
        Record(command);
        if (_answers.TryDequeue(out var answer)) return answer.CreateDataReader();
        // SaveChanges reads one result per statement that reports its rows (SQL Server: OUTPUT 1 or SELECT @@ROWCOUNT; SQLite: RETURNING 1).
        var reported = Regex.Count(command.CommandText, @"OUTPUT 1|SELECT @@ROWCOUNT|RETURNING 1");
        return new DataTableReader(Enumerable.Range(0, Math.Max(reported, 1)).Select(_ =>
        {
            var affected = new DataTable();
            affected.Columns.Add("affected", typeof(int));
            affected.Rows.Add(1);
            return affected;
        }).ToArray());
    }

    /// <summary>Opens, begins and commits on paper; its commands are the provider's own, wrapped to accept a paper transaction.</summary>
    private sealed class PaperConnection(DbConnection provider) : DbConnection
    {
        private ConnectionState _state = ConnectionState.Closed;

        [AllowNull]
        public override string ConnectionString { get => provider.ConnectionString; set => provider.ConnectionString = value; }
        public override string Database => provider.Database;
        public override string DataSource => provider.DataSource;
        public override string ServerVersion => "16.00.1000";
        public override ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Close() => _state = ConnectionState.Closed;
        public override void Open() => _state = ConnectionState.Open;
        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new PaperTransaction(this, isolationLevel);
        protected override DbCommand CreateDbCommand() => new PaperCommand(provider.CreateCommand()) { Connection = this };

        protected override void Dispose(bool disposing)
        {
            if (disposing) provider.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class PaperTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;
        protected override DbConnection DbConnection => connection;

        public override void Commit()
        {
        }

        public override void Rollback()
        {
        }
    }

    private sealed class PaperCommand(DbCommand inner) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => inner.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        // EF's savepoints (SaveChanges inside an open transaction) are sent by the transaction itself, past the interceptor.
        public override int ExecuteNonQuery() => IsSavepoint(CommandText) ? 0 : throw Unsent();
        public override object ExecuteScalar() => throw Unsent();
        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Unsent();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private static bool IsSavepoint(string sql) =>
            sql.StartsWith("SAVEPOINT ", StringComparison.Ordinal) || sql.StartsWith("RELEASE SAVEPOINT ", StringComparison.Ordinal)
            || sql.StartsWith("SAVE TRANSACTION ", StringComparison.Ordinal) || sql.StartsWith("ROLLBACK TO", StringComparison.Ordinal);

        private static InvalidOperationException Unsent() => new("SqlCapture never sends a command: its interceptor should have suppressed this one.");
    }
}
