using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Bench;

/// <summary>
/// Live fan-out to N hub clients (issue 9): real ownership changes through Core at a steady rate, each a
/// <c>conversation.updated</c> to every client; latency from the event's <c>at</c> (taken in the write transaction, before
/// the commit) and from the publish (after the commit) to receipt at each client. In the same run, a bare SignalR hub on
/// loopback broadcasting a timestamped message of the same size to the same number of clients: the floor.
/// The clients are agents (Ayesha, watching Support's conversations move between Bilal and Zara) or the supervisor (every
/// conversation; supervisors also get the queue board's figures, up to twice a second).
///   dotnet run -c Release --project ShuttlePro.Bench -- hubfanout [clients=100,1000,2000] [rates=20,200] [seconds=15] [agent|supervisor] [inproc|outproc]
/// </summary>
internal static class HubFanOut
{
    private const string Supervisor = "imran@shuttlepro.test";
    private const string Agent = "ayesha@shuttlepro.test";
    private static readonly string[] AgentsColleagues = ["bilal@shuttlepro.test", "zara@shuttlepro.test"];

    public static async Task RunAsync(string[] args)
    {
        var clientCounts = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [100, 1_000, 2_000];
        var rates = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [20, 200];
        var seconds = args.Length > 2 ? int.Parse(args[2]) : 15;
        var asSupervisor = args.Length > 3 && args[3] == "supervisor";
        var outOfProcess = args.Length > 4 && args[4] == "outproc";
        var watcher = asSupervisor ? Supervisor : Agent;

        var published = new PublishTimes();
        await using var app = new BenchApp(services => services.AddSingleton<ILiveEvents>(sp =>
            new TimedLiveEvents(sp.GetRequiredService<InProcessLiveEvents>(), published)));
        await using var echo = await EchoServer.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await BenchHub.TokenAsync(http, watcher);
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var supervisor = (await directory.FindActorAsync((await directory.ListAgentsAsync()).Single(a => a.Email == Supervisor).Id))!;
        var moves = (await BoardsBench.MovesAsync(app, email => asSupervisor ? email != Supervisor : AgentsColleagues.Contains(email))).Take(50).ToArray();
        published.Watch(moves.Select(m => m.Conversation));
        var ownership = app.Services.GetRequiredService<OwnershipService>();
        var assigned = new bool[moves.Length];
        Console.WriteLine($"{Environment.ProcessorCount} cores; {moves.Length} demo conversations assigned and released in turn by {Supervisor}; every client is {watcher}");

        var results = new List<string>();
        var eventBytes = 600;
        foreach (var n in clientCounts)
        {
            // ShuttlePro: N connections to /hubs/inbox as the watcher, who sees every conversation moved.
            await using (var clients = HubClients.Create(outOfProcess))
            {
                var connectTime = await clients.ConnectAsync(new Uri(app.BaseAddress, "/hubs/inbox"), token, n);
                Console.WriteLine($"{n} ShuttlePro hub clients connected {clients.Where} in {connectTime.TotalSeconds:F1} s");
                foreach (var rate in rates)
                {
                    published.Clear();
                    await clients.ClearAsync();
                    var run = await Paced.RunAsync(rate, seconds, moves.Length, async i =>
                    {
                        var (conversation, agent) = moves[i % moves.Length];
                        // Each conversation's own lane flips it (runs end with some assigned, so the state carries over).
                        var assign = assigned[i % moves.Length] = !assigned[i % moves.Length];
                        var result = assign
                            ? await ownership.AssignAsync(supervisor, conversation, agent)
                            : await ownership.ReleaseAsync(supervisor, conversation);
                        if (!result.Succeeded) throw new InvalidOperationException(result.Problem.Message);
                    }, () => clients.Count, () => (long)published.Count * n);
                    var receipts = await clients.ReceiptsAsync();
                    var fromAt = new List<double>();
                    var fromPublish = new List<double>();
                    foreach (var (at, receipt, conversation) in receipts.Items)
                    {
                        fromAt.Add(TimeSpan.FromTicks(receipt - at).TotalMilliseconds);
                        if (published.TryGet(conversation, at, out var publishedAt)) fromPublish.Add(TimeSpan.FromTicks(receipt - publishedAt).TotalMilliseconds);
                    }
                    if (receipts.EventBytes > 0) eventBytes = receipts.EventBytes;
                    var line = Report("ShuttlePro", n, rate, run, published.Count, receipts.PerClient, fromAt);
                    Console.WriteLine(line);
                    Console.WriteLine($"  from publish (after the commit): {Latency.Describe(fromPublish)}; commit share (at → publish): " +
                                      Latency.Describe(published.CommitMilliseconds));
                    results.Add(line);
                }
            }

            // The floor: the same N clients on a bare hub, a message of the same size broadcast with Clients.All.
            await using (var clients = HubClients.Create(outOfProcess))
            {
                var connectTime = await clients.ConnectAsync(echo.HubUrl, null, n);
                Console.WriteLine($"{n} echo clients connected {clients.Where} in {connectTime.TotalSeconds:F1} s");
                var filler = new string('x', Math.Max(0, eventBytes - 60));
                foreach (var rate in rates)
                {
                    await clients.ClearAsync();
                    var sent = 0;
                    var run = await Paced.RunAsync(rate, seconds, 1, async _ =>
                    {
                        Interlocked.Increment(ref sent);
                        await echo.Hub.Clients.All.SendAsync("event", new { type = "echo", at = DateTimeOffset.UtcNow, data = filler });
                    }, () => clients.Count, () => (long)Volatile.Read(ref sent) * n);
                    var receipts = await clients.ReceiptsAsync();
                    var latencies = receipts.Items.Select(x => TimeSpan.FromTicks(x.Receipt - x.At).TotalMilliseconds).ToList();
                    var line = Report("echo floor", n, rate, run, sent, receipts.PerClient, latencies);
                    Console.WriteLine(line);
                    results.Add(line);
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine($"event size ~{eventBytes} bytes of JSON; clients {(outOfProcess ? "in a child process" : "in the bench's process")}; summary:");
        foreach (var line in results) Console.WriteLine(line);
    }

    /// <summary>One line: the percentiles, the events and the rate achieved, and how many each client missed.</summary>
    internal static string Report(string what, int n, int rate, PacedRun run, int events, IEnumerable<int> receivedPerClient, List<double> latencies)
    {
        var (missedMean, missedWorst) = Missed(events, receivedPerClient);
        var sorted = latencies.Order().ToArray();
        var percentiles = sorted.Length == 0 ? "no deliveries"
            : $"p50 {Latency.Percentile(sorted, 0.50):F1} p95 {Latency.Percentile(sorted, 0.95):F1} p99 {Latency.Percentile(sorted, 0.99):F1} max {sorted[^1]:F1} ms";
        return $"{what,-10} N={n,5} rate={rate,3}/s: {percentiles}; {events} events at {run.AchievedRate:F1}/s achieved, " +
               $"{latencies.Count:N0} deliveries, missed mean {missedMean:P2} worst {missedWorst:P2}; " +
               $"drained {run.Drain.TotalSeconds:F1} s after the last; {run.Machine}";
    }

    /// <summary>The share of the events the clients missed: on average, and the client that missed most.</summary>
    internal static (double Mean, double Worst) Missed(int events, IEnumerable<int> receivedPerClient)
    {
        var missed = receivedPerClient.Select(received => events == 0 ? 0 : 1 - Math.Min(received, events) / (double)events).DefaultIfEmpty().ToArray();
        return (missed.Average(), missed.Max());
    }

    /// <summary>When each watched conversation's update was published (after its commit), by (conversation, at).</summary>
    private sealed class PublishTimes
    {
        private readonly ConcurrentDictionary<(Guid, long), long> _times = new();
        private HashSet<Guid> _watched = [];

        public int Count => _times.Count;

        public IEnumerable<double> CommitMilliseconds => _times.Select(t => TimeSpan.FromTicks(t.Value - t.Key.Item2).TotalMilliseconds);

        public void Watch(IEnumerable<Guid> conversations) => _watched = conversations.ToHashSet();

        public void Clear() => _times.Clear();

        public void Record(LiveEvent liveEvent)
        {
            if (liveEvent is ConversationUpdated e && _watched.Contains(e.ConversationId))
                _times[(e.ConversationId, e.At.UtcTicks)] = DateTimeOffset.UtcNow.UtcTicks;
        }

        public bool TryGet(Guid conversation, long at, out long publishedAt) => _times.TryGetValue((conversation, at), out publishedAt);
    }

    /// <summary>The app's bus, noting when each event is published.</summary>
    private sealed class TimedLiveEvents(ILiveEvents inner, PublishTimes times) : ILiveEvents
    {
        public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
        {
            times.Record(liveEvent);
            return inner.PublishAsync(liveEvent, cancellationToken);
        }

        public IDisposable Subscribe(Func<LiveEvent, bool> filter, Func<LiveEvent, CancellationToken, ValueTask> handler) =>
            inner.Subscribe(filter, handler);
    }

    private sealed class EchoHub : Hub;

    /// <summary>A bare SignalR hub on its own Kestrel port: what SignalR alone costs on this machine.</summary>
    private sealed class EchoServer(WebApplication app, Uri hubUrl) : IAsyncDisposable
    {
        public Uri HubUrl { get; } = hubUrl;

        public IHubContext<EchoHub> Hub => app.Services.GetRequiredService<IHubContext<EchoHub>>();

        public static async Task<EchoServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSignalR();
            var app = builder.Build();
            app.MapHub<EchoHub>("/echo");
            await app.StartAsync();
            return new EchoServer(app, new Uri(new Uri(app.Urls.First()), "/echo"));
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}

/// <summary>The outcome of a paced run: the rate achieved, how long delivery took to finish, and the machine meanwhile.</summary>
sealed record PacedRun(double AchievedRate, TimeSpan Drain, string Machine);

/// <summary>
/// Operations started at a steady rate by a PeriodicTimer for a number of seconds, each on one of <c>lanes</c> (operation i
/// runs after operation i - lanes has finished, so two never touch the same thing at once), then a wait for delivery to finish.
/// </summary>
static class Paced
{
    public static async Task<PacedRun> RunAsync(int rate, int seconds, int lanes, Func<int, Task> operation, Func<long> delivered, Func<long> expected)
    {
        var loadBefore = Machine.LoadAverage();
        var machineFrom = Machine.Cpu();
        var processFrom = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var chains = Enumerable.Repeat(Task.CompletedTask, lanes).ToArray();
        var count = rate * seconds;
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate)))
            for (var i = 0; i < count; i++)
            {
                var lane = i % lanes;
                chains[lane] = After(chains[lane], operation, i);
                if (i < count - 1) await timer.WaitForNextTickAsync();
            }
        await Task.WhenAll(chains);
        var published = Stopwatch.GetElapsedTime(started);

        // Delivery finishes: everything expected arrived, or nothing more for 5 s (or 60 s in all).
        var drainStarted = Stopwatch.GetTimestamp();
        var last = -1L;
        var lastProgress = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(drainStarted) < TimeSpan.FromSeconds(60))
        {
            var now = delivered();
            if (now >= expected()) break;
            if (now != last) (last, lastProgress) = (now, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(5)) break;
            await Task.Delay(20);
        }
        var drain = Stopwatch.GetElapsedTime(drainStarted);
        var wall = Stopwatch.GetElapsedTime(started);
        var process = (Process.GetCurrentProcess().TotalProcessorTime - processFrom).TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount;
        var machine = Machine.BusySince(machineFrom);
        return new PacedRun(count / published.TotalSeconds, drain,
            $"bench process CPU {process:P0} of the machine, machine busy {machine:P0}, load {loadBefore} before");
    }

    private static async Task After(Task previous, Func<int, Task> operation, int i)
    {
        await previous;
        await operation(i);
    }
}

/// <summary>What the whole machine is doing (other people's work shares these cores).</summary>
static class Machine
{
    /// <summary>The 1-minute load average.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>Busy and total jiffies of all cores together, from /proc/stat.</summary>
    public static (long Busy, long Total) Cpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        return (fields.Sum() - idle, fields.Sum());
    }

    /// <summary>The share of the machine busy since <paramref name="from"/> (a reading of <see cref="Cpu"/>).</summary>
    public static double BusySince((long Busy, long Total) from)
    {
        var (busy, total) = Cpu();
        return (double)(busy - from.Busy) / (total - from.Total);
    }
}
