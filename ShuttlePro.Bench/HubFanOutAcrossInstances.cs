using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShuttlePro.Bench;

/// <summary>
/// Live fan-out across instances (issue 9): N hub clients on /hubs/inbox as the supervisor, real ownership changes made
/// through the HTTP API at a steady rate, latency from each event's <c>at</c> (taken in the write transaction) to receipt
/// at each client. The app runs in child processes on one SQLite file; in one run, for each N:
/// <list type="number">
/// <item>one instance, in-process bus: clients on A, changes through A (the baseline);</item>
/// <item>one instance with the Redis bus: the same (what publishing to Redis costs the instance itself);</item>
/// <item>two instances behind Redis, every client on A, changes through B: each event crosses Redis;</item>
/// <item>the same two, clients alternately on A and B, changes through B: reported for each half.</item>
/// </list>
/// Each setup warms up for 2 s at the same rate with its clients connected before the measured run.
///   dotnet run -c Release --project ShuttlePro.Bench -- hubfanout2 [clients=100,1000] [rate=20] [seconds=15]
/// </summary>
internal static class HubFanOutAcrossInstances
{
    private const string Supervisor = "imran@shuttlepro.test";

    public static async Task RunAsync(string[] args)
    {
        var clientCounts = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [100, 1_000];
        var rate = args.Length > 1 ? int.Parse(args[1]) : 20;
        var seconds = args.Length > 2 ? int.Parse(args[2]) : 15;
        Console.WriteLine($"{Environment.ProcessorCount} cores; instances are child processes; {rate} changes/s for {seconds} s through the HTTP API as {Supervisor}");

        var rows = new List<Row>();
        foreach (var (instances, redis) in new[] { (1, false), (1, true), (2, true) })
        {
            await using var cluster = await AppCluster.StartAsync(instances, redis);
            var a = cluster.Instances[0];
            var changer = new Changer(await SignInAsync(cluster.Instances[^1].BaseAddress));
            await changer.LoadMovesAsync();
            var layouts = instances == 1
                ? [new Layout($"{cluster.Name}: clients on A, changes through A", _ => 0)]
                : new[]
                {
                    new Layout($"{cluster.Name}: clients on A, changes through B", _ => 0),
                    new Layout($"{cluster.Name}: clients on A and B, changes through B", i => i % 2, Split: true),
                };
            foreach (var layout in layouts)
                foreach (var n in clientCounts)
                {
                    var (connections, sinks, connectTime) = await BenchHub.ConnectSinksAsync(n,
                        i => cluster.Instances[layout.Instance(i)].BaseAddress, changer.Token);
                    Console.WriteLine($"{layout.Name}: {n} clients connected in {connectTime.TotalSeconds:F1} s");
                    await Paced.RunAsync(rate, 2, changer.Lanes, changer.ChangeAsync, () => 0, () => 0); // warm-up
                    await Task.Delay(500);
                    foreach (var sink in sinks) sink.Clear();
                    changer.Clear();

                    var cpuFrom = cluster.ProcessorTimes();
                    var started = Stopwatch.GetTimestamp();
                    var run = await Paced.RunAsync(rate, seconds, changer.Lanes, changer.ChangeAsync,
                        () => sinks.Sum(s => (long)s.Count), () => (long)changer.Changes * n);
                    var cpu = cluster.DescribeCpu(cpuFrom, Stopwatch.GetElapsedTime(started));
                    var groups = !layout.Split
                        ? [("", Enumerable.Range(0, n))]
                        : new[]
                        {
                            ("", Enumerable.Range(0, n)),
                            (" — the half on A (through Redis)", Enumerable.Range(0, n).Where(i => layout.Instance(i) == 0)),
                            (" — the half on B (local)", Enumerable.Range(0, n).Where(i => layout.Instance(i) == 1)),
                        };
                    foreach (var (part, clients) in groups)
                    {
                        var received = clients.Select(i => changer.Received(sinks[i])).ToArray();
                        var latencies = received.SelectMany(r => r).Select(x => TimeSpan.FromTicks(x.Receipt - x.At).TotalMilliseconds).ToList();
                        var row = new Row(layout.Name + part, n, latencies, HubFanOut.Missed(changer.Changes, received.Select(r => r.Count)), HubFanOut.Report("ShuttlePro", received.Length, rate, run, changer.Changes,
                            received.Select(r => r.Count), latencies));
                        rows.Add(row);
                        Console.WriteLine($"{row.Name}:");
                        Console.WriteLine($"  {row.Line}");
                    }
                    Console.WriteLine($"  change POST {Latency.Describe(changer.PostMilliseconds)}; instances' CPU of the machine: {cpu}");
                    await BenchHub.DisposeAllAsync(connections);
                }
        }

        Console.WriteLine();
        Console.WriteLine("| setup | N | p50 / p95 / p99 / max | vs one instance, in-process bus: p50 / p99 | missed (mean / worst client) |");
        Console.WriteLine("| --- | ---: | --- | --- | --- |");
        foreach (var row in rows)
        {
            var baseline = rows.First(r => r.N == row.N);
            Console.WriteLine($"| {row.Name} | {row.N:N0} | {row.P(0.50):F1} / {row.P(0.95):F1} / {row.P(0.99):F1} / {row.P(1):F1} ms | " +
                              $"{row.P(0.50) - baseline.P(0.50):+0.0;-0.0} / {row.P(0.99) - baseline.P(0.99):+0.0;-0.0} ms | " +
                              $"{row.Missed.Mean:P2} / {row.Missed.Worst:P2} |");
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri server)
    {
        var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchHub.TokenAsync(http, Supervisor));
        return http;
    }

