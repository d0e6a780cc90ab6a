using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The audit trail is append-only and hash-chained: any edit, deletion or reordering is found by Verify.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Actor _ayesha = null!;
    private Channel _channel = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        var support = await _app.CreateTeamAsync("Support");
        _channel = await _app.CreateChannelAsync("Zeenat", "1001", support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Khan", Roles.Agent, support);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = await _app.DbAsync();
        return await AuditChain.VerifyAsync(db, _app.Clock.GetUtcNow());
    }

    /// <summary>A few conversations with notes and a handoff: a dozen-odd events of every kind of write path.</summary>
    private async Task<long> SomeHistoryAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            var inbound = await _app.ReceiveAsync(_channel, $"92300555000{i}", $"Order #{i} kahan hai?", "Sadia Ali");
            Assert.True((await _app.Conversations.ReplyAsync(_ayesha, inbound.ConversationId, "Check kar rahe hain")).Succeeded);
            Assert.True((await _app.Get<NoteService>().WriteAsync(_ayesha, inbound.ConversationId, "Courier: TCS, CN 7781")).Succeeded);
        }
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.CountAsync();
    }

    private SqliteConnection OpenFile()
    {
        var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>What someone with the file in hand would do first: drop the append-only triggers.</summary>
    private void Tamper(string sql)
    {
        using var connection = OpenFile();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            DROP TRIGGER "AuditEvents_AppendOnly_NoUpdate"; DROP TRIGGER "AuditEvents_AppendOnly_NoDelete";
            {sql}
            """;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task EveryWritePathExtendsOneVerifiedChain()
    {
        var count = await SomeHistoryAsync();

        var verification = await VerifyAsync();

        Assert.True(verification.Ok, verification.Describe());
        Assert.Equal(count, verification.Checked);
        Assert.Equal(count, verification.VerifiedUpTo);
        await using var db = await _app.DbAsync();
        var events = await db.AuditEvents.OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, (int)count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("", events[0].PreviousHash);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(events, e => Assert.Equal(AuditHash.Compute(new AuditContent(e.PreviousHash, e.Sequence, e.At, e.ActorId, e.ActorName,
            e.Action, e.SubjectType, e.SubjectId, e.ConversationId, e.TeamId, e.Before, e.After)), e.Hash));
        Assert.All(events.Where(e => e.ConversationId is not null), e => Assert.NotNull(e.TeamId));
    }

    [Fact]
    public async Task AnEditedEventIsReportedAtItsSequence()
    {
        await SomeHistoryAsync();

        Tamper("""UPDATE "AuditEvents" SET "ActorName" = 'Someone Else' WHERE "Sequence" = 5;""");

        var verification = await VerifyAsync();
        Assert.False(verification.Ok);
        Assert.Equal(5, verification.BrokenAt);
        Assert.Equal(4, verification.VerifiedUpTo);
    }

    [Fact]
    public async Task AnEditedHashIsCaughtByTheNextLink()
    {
        await SomeHistoryAsync();
        // Recomputing one event's hash after editing it is not enough: the next event still names the old one.
        await using (var db = await _app.DbAsync())
        {
            var e = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Sequence == 6);
            var forged = AuditHash.Compute(new AuditContent(e.PreviousHash, e.Sequence, e.At, e.ActorId, "Someone Else", e.Action, e.SubjectType,
                e.SubjectId, e.ConversationId, e.TeamId, e.Before, e.After));
            Tamper($"""UPDATE "AuditEvents" SET "ActorName" = 'Someone Else', "Hash" = '{forged}' WHERE "Sequence" = 6;""");
        }

        Assert.Equal(7, (await VerifyAsync()).BrokenAt);
    }

    [Fact]
    public async Task ADeletedEventIsReportedWhereTheGapIs()
    {
        await SomeHistoryAsync();

        Tamper("""DELETE FROM "AuditEvents" WHERE "Sequence" = 4;""");

        Assert.Equal(4, (await VerifyAsync()).BrokenAt);
    }

    [Fact]
    public async Task DeletingTheNewestEventsIsCaughtByTheChainHead()
    {
        var count = await SomeHistoryAsync();

        Tamper($"""DELETE FROM "AuditEvents" WHERE "Sequence" >= {count - 1};""");

        var verification = await VerifyAsync();
        Assert.False(verification.Ok);
        Assert.Equal(count - 1, verification.BrokenAt);
    }

    [Fact]
    public async Task AnEventAddedBeyondTheChainHeadIsReported()
    {
        var count = await SomeHistoryAsync();

        Tamper($"""
            CREATE TEMP TABLE "Forged" AS SELECT * FROM "AuditEvents" WHERE "Sequence" = {count};
            UPDATE "Forged" SET "Sequence" = {count + 1}, "ActorName" = 'Someone Else';
            INSERT INTO "AuditEvents" SELECT * FROM "Forged";
            """);

        var verification = await VerifyAsync();
        Assert.False(verification.Ok);
        Assert.Equal(count + 1, verification.BrokenAt);
    }

    [Fact]
    public async Task VerifyingWhileAgentsWorkNeverReportsABreak()
    {
        var inbound = await _app.ReceiveAsync(_channel, "923005550009", "Parcel nahi mila", "Sadia Ali");
        var notes = _app.Get<NoteService>();
        var working = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
                Assert.True((await notes.WriteAsync(_ayesha, inbound.ConversationId, $"Courier follow-up {i}")).Succeeded);
        });

        var verifications = new List<AuditVerification>();
        while (!working.IsCompleted) verifications.Add(await VerifyAsync());
        await working;

        Assert.True(verifications.Count > 1);
        Assert.All(verifications, v => Assert.True(v.Ok, v.Describe()));
    }

    [Fact]
    public async Task ReorderedEventsAreReported()
    {
        await SomeHistoryAsync();

        // Swap two events' places in the sequence.
        Tamper("""
            UPDATE "AuditEvents" SET "Sequence" = -3 WHERE "Sequence" = 3;
            UPDATE "AuditEvents" SET "Sequence" = 3 WHERE "Sequence" = 2;
            UPDATE "AuditEvents" SET "Sequence" = 2 WHERE "Sequence" = -3;
            """);

        Assert.Equal(2, (await VerifyAsync()).BrokenAt);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEvents" SET "ActorName" = 'x' WHERE "Sequence" = 1;""")]
    [InlineData("""DELETE FROM "AuditEvents" WHERE "Sequence" = 1;""")]
    [InlineData("""DELETE FROM "AuditEvents";""")]
    public async Task TheDatabaseRefusesToChangeOrDeleteEvents(string sql)
    {
        var count = await SomeHistoryAsync();

        using var connection = OpenFile();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Contains("append-only", refused.Message);
        var verification = await VerifyAsync();
        Assert.True(verification.Ok);
        Assert.Equal(count, verification.Checked);
    }

    [Fact]
    public async Task TheCodeHasNoPathToChangeAnEvent()
    {
        await SomeHistoryAsync();
        await using var db = await _app.DbAsync();
        var first = await db.AuditEvents.FirstAsync();

        db.AuditEvents.Remove(first);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task ConcurrentWritersNeverForkTheChain()
    {
        var inbound = await _app.ReceiveAsync(_channel, "923005550100", "Refund kab milega?");
        var notes = _app.Get<NoteService>();

        // Notes (units of work) and customer messages (bulk ingestion) at once, from many threads.
        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            if (i % 2 == 0) Assert.True((await notes.WriteAsync(_ayesha, inbound.ConversationId, $"Note {i}")).Succeeded);
            else await _app.ReceiveAsync(_channel, $"9230055502{i:00}", $"Message {i}");
        }));
        await Task.WhenAll(writes);

        var verification = await VerifyAsync();
        Assert.True(verification.Ok, verification.Describe());
        await using var db = await _app.DbAsync();
        Assert.Equal(await db.AuditEvents.CountAsync(), verification.Checked);
        Assert.Equal(await db.AuditEvents.MaxAsync(a => a.Sequence), verification.Checked);
    }

    [Fact]
    public async Task EventsWrittenBeforeTheChainAreSealedOntoItWhenTheDatabaseIsUpgraded()
    {
        // A database from before the chain, with events in it.
        var path = Path.Combine(Path.GetDirectoryName(_app.DatabasePath)!, "upgraded.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:ShuttlePro"] = $"Data Source={path};Pooling=False" };
        await using (var legacy = new ShuttlePro.Core.Data.SqliteShuttleDbContext(new DbContextOptionsBuilder<ShuttlePro.Core.Data.SqliteShuttleDbContext>()
                         .UseSqlite($"Data Source={path};Pooling=False").Options))
        {
            await legacy.GetService<IMigrator>().MigrateAsync("Tickets");
            await legacy.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AuditEvents" ("At", "ActorId", "ActorName", "Action", "SubjectType", "SubjectId", "ConversationId", "Before", "After")
                VALUES (0, NULL, 'ShuttlePro', 'channel.synchronised', 'channel', '1', NULL, NULL, '{{"name":"Zeenat"}}'),
                       (0, NULL, 'ShuttlePro', 'agent.created', 'agent', 'x', NULL, NULL, NULL);
                """);
        }

        await using var upgraded = await TestServices.CreateAsync(settings: settings);

        await using var db = await upgraded.DbAsync();
        var verification = await AuditChain.VerifyAsync(db, upgraded.Clock.GetUtcNow());
        Assert.True(verification.Ok, verification.Describe());
        Assert.True(verification.Checked >= 2);
        Assert.Equal("channel.synchronised", (await db.AuditEvents.OrderBy(a => a.Sequence).FirstAsync()).Action);
    }
}
