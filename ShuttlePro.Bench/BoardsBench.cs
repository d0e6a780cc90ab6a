using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Board;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Queues;

namespace ShuttlePro.Bench;

/// <summary>
/// The shift board at sale-day size: [conversations] open conversations and [agents] more agents on the demo's Support and
/// Ops teams. Measures in Debian's Chromium the first render of /board (and /queue, when the app has that page), the
/// server's CPU per live event with [circuits] pages open, and the server memory one page's circuit holds.
///   dotnet run -c Release --project ShuttlePro.Bench -- boards [conversations=10000] [agents=200] [circuits=20] [events=100]
/// </summary>
internal static class BoardsBench
{
    private const int RenderRuns = 5;
    private const double EventsPerSecond = 2;
    private const string ShiftLead = "sana@shuttlepro.test";
    private const string Supervisor = "imran@shuttlepro.test";

    private static readonly PageRoute[] Routes =
    [
        new("/board", async page =>
        {
            await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=board-column]').length >= 2");
            await page.Locator("[data-testid=board-card]").First.WaitForAsync();
        }),
        new("/queue", page => page.Locator("[data-testid=queue-loaded]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached })),
    ];

    public static async Task RunAsync(string[] args)
    {
        var conversationCount = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var agentCount = args.Length > 1 ? int.Parse(args[1]) : 200;
        var circuits = args.Length > 2 ? int.Parse(args[2]) : 20;
        var eventCount = args.Length > 3 ? int.Parse(args[3]) : 100;

        var open = new CircuitCounter();
        await using var app = new BenchApp(services => services.AddSingleton<CircuitHandler>(open));
        var clock = Stopwatch.StartNew();
        var supervisor = await SeedAsync(app, conversationCount, agentCount);
        await app.Services.GetRequiredService<QueueStatsTracker>().ReconcileAsync();
        Console.WriteLine($"seeded {conversationCount:N0} open conversations and {agentCount} agents in {clock.Elapsed.TotalSeconds:F1} s; " +
                          $"managed heap {BenchMemory.HeapAfterFullGc() / 1048576.0:F1} MB before any page was opened");

        var pageRoutes = typeof(Program).Assembly.GetTypes().SelectMany(t => t.GetCustomAttributes<RouteAttribute>()).Select(r => r.Template).ToHashSet();
        var routes = Routes.Where(r => pageRoutes.Contains(r.Path)).ToArray();
        Console.WriteLine($"pages measured: {string.Join(", ", routes.Select(r => r.Path))}" +
                          (routes.Length < Routes.Length ? $" (not in this build: {string.Join(", ", Routes.Except(routes).Select(r => r.Path))})" : ""));
        await BoardQueryAsync(app);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var browsers = new Browsers(browser, app.BaseAddress);
        var signedIn = new Dictionary<string, string>
        {
            [ShiftLead] = await browsers.SignInAsync(ShiftLead),
            [Supervisor] = await browsers.SignInAsync(Supervisor),
        };
        await open.WaitForAsync(0);

        // 1. First render: a fresh tab of a signed-in browser per run.
        foreach (var route in routes)
            foreach (var (who, state) in signedIn)
            {
                var runs = new List<Opened>();
                for (var run = 0; run < RenderRuns; run++)
                {
                    var opened = await browsers.OpenAsync(state, route);
                    runs.Add(opened);
                    if (run == 0 && route.Path == "/board")
                        Console.WriteLine($"  {who} /board: {await opened.Page.Locator("[data-testid=board-column]").CountAsync()} columns, " +
                                          $"{await opened.Page.Locator("[data-testid=board-card]").CountAsync()} cards, " +
                                          $"{(await opened.Page.ContentAsync()).Length / 1024:N0} KB of HTML");
                    await Browsers.CloseAsync(opened.Page);
                }
                var times = runs.Select(r => r.Elapsed.TotalMilliseconds).ToList();
                Console.WriteLine($"first render {route.Path} as {who}: median {Latency.Median(times):F0} ms, max {times.Max():F0} ms " +
                                  $"(runs: {string.Join(", ", times.Select(t => t.ToString("F0")))} ms); server CPU median " +
                                  $"{Latency.Median(runs.Select(r => r.ServerCpu.TotalMilliseconds).ToList()):F0} ms, " +
                                  $"{Latency.Median(runs.Select(r => (double)r.SocketBytes).ToList()) / 1024:N0} KB over the WebSocket in " +
                                  $"{Latency.Median(runs.Select(r => (double)r.FramesReceived).ToList()):F0} frames, " +
                                  $"{Latency.Median(runs.Select(r => (double)r.FramesSent).ToList()):F0} frames from the browser");
            }
        await open.WaitForAsync(0);
        if (circuits == 0) return; // first render only

        // 2. and 3. Memory per circuit and CPU per live event, with no pages open, then with each page, then mixed.
        var moves = await MovesAsync(app);
        var events = new LiveEventDriver(app, supervisor, moves);
        await events.RunAsync(20); // warm-up: the first assignments compile their code paths
        var heap0 = await BenchMemory.SettledHeapAsync("no pages open");
        var baseline = await events.RunAsync(eventCount);
        Console.WriteLine($"no pages open: {baseline}");

        var users = signedIn.Values.ToArray();
        foreach (var route in routes)
        {
            var pages = new List<IPage>();
            var (opened, heapBefore) = (0, route == routes[0] ? heap0 : await BenchMemory.SettledHeapAsync("before " + route.Path));
            foreach (var k in new[] { circuits / 2, circuits })
            {
                pages.AddRange(await browsers.OpenManyAsync(users, [route], k - pages.Count));
                await open.WaitForAsync(k);
                var heap = BenchMemory.HeapAfterFullGc();
                Console.WriteLine($"{route.Path}: managed heap {heap / 1048576.0:F1} MB with {k} open, {(heap - heap0) / k / 1048576.0:F1} MB per circuit, " +
                                  $"{(heap - heapBefore) / (k - opened) / 1048576.0:F1} MB for each of the last {k - opened}");
                (opened, heapBefore) = (k, heap);
            }
            var cpu = await events.RunAsync(eventCount);
            Console.WriteLine($"{route.Path}, {circuits} open: {cpu}; {cpu.Minus(baseline, circuits)}");
            foreach (var page in pages) await Browsers.CloseAsync(page);
            await open.WaitForAsync(0);
        }
        if (routes.Length > 1)
        {
            var pages = await browsers.OpenManyAsync(users, routes, circuits);
            await open.WaitForAsync(circuits);
            var cpu = await events.RunAsync(eventCount);
            Console.WriteLine($"mixed ({string.Join(" + ", routes.Select(r => r.Path))}), {circuits} open: {cpu}; {cpu.Minus(baseline, circuits)}");
            foreach (var page in pages) await Browsers.CloseAsync(page);
            await open.WaitForAsync(0);
        }
        await BenchMemory.SettledHeapAsync("every page closed again");
    }

    /// <summary>200 agents created as an admin creates them; open conversations bulk-inserted, half assigned, two thirds of those answered.</summary>
    private static async Task<Actor> SeedAsync(BenchApp app, int count, int agentCount)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var demo = await directory.ListAgentsAsync();
        async Task<Actor> ActorAsync(string email) => (await directory.FindActorAsync(demo.Single(a => a.Email == email).Id))!;
        var admin = await ActorAsync("admin@shuttlepro.test");
        var supervisor = await ActorAsync(Supervisor);
        var teams = (await directory.ListTeamsAsync()).Where(t => t.Name is DemoScript.Support or DemoScript.Ops).ToArray();

        await BenchSeed.CreateAgentsAsync(app.Services, admin, agentCount, teams.Select(t => t.Id).ToArray());
        var owners = (await directory.ListAgentsAsync()).Where(a => a.Email.StartsWith("agent", StringComparison.Ordinal))
            .Select(DirectoryService.ToActor).GroupBy(a => a.TeamIds.Single()).ToDictionary(g => g.Key, g => g.ToArray());

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(2_000))
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var channels = await db.Channels.OrderBy(c => c.Id).ToListAsync();
            var teamIds = teams.Select(t => t.Id).ToArray();
            var teamRows = await db.Teams.Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync();
            var batch = new SeedBatch();
            foreach (var n in chunk)
            {
                var at = now.AddSeconds(-random.Next(60, 20 * 3600));
                var conversation = batch.Incoming(3_000_000 + n, n, channels[n % channels.Count], teamRows[random.Next(teamRows.Count)], at,
                    "Mera order kahan hai? Sale wala parcel abhi tak nahi aaya.", "board");
                if (n % 2 == 0)
                {
                    var pool = owners[conversation.TeamId];
                    var owner = pool[random.Next(pool.Length)];
                    at = at.AddSeconds(random.Next(5, 60));
                    batch.Assign(conversation, supervisor, owner, at);
                    if (n % 3 != 0) batch.Reply(conversation, owner, "Ji, check karti hoon, ek minute", at.AddSeconds(random.Next(10, 600)));
                }
            }
            await batch.WriteAsync(db);
        }
        return supervisor;
    }

    /// <summary>The query behind the board, timed on the server alone (no rendering).</summary>
    private static async Task BoardQueryAsync(BenchApp app)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var board = app.Services.GetRequiredService<BoardService>();
        var agents = await directory.ListAgentsAsync();
        foreach (var email in new[] { ShiftLead, Supervisor })
        {
            var actor = (await directory.FindActorAsync(agents.Single(a => a.Email == email).Id))!;
            var times = new List<double>();
            var cards = 0;
            for (var run = 0; run < RenderRuns; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var snapshot = await board.LoadAsync(actor);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cards = snapshot.Value!.Conversations.Count;
            }
            Console.WriteLine($"BoardService.LoadAsync as {email}: {cards:N0} cards, median {Latency.Median(times):F0} ms, max {times.Max():F0} ms");
        }
    }

    /// <summary>Unassigned conversations near the top of the board, each with an agent of its team to assign it to and release it from.</summary>
    internal static async Task<IReadOnlyList<(Guid Conversation, Guid Agent)>> MovesAsync(BenchApp app, Func<string, bool>? agentEmail = null)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        agentEmail ??= email => email.StartsWith("agent", StringComparison.Ordinal);
        var agents = (await directory.ListAgentsAsync()).Where(a => agentEmail(a.Email) && a.Teams.Count > 0).ToArray();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var teamIds = agents.SelectMany(a => a.Teams).Select(t => t.Id).Distinct().ToList();
        var waiting = await db.Conversations.Where(c => c.OwnerId == null && c.Status == ConversationStatus.Open && teamIds.Contains(c.TeamId))
            .OrderByDescending(c => c.LastActivityAt).Select(c => new { c.Id, c.TeamId }).Take(100).ToListAsync();
        return waiting.Select((c, i) =>
        {
            var team = agents.Where(a => a.Teams.Any(t => t.Id == c.TeamId)).ToArray();
            return (c.Id, team[i % team.Length].Id);
        }).ToList();
    }

    /// <summary>Live events through Core: a supervisor assigns a waiting conversation and releases it again, at a steady rate.</summary>
    private sealed class LiveEventDriver(BenchApp app, Actor lead, IReadOnlyList<(Guid Conversation, Guid Agent)> moves)
    {
        private readonly OwnershipService _ownership = app.Services.GetRequiredService<OwnershipService>();

        public async Task<CpuCost> RunAsync(int count)
        {
            // What the process burns doing nothing (timers of open pages, background services), to take off the run.
            var idleFrom = BenchMemory.Cpu();
            await Task.Delay(5_000);
            var idlePerSecond = (BenchMemory.Cpu() - idleFrom).TotalMilliseconds / 5;

            var cpuFrom = BenchMemory.Cpu();
            var bytesFrom = Browsers.AllBytesReceived;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var (conversation, agent) = moves[i / 2 % moves.Count];
                var result = i % 2 == 0 ? await _ownership.AssignAsync(lead, conversation, agent) : await _ownership.ReleaseAsync(lead, conversation);
                if (!result.Succeeded) throw new InvalidOperationException(result.Problem.Message);
                var due = TimeSpan.FromSeconds((i + 1) / EventsPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero) await Task.Delay(due);
            }
            var behind = Stopwatch.GetElapsedTime(started) - TimeSpan.FromSeconds(count / EventsPerSecond);
            // Until every circuit has caught up: the process is back to idle.
            while (true)
            {
                var from = BenchMemory.Cpu();
                await Task.Delay(500);
                if ((BenchMemory.Cpu() - from).TotalMilliseconds <= idlePerSecond / 2 + 20) break;
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = (BenchMemory.Cpu() - cpuFrom).TotalMilliseconds - idlePerSecond * elapsed.TotalSeconds;
            return new CpuCost(count, cpu / count, idlePerSecond, behind, (Browsers.AllBytesReceived - bytesFrom) / (double)count);
        }
    }

    private sealed record CpuCost(int Events, double MillisecondsPerEvent, double IdleMillisecondsPerSecond, TimeSpan Behind, double BytesToPagesPerEvent)
    {
        public string Minus(CpuCost baseline, int pages) =>
            $"{MillisecondsPerEvent - baseline.MillisecondsPerEvent:F2} ms CPU per event more than with no pages, " +
            $"{(MillisecondsPerEvent - baseline.MillisecondsPerEvent) / pages:F3} ms per event per open page";

        public override string ToString() =>
            $"{Events} events at {EventsPerSecond}/s: {MillisecondsPerEvent:F2} ms server CPU per event (idle {IdleMillisecondsPerSecond:F0} ms/s taken off" +
            (Behind > TimeSpan.FromSeconds(1) ? $"; fell {Behind.TotalSeconds:F1} s behind the pace" : "") +
            $"), {BytesToPagesPerEvent / 1024:F1} KB per event to all open pages together";
    }
}