    /// <summary>Which instance client i connects to.</summary>
    private sealed record Layout(string Name, Func<int, int> Instance, bool Split = false);

    private sealed record Row(string Name, int N, List<double> Latencies, (double Mean, double Worst) Missed, string Line)
    {
        private readonly double[] _sorted = Latencies.Order().ToArray();

        public double P(double q) => _sorted.Length == 0 ? double.NaN : Latency.Percentile(_sorted, q);
    }

    /// <summary>
    /// Assigns and releases, in turn, the unassigned demo conversations that have an agent of their team (one lane per
    /// conversation, as in <c>hubfanout</c>), through the HTTP API of one instance.
    /// </summary>
    private sealed class Changer(HttpClient http)
    {
        private (Guid Conversation, Guid Agent)[] _moves = [];
        private bool[] _assigned = [];
        private HashSet<Guid> _watched = [];
        private int _changes;
        private readonly List<double> _post = [];

        public string Token => http.DefaultRequestHeaders.Authorization!.Parameter!;

        public int Lanes => _moves.Length;

        /// <summary>Changes made (each one <c>conversation.updated</c> to every client) since <see cref="Clear"/>.</summary>
        public int Changes => Volatile.Read(ref _changes);

        public List<double> PostMilliseconds { get { lock (_post) return [.. _post]; } }

        public async Task LoadMovesAsync()
        {
            var agents = (await http.GetFromJsonAsync<JsonElement>("/api/v1/agents")).EnumerateArray()
                .Where(a => a.GetProperty("email").GetString() != Supervisor)
                .Select(a => (Id: a.GetProperty("id").GetGuid(), Teams: a.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToHashSet()))
                .ToArray();
            var waiting = (await http.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=unassigned&status=open&limit=100")).EnumerateArray()
                .Select(c => (Id: c.GetProperty("id").GetGuid(), Team: c.GetProperty("teamId").GetInt32()))
                .Where(c => agents.Any(a => a.Teams.Contains(c.Team)))
                .ToArray();
            _moves = waiting.Select((c, i) =>
            {
                var team = agents.Where(a => a.Teams.Contains(c.Team)).ToArray();
                return (c.Id, team[i % team.Length].Id);
            }).Take(50).ToArray();
            _assigned = new bool[_moves.Length];
            _watched = _moves.Select(m => m.Conversation).ToHashSet();
            Console.WriteLine($"{_moves.Length} demo conversations assigned and released in turn through {http.BaseAddress}");
        }

        public void Clear()
        {
            Volatile.Write(ref _changes, 0);
            lock (_post) _post.Clear();
        }

        public async Task ChangeAsync(int i)
        {
            var lane = i % _moves.Length;
            var (conversation, agent) = _moves[lane];
            // Each conversation's own lane flips it (runs end with some assigned, so the state carries over).
            var assign = _assigned[lane] = !_assigned[lane];
            var sent = Stopwatch.GetTimestamp();
            using var response = assign
                ? await http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/assign", new { agentId = agent })
                : await http.PostAsync($"/api/v1/conversations/{conversation}/release", null);
            var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{(assign ? "assign" : "release")} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Interlocked.Increment(ref _changes);
            lock (_post) _post.Add(elapsed);
        }

        /// <summary>What a client received about the changed conversations, once per event.</summary>
        public List<(long At, long Receipt)> Received(Sink sink) =>
            sink.Items.Where(x => _watched.Contains(x.Conversation)).DistinctBy(x => (x.Conversation, x.At)).Select(x => (x.At, x.Receipt)).ToList();
    }
}
