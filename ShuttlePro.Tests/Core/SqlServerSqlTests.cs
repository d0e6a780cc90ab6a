using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// The SQL each provider is sent on the paths where the providers differ, captured on paper (<see cref="SqlCapture"/>):
/// SQL Server cannot run here, so these pin what it would receive.
/// </summary>
public sealed class SqlServerSqlTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddHours(-1);

    public static TheoryData<Provider> BothProviders => [Provider.Sqlite, Provider.SqlServer];

    private static readonly Actor Supervisor = new(Guid.NewGuid(), "Imran", new HashSet<string> { Roles.Supervisor }, new HashSet<int>());

    // SQL Server added these after 2016 (level 130): STRING_AGG, TRIM, CONCAT_WS, TRANSLATE (140), GREATEST, LEAST,
    // DATETRUNC, GENERATE_SERIES, JSON_OBJECT, JSON_ARRAY, IS [NOT] DISTINCT FROM (160), the json type (170).
    private static readonly string[] NewerThanSqlServer2016 =
        ["STRING_AGG(", "TRIM(", "CONCAT_WS(", "TRANSLATE(", "GREATEST(", "LEAST(", "DATETRUNC(", "GENERATE_SERIES(", "JSON_OBJECT(",
         "JSON_ARRAY(", "DISTINCT FROM", " json"];

    [Theory, MemberData(nameof(BothProviders))]
    public void BulkInsertsStayWithinSqlServersParameterAndRowLimitsWithTheProvidersDelimiters(Provider provider)
    {
        var sql = new SqlCapture(provider);
        using var db = sql.CreateDbContext();

        foreach (var (type, table) in new[] { (typeof(Message), "Messages"), (typeof(AuditEvent), "AuditEvents"), (typeof(Conversation), "Conversations") })
        {
            var plan = new BulkInsertPlan(db.Model.FindEntityType(type)!, db.GetService<ISqlGenerationHelper>());
            var statements = plan.Statements(2_500).ToList();

            var head = $"INSERT INTO {sql.Quote(table)} ({string.Join(", ", plan.Columns.Select(c => sql.Quote(c.Column)))}) VALUES (@b0_0, @b0_1";
            Assert.All(statements, s => Assert.StartsWith(head, s.Sql));
            Assert.All(statements, s => Assert.EndsWith($"@b{s.Rows - 1}_{plan.Columns.Count - 1});", s.Sql));
            Assert.All(statements, s => Assert.Equal(s.Rows * plan.Columns.Count, Regex.Count(s.Sql, @"@b\d+_\d+")));
            Assert.All(statements, s => Assert.InRange(s.Rows * plan.Columns.Count, 1, 2_100)); // SQL Server's parameter limit
            Assert.All(statements, s => Assert.InRange(s.Rows, 1, 1_000)); // SQL Server's VALUES row limit
            Assert.DoesNotContain(provider == Provider.SqlServer ? "\"" : "[", string.Concat(statements.Select(s => s.Sql)));
            // Every row exactly once, in order.
            Assert.Equal(Enumerable.Range(0, 2_500), statements.SelectMany(s => Enumerable.Range(s.FirstRow, s.Rows)));
            Assert.True(statements.Count > 1, $"{table}: 2,500 rows in one statement");
        }
    }

    [Theory, MemberData(nameof(BothProviders))]
    public void BulkInsertsLeaveOutTheColumnsTheDatabaseNumbers(Provider provider)
    {
        var sql = new SqlCapture(provider);
        using var db = sql.CreateDbContext();
        var helper = db.GetService<ISqlGenerationHelper>();

        // A team's id is an identity column: the database numbers it, an INSERT may not name it (SQL Server refuses).
        var teams = new BulkInsertPlan(db.Model.FindEntityType(typeof(Team))!, helper);
        var insertTeam = teams.Statements(1).Single().Sql;
        Assert.StartsWith($"INSERT INTO {sql.Quote("Teams")} (", insertTeam);
        Assert.Contains(sql.Quote("Name"), insertTeam);
        Assert.DoesNotContain(sql.Quote("Id"), insertTeam);

        // An audit event's sequence is numbered by the chain head, not the database: it is written.
        var events = new BulkInsertPlan(db.Model.FindEntityType(typeof(AuditEvent))!, helper);
        Assert.Equal("Sequence", events.Columns[0].Column);
    }

    [Theory, MemberData(nameof(BothProviders))]
    public async Task SavingAnAuditEventMovesTheChainHeadFirstInTheSameTransaction(Provider provider)
    {
        var sql = new SqlCapture(provider);
        await using var db = sql.CreateDbContext();
        var resolved = ResolveAudited(db);
        sql.Answer(("Id", typeof(int), AuditChainHead.SingletonId), ("LastHash", typeof(string), new string('a', 64)), ("LastSequence", typeof(long), 42L));

        await db.SaveChangesAsync();

        var q = sql.Quote;
        var commands = sql.Commands;
        Assert.All(commands, c => Assert.True(c.InTransaction, $"outside the transaction: {c.Sql}"));
        // 1. The head row is moved in the database (read-modify-write in one statement): this write takes the row's
        //    exclusive lock until commit, so a second appender, on any instance, waits here and then reads our end.
        var claimHead = provider == Provider.SqlServer
            ? "UPDATE [a]\nSET [a].[LastSequence] = [a].[LastSequence] + @p\nFROM [AuditChainHead] AS [a]\nWHERE [a].[Id] = 1"
            : "UPDATE \"AuditChainHead\" AS \"a\"\nSET \"LastSequence\" = \"a\".\"LastSequence\" + @p\nWHERE \"a\".\"Id\" = 1";
        Assert.Equal(claimHead, Normalized(commands[0].Sql));
        Assert.Equal(1L, Convert.ToInt64(commands[0].Parameters["p"]));
        // 2. It is read back, under that lock (no NOLOCK, no READUNCOMMITTED).
        Assert.Matches($@"^SELECT (TOP\(2\) )?{Regex.Escape(q("a"))}\.{Regex.Escape(q("Id"))}.*FROM {Regex.Escape(q("AuditChainHead"))} AS ", Normalized(commands[1].Sql).Replace("\n", " "));
        Assert.DoesNotContain("NOLOCK", string.Concat(commands.Select(c => c.Sql)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("UNCOMMITTED", string.Concat(commands.Select(c => c.Sql)), StringComparison.OrdinalIgnoreCase);
        // 3. The event follows the head it read, and the head points at the event.
        Assert.Equal(42, resolved.Sequence);
        Assert.Equal(new string('a', 64), resolved.PreviousHash);
        Assert.Contains($"SET {(provider == Provider.SqlServer ? "[a]." : "")}{q("LastHash")} = @p", commands[2].Sql);
        Assert.Equal(resolved.Hash, commands[2].Parameters["p"]);
        // 4. Only then the rows themselves. SQL Server refuses OUTPUT on a table with a trigger (the append-only one).
        var insert = Assert.Single(commands, c => c.Sql.Contains($"INSERT INTO {q("AuditEvents")}"));
        Assert.True(commands.IndexOf(insert) > 2);
        Assert.DoesNotMatch(@"INSERT INTO \[AuditEvents\][^;]*OUTPUT", insert.Sql);
        Assert.True(commands.FindIndex(c => c.Sql.Contains($"UPDATE {q("Conversations")}")) > 2);
    }

    [Theory, MemberData(nameof(BothProviders))]
    public async Task AnAuditedTransactionTakesTheChainHeadBeforeAnythingElse(Provider provider)
    {
        var sql = new SqlCapture(provider);
        await using var db = sql.CreateDbContext();
        sql.Answer(("Id", typeof(int), AuditChainHead.SingletonId), ("LastHash", typeof(string), ""), ("LastSequence", typeof(long), 7L));

        await using (var transaction = await db.BeginAuditedTransactionAsync(CancellationToken.None))
        {
            ResolveAudited(db);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var commands = sql.Commands;
        Assert.All(commands, c => Assert.Same(commands[0].Transaction, c.Transaction));
        Assert.NotNull(commands[0].Transaction);
        // The row lock of the head, taken by a write that changes nothing, before the transaction reads or writes any other row.
        Assert.Equal(provider == Provider.SqlServer
            ? "UPDATE [a]\nSET [a].[LastSequence] = [a].[LastSequence]\nFROM [AuditChainHead] AS [a]\nWHERE [a].[Id] = 1"
            : HoldChainHeadOnSqlite, Normalized(commands[0].Sql));
        Assert.Empty(commands[0].Parameters);
        Assert.Contains(commands.Skip(1), c => c.Sql.Contains($"INSERT INTO {sql.Quote("AuditEvents")}"));
    }

    [Theory, MemberData(nameof(BothProviders))]
    public async Task AuditEventsAreRefusedInATransactionThatDidNotTakeTheChainHeadFirst(Provider provider)
    {
        var sql = new SqlCapture(provider);
        await using var db = sql.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        ResolveAudited(db);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("BeginAuditedTransactionAsync", refused.Message);
        Assert.Empty(sql.Commands);
    }

    public static TheoryData<string> ChangesWrittenInSteps =>
        ["a customer message", "a new team", "a new label", "a new agent", "an agent's new roles", "a new WhatsApp number"];

    /// <summary>
    /// On a real SQLite file, every transaction that writes in several steps and appends audit events (bulk ingestion,
    /// two saves for a database-numbered id, Identity's own saves, a new channel then its templates) locks the chain
    /// head first, as a save does: on SQL Server, one that wrote a row first and then waited for the head would deadlock
    /// with ingestion, which holds the head while it reads teams, agents and conversations.
    /// </summary>
    [Theory, MemberData(nameof(ChangesWrittenInSteps))]
    public async Task AChangeWrittenInStepsTakesTheChainHeadBeforeAnythingElse(string change)
    {
        var recorder = new SqlRecorder();
        await using var app = await TestServices.CreateAsync(
            services => services.ConfigureDbContext<SqliteShuttleDbContext>(options => options.AddInterceptors(recorder)),
            new Dictionary<string, string?>
            {
                ["WhatsApp:Channels:0:PhoneNumberId"] = "200000000000009",
                ["WhatsApp:Channels:0:Brand"] = "Khaadi Outlet",
                ["WhatsApp:Channels:0:Templates:0:Name"] = "order_update",
                ["WhatsApp:Channels:0:Templates:0:Body"] = "Hello {{1}}, order {{2}} shipped.",
            });

        var marker = await MakeAsync(app, change);

        var transaction = recorder.TransactionOf(marker);
        Assert.Equal(HoldChainHeadOnSqlite, Normalized(transaction[0].Sql));
        // Then the change and, in the same transaction, its audit events appended (bulk inserts bypass EF's interceptors).
        var writes = transaction.Where(c => c.IsWrite).ToList();
        var appended = writes.FindIndex(c => c.Sql.Contains("SET \"LastSequence\" = \"a\".\"LastSequence\" + @p"));
        Assert.True(appended > 0 && writes.Count >= 3, string.Join("\n---\n", writes));
        await using var db = await app.DbAsync();
        Assert.True((await AuditChain.VerifyAsync(db, app.Clock.GetUtcNow())).Ok);
    }

    /// <summary>Makes the change; answers a value only its transaction sends (in its SQL or as a parameter).</summary>
    private static async Task<string> MakeAsync(TestServices app, string change)
    {
        var admin = new Actor(Guid.NewGuid(), "Admin", new HashSet<string> { Roles.Admin }, new HashSet<int>());
        switch (change)
        {
            case "a customer message":
                var channel = await app.CreateChannelAsync("Zeenat Fashion", "1001", await app.CreateTeamAsync("Support"));
                await app.ReceiveAsync(channel, "923001234567", "Where is my order?"); // the contact and its conversation exist now
                await app.ReceiveAsync(channel, "923001234567", "Any news?");
                return "Any news?";
            case "a new team":
                Succeeded(await app.Get<DirectoryService>().CreateTeamAsync(admin, "Returns desk"));
                return "Returns desk";
            case "a new label":
                Succeeded(await app.Get<ShuttlePro.Core.Workspace.WorkspaceService>().SaveLabelAsync(admin, null, "Refund asked", "#d32f2f"));
                return "Refund asked";
            case "a new agent":
                Succeeded(await app.Get<AgentAdministration>().CreateAsync(admin,
                    new AgentDraft("hina@shuttlepro.test", "Hina", TestServices.TestPassword, [Roles.Agent], [])));
                return "Hina";
            case "an agent's new roles":
                var agent = await app.CreateAgentAsync("Bilal", Roles.Agent);
                Succeeded(await app.Get<AgentAdministration>().UpdateAsync(admin, agent.AgentId, new AgentChanges("Bilal Khan", [Roles.ShiftLead], [])));
                return "Bilal Khan";
            case "a new WhatsApp number":
                await app.Get<ChannelDirectory>().SyncFromSettingsAsync();
                Assert.Single(await app.Get<ChannelDirectory>().ListAsync(), c => c.PhoneNumberId == "200000000000009");
                return "200000000000009";
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        static void Succeeded<T>(ShuttlePro.Core.Common.Result<T> result) => Assert.True(result.Succeeded, result.Problem?.Message);
    }

    private const string HoldChainHeadOnSqlite = "UPDATE \"AuditChainHead\" AS \"a\"\nSET \"LastSequence\" = \"a\".\"LastSequence\"\nWHERE \"a\".\"Id\" = 1";

    [Theory, MemberData(nameof(BothProviders))]
    public async Task AConversationIsUpdatedOnlyAtTheVersionItWasReadAt(Provider provider)
    {
        var sql = new SqlCapture(provider);
        await using var db = sql.CreateDbContext();
        var conversation = AttachedConversation(db);
        conversation.MarkPending(Actor.System, At);

        await db.SaveChangesAsync();

        var update = Assert.Single(sql.Commands);
        var (next, read) = VersionCheck(sql, "Conversations", update.Sql);
        Assert.Equal(1, update.Parameters[read]);
        Assert.Equal(2, update.Parameters[next]);
        Assert.Contains(provider == Provider.SqlServer ? "OUTPUT 1" : "RETURNING 1", update.Sql); // how EF learns that no row matched
    }

    [Theory, MemberData(nameof(BothProviders))]
    public async Task ADispatcherThatLosesTheRaceForAnOutboxRowClaimsNothing(Provider provider)
    {
        var sql = new SqlCapture(provider);
        var due = new OutboxEntry(Guid.NewGuid(), 1, At);
        due.RetryLater("timeout", At); // version 1, due a second later
        var live = new InProcessLiveEvents(Options.Create(new LiveEventsOptions()), TimeProvider.System, NullLogger<InProcessLiveEvents>.Instance);
        var delivery = new DeliveryService(sql, new UnitOfWork(sql, live, new SqliteWriteGate()),
            new ChannelSecrets(new EphemeralDataProtectionProvider()), TimeProvider.System);
        sql.AnswerRows(due); // it is due
        sql.AnswerNothing(); // the claim matches no row: another dispatcher moved its version first
        sql.AnswerNothing(); // read again: nothing due any more

        var claimed = await delivery.ClaimAsync(10, CancellationToken.None);

        Assert.Empty(claimed);
        Assert.Equal(3, sql.Commands.Count);
        var (read, claim, reread) = (sql.Commands[0].Sql, sql.Commands[1], sql.Commands[2].Sql);
        Assert.Equal(read, reread);
        Assert.Contains($"{sql.Quote("ClaimedUntil")} IS NULL OR ", read); // a lease still running keeps the row out
        var (next, seen) = VersionCheck(sql, "Outbox", claim.Sql);
        Assert.Equal(1, claim.Parameters[seen]);
        Assert.Equal(2, claim.Parameters[next]); // the claim moves the version on
        Assert.Contains(sql.Quote("ClaimToken") + " = @p", claim.Sql);
    }

    [Theory, MemberData(nameof(BothProviders))]
    public async Task IdListsTravelAsOneJsonParameter(Provider provider)
    {
        var sql = new SqlCapture(provider);
        var ids = new Guid?[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        sql.AnswerNothing();

        await new AuditQueries(sql).ConversationNumbersAsync(ids);

        var lookup = Assert.Single(sql.Commands);
        Assert.Contains(provider == Provider.SqlServer
            ? "FROM OPENJSON(@ids) WITH ([value] uniqueidentifier '$') AS " // SQL Server 2016's OPENJSON, typed: the index on Id is used
            : "FROM json_each(@ids) AS ", lookup.Sql);
        var parameter = Assert.Single(lookup.Parameters);
        Assert.Equal(ids.Select(id => id!.Value), JsonSerializer.Deserialize<Guid[]>((string)parameter.Value!)!);
    }

    [Fact]
    public async Task NoCommandUsesSqlNewerThanSqlServer2016()
    {
        var sql = new SqlCapture(Provider.SqlServer);
        await using (var db = sql.CreateDbContext())
        {
            ResolveAudited(db, teamKnown: false);
            sql.AnswerNothing(); // the conversation's team, read for the event
            sql.Answer(("Id", typeof(int), 1), ("LastHash", typeof(string), ""), ("LastSequence", typeof(long), 1L));
            await db.SaveChangesAsync();
        }
        sql.AnswerNothing();
        await new ConversationQueries(sql).ListAsync(Supervisor, new ConversationFilter(InboxView.All, ConversationStatus.Open, "Order 1042 Ayesha"));
        sql.AnswerNothing();
        await new AuditQueries(sql).ListAsync(Supervisor, new AuditFilter(Action: "ticket.", Text: "refund"), after: 10, limit: 100);
        sql.AnswerNothing();
        await new AuditQueries(sql).ConversationNumbersAsync([Guid.NewGuid()]);
        await using (var db = sql.CreateDbContext())
        {
            // Verification reads the head, the events up to it, the newest event, and the head again.
            sql.Answer(("Id", typeof(int), 1), ("LastHash", typeof(string), ""), ("LastSequence", typeof(long), 0L));
            sql.AnswerNothing();
            sql.Answer(("Value", typeof(long), 0L));
            sql.Answer(("LastSequence", typeof(long), 0L));
            Assert.True((await AuditChain.VerifyAsync(db, At)).Ok);
        }

        Assert.True(sql.Commands.Count >= 8, string.Join("\n---\n", sql.Commands));
        Assert.Contains(sql.Commands, c => c.Sql.Contains("OPENJSON("));
        foreach (var command in sql.Commands)
        foreach (var newer in NewerThanSqlServer2016)
            Assert.False(command.Sql.Contains(newer, StringComparison.OrdinalIgnoreCase), $"'{newer}' in:\n{command.Sql}");
    }

    [Theory]
    [InlineData(Provider.Sqlite, "NOCASE")]
    [InlineData(Provider.SqlServer, "Latin1_General_100_CI_AS")]
    public async Task SearchComparesUnderACaseInsensitiveCollation(Provider provider, string collation)
    {
        var sql = new SqlCapture(provider);
        sql.AnswerNothing();
        sql.AnswerNothing();

        await new ConversationQueries(sql).ListAsync(Supervisor, new ConversationFilter(InboxView.All, Search: "Ayesha 300"));
        await new AuditQueries(sql).ListAsync(Supervisor, new AuditFilter(Text: "Refund"), after: null, limit: 100);

        var escape = provider == Provider.SqlServer ? "N'\\'" : "'\\'";
        var collatedLike = $@"COLLATE {collation} LIKE @\w+ ESCAPE {Regex.Escape(escape)}";
        Assert.Equal(2, Regex.Count(sql.Commands[0].Sql, collatedLike)); // the contact's name and the messages
        Assert.Equal(5, Regex.Count(sql.Commands[1].Sql, collatedLike)); // actor, subject, action, before and after
        Assert.Contains($"COALESCE({sql.Quote("a")}.{sql.Quote("Before")}, {(provider == Provider.SqlServer ? "N''" : "''")}) COLLATE {collation}",
            sql.Commands[1].Sql);
        // Digits of a phone number are matched as they are.
        Assert.Contains($"{sql.Quote("WaId")} LIKE @", sql.Commands[0].Sql);
        Assert.DoesNotMatch($@"{Regex.Escape(sql.Quote("WaId"))} COLLATE", sql.Commands[0].Sql);
    }

    [Fact]
    public void TheSqlServerMigrationsFilterTheirIndexesInTSql()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript();

        var filters = Regex.Matches(script, @"CREATE (?:UNIQUE )?INDEX \[(\w+)\] ON \[\w+\] \([^)]*\)(?: INCLUDE \([^)]*\))? WHERE ([^;]+);")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var filtered = db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Where(i => i.GetFilter() is not null)
            .Select(i => i.GetDatabaseName()!).ToList();
        Assert.True(filtered.Count >= 8, $"only {filtered.Count} filtered indexes in the model");
        foreach (var index in filtered)
            Assert.True(filters.ContainsKey(index), $"{index} is not created with its filter");
        Assert.All(filters.Values, filter => Assert.Matches(@"^\[\w+\] (IS NOT NULL|= N'\w+')$", filter));

        // Nothing of SQLite leaked in.
        Assert.DoesNotMatch("\"\\w+\"", script);
        foreach (var sqlite in new[] { "AUTOINCREMENT", "PRAGMA", "json_each", " TEXT ", "INTEGER", "sqlite_" })
            Assert.DoesNotContain(sqlite, script, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(130, true)]
    [InlineData(160, true)]
    public async Task StartupRefusesADatabaseBelowCompatibilityLevel130(int level, bool starts)
    {
        var sql = new SqlCapture(Provider.SqlServer);
        await using var db = sql.CreateDbContext();
        sql.Answer(("Value", typeof(int), level));

        var refused = await Record.ExceptionAsync(() => ShuttleDatabase.EnsureSqlServerCompatibilityLevelAsync(db, CancellationToken.None));

        var query = Assert.Single(sql.Commands).Sql;
        Assert.Contains("SELECT CAST([compatibility_level] AS int) AS [Value] FROM [sys].[databases] WHERE [name] = DB_NAME()", query);
        if (starts)
        {
            Assert.Null(refused);
            return;
        }
        var message = Assert.IsType<InvalidOperationException>(refused).Message;
        Assert.Contains($"compatibility level {level}", message);
        Assert.Contains("ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 130", message);
    }

    /// <summary>Resolves a conversation and records it; without <paramref name="teamKnown"/> the chain reads the team itself.</summary>
    private static AuditEvent ResolveAudited(ShuttleDbContext db, bool teamKnown = true)
    {
        var conversation = AttachedConversation(db);
        conversation.Resolve(Actor.System, At);
        return db.Record(Actor.System, AuditActions.ConversationResolved, AuditSubjects.Conversation, conversation.Id.ToString(), At,
            teamKnown ? conversation.Id : Guid.NewGuid(), teamId: teamKnown ? conversation.TeamId : null);
    }

    /// <summary>A conversation as read from the database at version 1 (tracked, unchanged).</summary>
    private static Conversation AttachedConversation(ShuttleDbContext db)
    {
        var team = new Team("Support");
        var channel = new Channel(new Brand("Zeenat Fashion"), "Zeenat WhatsApp", "1001", "+92 300 0000001", team);
        var conversation = Conversation.Start(1042, channel, new Contact("923001234567", "Ayesha"), At);
        db.Attach(conversation);
        return conversation;
    }

    /// <summary>
    /// The UPDATE of <paramref name="table"/> sets a new version only on its row at the version it was read at; answers
    /// the names of the two parameters (new, read).
    /// </summary>
    private static (string Next, string Read) VersionCheck(SqlCapture sql, string table, string update)
    {
        var version = Regex.Escape(sql.Quote("Version"));
        var check = Regex.Match(update,
            $@"UPDATE {Regex.Escape(sql.Quote(table))} SET .*{version} = @(p\d+).*\s+WHERE {Regex.Escape(sql.Quote("Id"))} = @p\d+ AND {version} = @(p\d+)",
            RegexOptions.Singleline);
        Assert.True(check.Success, $"no version check in:\n{update}");
        return (check.Groups[1].Value, check.Groups[2].Value);
    }

    private static string Normalized(string sql) => sql.Replace("\r\n", "\n").Trim();
}
