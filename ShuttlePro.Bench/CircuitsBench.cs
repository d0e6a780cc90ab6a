using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Bench;

/// <summary>
/// Server memory per live Blazor circuit on the inbox: [pages] Chromium pages on /inbox, signed in as [agents] agents of the
/// Support and Ops teams by turns, each listing its team's [rows] open conversations; the managed heap after a forced,
/// compacting full collection over the settled idle heap, and the process's working set.
///   dotnet run -c Release --project ShuttlePro.Bench -- circuits [pages=50,100,200] [rows=50] [agents=16] [gcdump-folder]
/// The browser is driven from a child process (this program with "circuits-browser"), so that Playwright's .NET client and
/// its objects per page are not in the server's heap.
/// </summary>
internal static class CircuitsBench
{
    private const string Supervisor = "imran@shuttlepro.test";
    private static readonly string[] DemoAgents = ["ayesha@shuttlepro.test", "bilal@shuttlepro.test", "zara@shuttlepro.test", "hamza@shuttlepro.test"];

    public static async Task RunAsync(string[] args)
    {
        var steps = (args.Length > 0 ? args[0] : "50,100,200").Split(',').Select(int.Parse).ToArray();
        var rows = args.Length > 1 ? int.Parse(args[1]) : 50;
        var agentCount = Math.Max(DemoAgents.Length, args.Length > 2 ? int.Parse(args[2]) : 16);
        var dumps = args.Length > 3 ? Path.GetFullPath(args[3]) : null;

        var open = new CircuitCounter();
        // A page left for about:blank usually says goodbye and its circuit goes at once; one that did not is kept for a
        // reconnect (3 minutes by default). 10 s here, so that stragglers of the sign-ins are gone before anything is measured.
        await using var app = new BenchApp(services => services.AddSingleton<CircuitHandler>(open)
            .Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(10)));
        var agents = await SeedAsync(app, rows, agentCount - DemoAgents.Length);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {BenchMemory.AvailableMemory() >> 20:N0} MB available; server GC: " +
                          $"{System.Runtime.GCSettings.IsServerGC}; {agents.Count} agents, every team's inbox {rows} open conversations");

        await using var browser = await BrowserProcess.StartAsync(app.BaseAddress, rows, agents.Select(a => a.Email));
        Console.WriteLine($"browser: {await browser.AskAsync("ready")}");
        await open.WaitForAsync(0);
        // Warm-up: one page per agent opened and closed, so code, caches and pools shared by every circuit exist already.
        Console.WriteLine($"warm-up: {await browser.AskAsync($"open {agents.Count}")}");
        await open.WaitForAsync(agents.Count);
        await browser.AskAsync("close");
        await open.WaitForAsync(0);
        var heap0 = await BenchMemory.SettledHeapAsync("idle after the warm-up pages closed");
        var workingSet0 = BenchMemory.WorkingSet();
        Console.WriteLine($"idle: {Describe(heap0, workingSet0)}; load average {LoadAverage()}");
        if (dumps is not null) await GcDumpAsync(dumps, "idle");

        var (before, beforeHeap) = (0, heap0);
        foreach (var k in steps)
        {
            var started = Stopwatch.GetTimestamp();
            var opened = await browser.AskAsync($"open {k}");
            await open.WaitForAsync(k);
            var heap = BenchMemory.HeapAfterFullGc();
            var workingSet = BenchMemory.WorkingSet();
            Console.WriteLine($"{k} circuits open ({opened}, in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s): {Describe(heap, workingSet)}; " +
                              $"over idle {(heap - heap0) / 1024.0 / k:N0} KB per circuit (working set {(workingSet - workingSet0) / 1024.0 / k:N0} KB), " +
                              $"{(heap - beforeHeap) / 1024.0 / (k - before):N0} KB for each of the last {k - before}; load average {LoadAverage()}");
            (before, beforeHeap) = (k, heap);
        }
        if (dumps is not null) await GcDumpAsync(dumps, $"{before}-circuits");

        // Every page is a live circuit: a change made in Core reaches each of them.
        var changes = await LiveChangeAsync(app, agents);
        var started2 = Stopwatch.GetTimestamp();
        Console.WriteLine($"live change: {await browser.AskAsync("check " + string.Join(' ', changes.Select(c => $"{c.Conversation}={Uri.EscapeDataString(c.Owner)}")))} " +
                          $"within {Stopwatch.GetElapsedTime(started2).TotalMilliseconds:F0} ms; {open.Open} circuits open on the server");

        await browser.AskAsync("close");
        await open.WaitForAsync(0);
        await BenchMemory.SettledHeapAsync("every page closed again");
    }

    private static string Describe(long heap, long workingSet)
    {
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return $"managed heap {BenchMemory.Mb(heap):F1} MB (GC heap {BenchMemory.Mb(info.HeapSizeBytes):F1} MB, fragmented " +
               $"{BenchMemory.Mb(info.FragmentedBytes):F1} MB, committed {BenchMemory.Mb(info.TotalCommittedBytes):F1} MB), working set {BenchMemory.Mb(workingSet):F0} MB";
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>
    /// The demo's four agents and <paramref name="more"/> created ones, on Support and Ops; each team's open conversations
    /// topped up to <paramref name="rows"/>: customers waiting, half of them assigned to an agent, two thirds of those answered.
    /// </summary>
    private static async Task<IReadOnlyList<ShuttlePro.Core.Live.AgentView>> SeedAsync(BenchApp app, int rows, int more)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var all = await directory.ListAgentsAsync();
        async Task<Actor> ActorAsync(string email) => (await directory.FindActorAsync(all.Single(a => a.Email == email).Id))!;
        var teams = (await directory.ListTeamsAsync()).Where(t => t.Name is DemoScript.Support or DemoScript.Ops).ToArray();
        await BenchSeed.CreateAgentsAsync(app.Services, await ActorAsync("admin@shuttlepro.test"), more, teams.Select(t => t.Id).ToArray());
        var supervisor = await ActorAsync(Supervisor);
        var emails = DemoAgents.Concat(Enumerable.Range(0, more).Select(BenchSeed.AgentEmail)).ToHashSet();
        var agents = (await directory.ListAgentsAsync()).Where(a => emails.Contains(a.Email)).OrderBy(a => a.Email).ToList();
        var actors = agents.Select(DirectoryService.ToActor).ToList();

        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var channels = await db.Channels.OrderBy(c => c.Id).ToListAsync();
        var batch = new SeedBatch();
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var n = 0;
        foreach (var team in teams)
        {
            var teamRow = await db.Teams.SingleAsync(t => t.Id == team.Id);
            var owners = actors.Where(a => a.TeamIds.Contains(team.Id)).ToArray();
            var existing = await db.Conversations.CountAsync(c => c.TeamId == team.Id && c.Status == ConversationStatus.Open);
            for (var i = existing; i < rows; i++, n++)
            {
                var at = now.AddSeconds(-random.Next(60, 8 * 3600));
                var conversation = batch.Incoming(4_000_000 + n, n, channels[n % channels.Count], teamRow, at,
                    "Assalam o alaikum, mera order abhi tak nahi aaya. Tracking bhi update nahi ho rahi.", "circuits");
                if (n % 2 != 0) continue;
                var owner = owners[random.Next(owners.Length)];
                batch.Assign(conversation, supervisor, owner, at.AddSeconds(random.Next(5, 60)));
                if (n % 3 != 0) batch.Reply(conversation, owner, "Ji, main check kar ke batati hoon.", at.AddSeconds(random.Next(90, 600)));
            }
        }
        await batch.WriteAsync(db);
        return agents;
    }

    /// <summary>Assigns the newest waiting conversation of each team to one of its agents: a row on every page changes owner.</summary>
    private static async Task<List<(Guid Conversation, string Owner)>> LiveChangeAsync(BenchApp app, IReadOnlyList<ShuttlePro.Core.Live.AgentView> agents)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var supervisor = (await directory.FindActorAsync((await directory.ListAgentsAsync()).Single(a => a.Email == Supervisor).Id))!;
        var moves = await BoardsBench.MovesAsync(app, email => agents.Any(a => a.Email == email));
        var ownership = app.Services.GetRequiredService<OwnershipService>();
        var changes = new List<(Guid, string)>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var ids = moves.Select(m => m.Conversation).ToList();
        var teams = await db.Conversations.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TeamId);
        foreach (var group in moves.GroupBy(m => teams[m.Conversation]))
        {
            var (conversation, agent) = group.First();
            var result = await ownership.AssignAsync(supervisor, conversation, agent);
            if (!result.Succeeded) throw new InvalidOperationException(result.Problem.Message);
            changes.Add((conversation, result.Value.OwnerName!));
        }
        return changes;
    }

    /// <summary>A heap dump of this process by dotnet-gcdump (the repository's tool manifest), and its summary by type.</summary>
    private static async Task GcDumpAsync(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"circuits-{name}.gcdump");
        await RunToolAsync($"dotnet-gcdump collect -p {Environment.ProcessId} -o {file}");
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), await RunToolAsync($"dotnet-gcdump report {file}"));
        Console.WriteLine($"heap dump: {file} (summary by type beside it)");
    }

    private static async Task<string> RunToolAsync(string arguments)
    {
        using var tool = Process.Start(new ProcessStartInfo("dotnet", "tool run " + arguments)
        {
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        })!;
        var output = await tool.StandardOutput.ReadToEndAsync();
        await tool.WaitForExitAsync();
        if (tool.ExitCode != 0) throw new InvalidOperationException($"dotnet tool run {arguments} failed: {output}");
        return output;
    }
}

