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
    private const int MaxParameters = 120;
    private const int MaxRows = 1_000;

    /// <summary>A key the database numbers (an audit event's sequence); Guid keys are made by the entities themselves.</summary>
    private static bool IsIdentity(IProperty property) =>
        property.IsKey() && property.ValueGenerated == ValueGenerated.OnAdd && (property.ClrType == typeof(int) || property.ClrType == typeof(long));

    public static async Task InsertAsync<T>(ShuttleDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !IsIdentity(p))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .Where(c => c.Column is not null)
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk inserts run inside the unit of work's transaction.");

        foreach (var chunk in rows.Chunk(Math.Clamp(MaxParameters / columns.Count, 1, MaxRows)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var (property, _, mapping) = columns[c];
                    var name = $"@b{r}_{c}";
                    text.Append(c == 0 ? name : ", " + name);
                    var value = property.GetGetter().GetClrValue(chunk[r]);
                    command.Parameters.Add(mapping.CreateParameter(command, name, value, property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.Append(';').ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
