using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// Writes down every command a context executes, in order, with its parameters and its transaction. Added to a real
/// context it lets each command through; <see cref="SqlCapture"/> builds on it and sends nothing.
/// </summary>
public class SqlRecorder : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _commands = [];

    /// <summary>The commands so far, in the order they were executed.</summary>
    public List<CapturedCommand> Commands
    {
        get
        {
            lock (_commands) return [.. _commands];
        }
    }

    /// <summary>
    /// The commands of the last transaction that sent <paramref name="text"/> (in a command's SQL or one of its string
    /// parameters), in order.
    /// </summary>
    public List<CapturedCommand> TransactionOf(string text)
    {
        lock (_commands)
        {
            var transaction = _commands.LastOrDefault(c => c.Transaction is not null && c.Sends(text))?.Transaction
                ?? throw new InvalidOperationException($"No command in a transaction contains {text}.");
            return _commands.Where(c => c.Transaction == transaction).ToList();
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    protected void Record(DbCommand command)
    {
        var captured = new CapturedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value is DBNull ? null : p.Value),
            command.Transaction);
        lock (_commands) _commands.Add(captured);
    }
}

/// <summary>One command as it was (or would have been) sent: its text, its parameters (names without '@') and its transaction.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyDictionary<string, object?> Parameters, DbTransaction? Transaction)
{
    public bool InTransaction => Transaction is not null;

    public bool Sends(string text) =>
        Sql.Contains(text, StringComparison.Ordinal) || Parameters.Values.Any(v => v is string s && s.Contains(text, StringComparison.Ordinal));

    /// <summary>Anything but a query: the statements that take write locks.</summary>
    public bool IsWrite => !Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Sql;
}