/// <summary>
/// The browser side of the circuits bench in a process of its own, driven line by line over its standard input and output:
/// "ready" (once every agent has signed in through the login form), "open K" (until K inbox pages are open, each showing its
/// rows), "check id=owner …" (every page shows the new owner on the row it has), "close" (every page), "quit".
/// </summary>
sealed class BrowserProcess : IAsyncDisposable
{
    private const string Command = "circuits-browser";
    private const int OpenInParallel = 4;
    private readonly Process _process;

    private BrowserProcess(Process process) => _process = process;

    public static Task<BrowserProcess> StartAsync(Uri baseAddress, int rows, IEnumerable<string> emails)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(BrowserProcess).Assembly.Location);
        foreach (var arg in new[] { Command, baseAddress.ToString(), rows.ToString() }.Concat(emails)) start.ArgumentList.Add(arg);
        return Task.FromResult(new BrowserProcess(Process.Start(start)!));
    }

    /// <summary>Sends a command (none for "ready") and returns the child's answer; an answer starting with "error" throws.</summary>
    public async Task<string> AskAsync(string command)
    {
        if (command != "ready") await _process.StandardInput.WriteLineAsync(command);
        var answer = await _process.StandardOutput.ReadLineAsync()
                     ?? throw new InvalidOperationException($"the browser process ended during '{command}'");
        if (answer.StartsWith("error", StringComparison.Ordinal)) throw new InvalidOperationException($"{command}: {answer}");
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill(true);
        }
        _process.Dispose();
    }

    /// <summary>The child: circuits-browser baseAddress rows email…</summary>
    public static async Task RunChildAsync(string[] args)
    {
        var (baseAddress, rows, emails) = (new Uri(args[0]), int.Parse(args[1]), args[2..]);
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Browsers.LaunchAsync(playwright);
        var browsers = new Browsers(chromium, baseAddress);
        var states = new List<string>();
        foreach (var email in emails) states.Add(await browsers.SignInAsync(email));
        Console.WriteLine($"{states.Count} agents signed in");

        var inbox = new PageRoute("/inbox", page => page.WaitForFunctionAsync(
            "n => document.querySelectorAll('[data-testid=conversation-row]').length >= n", rows, new() { PollingInterval = 100 }));
        var pages = new List<IPage>();
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            var words = line.Split(' ');
            try
            {
                Console.WriteLine(words[0] switch
                {
                    "open" => await OpenAsync(browsers, inbox, states, pages, int.Parse(words[1])),
                    "check" => await CheckAsync(pages, words[1..]),
                    "close" => await CloseAsync(pages),
                    _ => $"error: unknown command {line}",
                });
            }
            catch (Exception ex)
            {
                Console.WriteLine($"error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }
        await CloseAsync(pages);
    }

    private static async Task<string> OpenAsync(Browsers browsers, PageRoute inbox, List<string> states, List<IPage> pages, int total)
    {
        var times = new List<double>();
        var opened = new IPage[Math.Max(0, total - pages.Count)];
        await Parallel.ForAsync(0, opened.Length, new ParallelOptions { MaxDegreeOfParallelism = OpenInParallel }, async (i, _) =>
        {
            BenchMemory.EnsureAvailable(i);
            var page = await browsers.OpenAsync(states[(pages.Count + i) % states.Count], inbox);
            opened[i] = page.Page;
            lock (times) times.Add(page.Elapsed.TotalMilliseconds);
        });
        pages.AddRange(opened);
        var counts = new List<int>();
        foreach (var page in pages) counts.Add(await page.Locator("[data-testid=conversation-row]").CountAsync());
        return $"{pages.Count} pages showing {counts.Min()}-{counts.Max()} rows" +
               (times.Count > 0 ? $", the last {times.Count} shown after {Latency.Median(times):F0} ms median, {times.Max():F0} ms max" : "") +
               $"; {BenchMemory.AvailableMemory() >> 20:N0} MB of memory available";
    }

    private static async Task<string> CheckAsync(List<IPage> pages, string[] changes)
    {
        var expected = changes.Select(c => c.Split('=', 2)).Select(c => (Id: c[0], Owner: Uri.UnescapeDataString(c[1]))).ToArray();
        var live = 0;
        foreach (var page in pages)
            foreach (var (id, owner) in expected)
            {
                var row = page.Locator($"[data-conversation-id='{id}'] [data-testid=row-owner]");
                if (await row.CountAsync() == 0) continue;
                await Assertions.Expect(row).ToContainTextAsync(owner, new() { Timeout = 30_000 });
                live++;
                break;
            }
        return $"{live} of {pages.Count} pages show the new owner";
    }

    private static async Task<string> CloseAsync(List<IPage> pages)
    {
        foreach (var page in pages) await Browsers.CloseAsync(page);
        var closed = pages.Count;
        pages.Clear();
        return $"{closed} pages closed";
    }
}
