using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace ShuttlePro.Core.Data;

public static class DbErrors
{
    /// <summary>A unique index refused the write (someone else inserted the same natural key first).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };

    /// <summary>
    /// Another writer changed what this unit of work read (a concurrency token moved, or a unique key was
    /// taken meanwhile): read again and decide again.
    /// </summary>
    public static bool IsRetryableConflict(this Exception exception) =>
        exception is DbUpdateConcurrencyException
        || (exception is DbUpdateException update && update.IsUniqueViolation())
        || IsDeadlockVictim(exception);

    /// <summary>SQL Server chose this transaction to break a deadlock (appenders queue on the audit chain head).</summary>
    private static bool IsDeadlockVictim(Exception exception) =>
        (exception as SqlException ?? exception.InnerException as SqlException)?.Number == 1205;
}
