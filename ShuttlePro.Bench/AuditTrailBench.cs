using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Bench;

/// <summary>
/// The audit trail at a million events: appending through the chain, verifying it, the audit page's queries and a full
/// export. dotnet run -c Release --project ShuttlePro.Bench -- audit [events=1000000]
/// </summary>
internal static class AuditTrailBench
{
    private static readonly string[] Actions =
    [
        AuditActions.MessageReceived, AuditActions.MessageReceived, AuditActions.MessageSent, AuditActions.MessageSent,
        AuditActions.MessageStatusChanged, AuditActions.NoteAdded, AuditActions.ConversationTaken, AuditActions.HandoffCreated,
        AuditActions.ConversationResolved, AuditActions.TicketCreated,
    ];

    public static async Task RunAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        await using var app = new BenchApp();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>();
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var agents = await directory.ListAgentsAsync();
        var supervisor = (await directory.FindActorAsync(agents.Single(a => a.Email == "imran@shuttlepro.test").Id))!;
        var lead = (await directory.FindActorAsync(agents.Single(a => a.Email == "sana@shuttlepro.test").Id))!;
        var actors = agents.Select(a => new Actor(a.Id, a.Name, new HashSet<string>(), new HashSet<int>())).ToArray();
        var teams = lead.TeamIds.ToArray();

        // 50,000 conversations' worth of history, each event about 200 bytes of before/after like the real ones.
        var conversations = Enumerable.Range(0, 50_000).Select(_ => Guid.CreateVersion7()).ToArray();
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow.AddDays(-90);
        var existing = await CountAsync(dbFactory);
        var clock = Stopwatch.StartNew();
        const int batch = 5_000;
        for (var written = 0; written < total; written += batch)
        {
            var events = new List<AuditEvent>(batch);
            for (var i = 0; i < Math.Min(batch, total - written); i++)
            {
                var n = written + i;
                var action = Actions[random.Next(Actions.Length)];
                var conversation = conversations[random.Next(conversations.Length)];
                var actor = action == AuditActions.MessageReceived ? Actor.System : actors[random.Next(actors.Length)];
                object after = action == AuditActions.HandoffCreated
                    ? new { toTeam = "Ops", toTeamId = teams[^1], note = $"Courier check for order #{100000 + n}: rider says address not found, customer wants delivery after 6pm" }
                    : new { ownerId = actor.AgentId, ownerName = actor.Name, order = $"#{100000 + n}", courier = "TCS" };
                events.Add(AuditTrail.Create(actor, action, AuditSubjects.Conversation, conversation.ToString(), start.AddSeconds(n * 7.0), conversation,
                    before: new { status = "Open" }, after: after, teamId: teams[n % teams.Length]));
            }
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AuditChain.AppendAsync(db, events, CancellationToken.None);
            await BulkInsert.InsertAsync(db, events, CancellationToken.None);
            await transaction.CommitAsync();
        }
        Console.WriteLine($"appended {total:N0} events through the chain (batches of {batch:N0}) in {clock.Elapsed.TotalSeconds:F1} s " +
                          $"({total / clock.Elapsed.TotalSeconds:N0}/s); {existing:N0} demo events before them");
        var file = new FileInfo(app.DatabasePath);
        Console.WriteLine($"database file {file.Length / 1024.0 / 1024.0:N0} MB");

        var verifier = app.Services.GetRequiredService<AuditVerifier>();
        for (var run = 1; run <= 3; run++)
        {
            clock.Restart();
            var verification = await verifier.VerifyAsync();
            Console.WriteLine($"verify run {run}: {verification.Describe()}, {verification.Checked:N0} events in {clock.Elapsed.TotalSeconds:F2} s " +
                              $"({verification.Checked / clock.Elapsed.TotalSeconds:N0}/s)");
        }

        var queries = app.Services.GetRequiredService<AuditQueries>();
        var someConversation = conversations[123];
        var someActor = actors[1];
        await TimeAsync("newest page (50), no filter", () => queries.NewestAsync(supervisor, new AuditFilter(), null, 50));
        await TimeAsync("page 10,000 (before=#500,000)", () => queries.NewestAsync(supervisor, new AuditFilter(), 500_000, 50));
        await TimeAsync("one conversation", () => queries.NewestAsync(supervisor, new AuditFilter(ConversationId: someConversation), null, 50));
        await TimeAsync("one actor", () => queries.NewestAsync(supervisor, new AuditFilter(ActorId: someActor.AgentId), null, 50));
        await TimeAsync("action handoff.created", () => queries.NewestAsync(supervisor, new AuditFilter(Action: AuditActions.HandoffCreated), null, 50));
        await TimeAsync("action prefix ticket.", () => queries.NewestAsync(supervisor, new AuditFilter(Action: "ticket."), null, 50));
        await TimeAsync("shift lead (own teams)", () => queries.NewestAsync(lead, new AuditFilter(), null, 50));
        await TimeAsync("last 24 hours", () => queries.NewestAsync(supervisor, new AuditFilter(From: DateTimeOffset.UtcNow.AddDays(-1)), null, 50));
        await TimeAsync("text, common (\"TCS\")", () => queries.NewestAsync(supervisor, new AuditFilter(Text: "TCS"), null, 50));
        await TimeAsync("text, one match near the start (\"#100007\")", () => queries.NewestAsync(supervisor, new AuditFilter(Text: "#100007\""), null, 50));
        await TimeAsync("conversation activity (timeline)", () => queries.ConversationActivityAsync(supervisor, someConversation));

        clock.Restart();
        long rows = 0;
        await foreach (var _ in queries.StreamAsync(supervisor, new AuditFilter())) rows++;
        var read = clock.Elapsed;
        clock.Restart();
        await AuditExport.WriteAsync(TextWriter.Null, AuditExportFormat.Csv, queries.StreamAsync(supervisor, new AuditFilter()));
        Console.WriteLine($"export: {rows:N0} rows streamed in {read.TotalSeconds:F1} s; as CSV in {clock.Elapsed.TotalSeconds:F1} s; " +
                          $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
    }

    private static async Task<long> CountAsync(IDbContextFactory<ShuttleDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AuditEvents.LongCountAsync();
    }

    private static async Task TimeAsync<T>(string name, Func<Task<T>> query)
    {
        await query(); // warm
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await query();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"  {name,-48} median {times[2],8:F1} ms, max {times[^1],8:F1} ms");
    }
}
