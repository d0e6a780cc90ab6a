using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ShuttlePro.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type with multi-row INSERT statements in the context's current transaction,
/// using EF Core's own model for table, column names and value conversions (so SQLite and SQL Server are both right).
/// For the ingestion hot path only: SaveChanges sends one INSERT per row (docs/benchmarks.md). The rows are not tracked;
/// columns the database generates (identities) are left to it.
/// </summary>
internal static class BulkInsert
{
    // SQL Server allows 2,100 parameters per command and 1,000 rows per VALUES list; SQLite 32,766 parameters, but it
    // finds each named parameter by a linear search, so binding costs grow with the square of their number (measured
    // with perf: strncmp in sqlite3VListNameToNum took 10 % of the CPU at 2,000 per statement).
    internal const int MaxParameters = 120;
    internal const int MaxRows = 1_000;

    public static async Task InsertAsync<T>(ShuttleDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var plan = new BulkInsertPlan(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."),
            db.GetService<ISqlGenerationHelper>());
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk inserts run inside the unit of work's transaction.");

        foreach (var statement in plan.Statements(rows.Count))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            for (var r = 0; r < statement.Rows; r++)
            {
                var row = rows[statement.FirstRow + r];
                for (var c = 0; c < plan.Columns.Count; c++)
                {
                    var (property, _, mapping) = plan.Columns[c];
                    var value = property.GetGetter().GetClrValue(row);
                    command.Parameters.Add(mapping.CreateParameter(command, BulkInsertPlan.ParameterName(r, c), value, property.IsNullable));
                }
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>One multi-row INSERT: its text, and which of the rows it binds (from <paramref name="FirstRow"/>).</summary>
internal sealed record BulkInsertStatement(string Sql, int FirstRow, int Rows);

/// <summary>
/// The SQL of a bulk insert, built from the model and the provider's SQL helper alone (no connection), so tests check
/// what each provider is sent: the statements, their size, their identifiers.
/// </summary>
internal sealed class BulkInsertPlan
{
    private readonly string _head;

    public BulkInsertPlan(IEntityType entityType, ISqlGenerationHelper sql)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        Columns = entityType.GetProperties()
            .Where(p => !IsIdentity(p))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        _head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", Columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        RowsPerStatement = Math.Clamp(BulkInsert.MaxParameters / Columns.Count, 1, BulkInsert.MaxRows);
    }

    public IReadOnlyList<(IProperty Property, string Column, RelationalTypeMapping Mapping)> Columns { get; }

    public int RowsPerStatement { get; }

    public static string ParameterName(int row, int column) => $"@b{row}_{column}";

    public IEnumerable<BulkInsertStatement> Statements(int rowCount)
    {
        for (var first = 0; first < rowCount; first += RowsPerStatement)
        {
            var rows = Math.Min(RowsPerStatement, rowCount - first);
            var text = new StringBuilder(_head);
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                    text.Append(c == 0 ? "" : ", ").Append(ParameterName(r, c));
                text.Append(')');
            }
            yield return new BulkInsertStatement(text.Append(';').ToString(), first, rows);
        }
    }

    /// <summary>A key the database numbers (an audit event's sequence); Guid keys are made by the entities themselves.</summary>
    private static bool IsIdentity(IProperty property) =>
        property.IsKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(int) || property.ClrType == typeof(long));
}
