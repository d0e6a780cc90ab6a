using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Live;

namespace ShuttlePro.Bench;

/// <summary>
/// Sale day (issue 10): for some minutes, customers write at a steady rate (signed webhooks, a share of them Meta's
/// duplicate deliveries) while agents — hub clients with bearer tokens — take, reply, note, hand off and resolve through
/// the HTTP API; every reply goes to a Graph API stand-in, whose wamids come back as status webhooks in shuffled order
/// (read before delivered before sent) with duplicates. Afterwards: nothing lost or duplicated (inbound and outbound),
/// every reply's final status is read, the audit chain verifies, and — once the agents have gone — the hub's and the
/// bus's subscriptions are back to where they started and the heap is measured against its baseline.
///   dotnet run -c Release --project ShuttlePro.Bench -- soak [minutes=5] [rate=1000] [agents=50] [duplicate%=10]
/// </summary>
internal static class SaleDaySoak
{
    private const string Prefix = "9233";
    private const int Customers = 20_000;
    private static readonly (string Id, string Display)[] Numbers = [("100000000000001", "+92 300 1112233"), ("100000000000002", "+92 321 4445566")];

    public static async Task RunAsync(string[] args)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var rate = args.Length > 1 ? int.Parse(args[1]) : 1_000;
        var agentCount = args.Length > 2 ? int.Parse(args[2]) : 50;
        var duplicatePercent = args.Length > 3 ? int.Parse(args[3]) : 10;

        await using var graph = await GraphStandIn.StartAsync();
        await using var app = new BenchApp(settings: new Dictionary<string, string?>
        {
            ["WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl,
            ["WhatsApp:Channels:0:AccessToken"] = "soak-access-token",
            ["WhatsApp:Channels:1:AccessToken"] = "soak-access-token",
            ["RateLimits:WebhookPerSecond"] = "1000000",
        });
        var secret = app.Services.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.AppSecret;
        var agents = await CreateAgentsAsync(app, agentCount);
        Console.WriteLine($"{Environment.ProcessorCount} cores; {agents.Count} agents ({agents.Count(a => a.Team == DemoScript.Support)} Support, " +
                          $"{agents.Count(a => a.Team == DemoScript.Ops)} Ops); {rate} inbound messages/s for {minutes} min, {duplicatePercent} % duplicates, " +
                          $"{Customers:N0} customers; statuses of every reply shuffled with 10 % duplicates");

        var webhooks = new WebhookFeed(app.BaseAddress, secret, senders: 256);
        // Warm-up through the same paths (other customers), then the baseline: the heap and the live subscriptions before anyone connects.
        await webhooks.SendWarmUpAsync(3_000);
        var hubSubscriptions = app.Services.GetRequiredService<HubSubscriptions>();
        var bus = app.Services.GetRequiredService<InProcessLiveEvents>();
        var heapBefore = BenchMemory.HeapAfterFullGc();
        var busBefore = bus.SubscriberCount;
        Console.WriteLine($"baseline: managed heap {Mb(heapBefore):F1} MB, working set {Mb(BenchMemory.WorkingSet()):F0} MB, " +
                          $"{hubSubscriptions.Count} hub subscriptions, {busBefore} bus subscribers");

        // The load in a method of its own: once it returns, nothing of the bench's bookkeeping (millions of latencies) is
        // reachable any more, so the heap measured below is the server's.
        await RunLoadAsync(app, graph, webhooks, agents, rate, minutes, duplicatePercent, hubSubscriptions, bus);
        webhooks.ForgetLatencies();

        // Every agent gone: their hub subscriptions are released; the heap after a full GC, against the baseline.
        var released = await WaitUntilAsync(() => hubSubscriptions.Count == 0 && bus.SubscriberCount == busBefore, TimeSpan.FromSeconds(30));
        var heapAtOnce = BenchMemory.HeapAfterFullGc();
        await Task.Delay(TimeSpan.FromSeconds(30));
        var heapAfter = BenchMemory.HeapAfterFullGc();
        Console.WriteLine($"after the agents left: {hubSubscriptions.Count} hub subscriptions, {bus.SubscriberCount} bus subscribers " +
                          $"({(released ? "released" : "NOT RELEASED")}); managed heap {Mb(heapAtOnce):F1} MB at once, {Mb(heapAfter):F1} MB 30 s later " +
                          $"(baseline {Mb(heapBefore):F1} MB, {Mb(heapAfter - heapBefore):+0.0;-0.0} MB), working set {Mb(BenchMemory.WorkingSet()):F0} MB");
    }

    private static async Task RunLoadAsync(BenchApp app, GraphStandIn graph, WebhookFeed webhooks, List<(string Email, string Team)> agents,
        int rate, double minutes, int duplicatePercent, HubSubscriptions hubSubscriptions, InProcessLiveEvents bus)
    {
        var live = new LiveLatency();
        await using (var desk = await AgentDesk.ConnectAsync(app.BaseAddress, agents, live))
        {
            Console.WriteLine($"{desk.Count} agents connected: {hubSubscriptions.Count} hub subscriptions, {bus.SubscriberCount} bus subscribers");
            var statuses = new StatusFeed(graph, webhooks, duplicatePercent: 10);
            using var stop = new CancellationTokenSource();
            var working = desk.WorkAsync(stop.Token);
            var feedingStatuses = statuses.RunAsync(stop.Token);
            var inbound = new InboundLoad(rate, duplicatePercent, TimeSpan.FromMinutes(minutes));
            var progress = ReportProgressAsync(app, inbound, webhooks, desk, live, stop.Token);
            await inbound.RunAsync(webhooks);
            stop.Cancel();
            await working;
            await feedingStatuses;
            await progress;
            Console.WriteLine($"inbound: {inbound.Describe()}");
            Console.WriteLine($"agents: {desk.Describe()}");

            // Replies still in the outbox go out, and their statuses come back.
            var drained = await DrainAsync(app, graph, statuses, webhooks);
            Console.WriteLine($"drained in {drained.TotalSeconds:F1} s after the load stopped");
            Console.WriteLine($"live events at the agents: {live.Describe()}");
            Console.WriteLine($"webhook acks: {webhooks.Describe()}");

            var check = await CheckAsync(app, inbound, desk, graph, statuses);
            Console.WriteLine(check);
        }
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Agents created as an admin creates them, four in five in Support (where both numbers land), the rest in Ops.</summary>
    private static async Task<List<(string Email, string Team)>> CreateAgentsAsync(BenchApp app, int count)
    {
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var admin = (await directory.FindActorAsync((await directory.ListAgentsAsync()).Single(a => a.Email == "admin@shuttlepro.test").Id))!;
        var teams = (await directory.ListTeamsAsync()).ToDictionary(t => t.Name, t => t.Id);
        int[] byTurns = [teams[DemoScript.Support], teams[DemoScript.Support], teams[DemoScript.Support], teams[DemoScript.Support], teams[DemoScript.Ops]];
        await BenchSeed.CreateAgentsAsync(app.Services, admin, count, byTurns);
        return Enumerable.Range(0, count).Select(i => (BenchSeed.AgentEmail(i), i % 5 == 4 ? DemoScript.Ops : DemoScript.Support)).ToList();
    }

    private static async Task ReportProgressAsync(BenchApp app, InboundLoad inbound, WebhookFeed webhooks, AgentDesk desk, LiveLatency live,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                Console.WriteLine($"  {Stopwatch.GetElapsedTime(started).TotalSeconds,4:F0} s: {inbound.Sent:N0} inbound sent, {webhooks.Pending} waiting to be sent; " +
                                  $"agents {desk.Operations:N0} operations; live p99 so far {live.P99:F0} ms; " +
                                  $"heap {Mb(GC.GetTotalMemory(false)):F0} MB, working set {Mb(BenchMemory.WorkingSet()):F0} MB; load {Machine.LoadAverage()}");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<TimeSpan> DrainAsync(BenchApp app, GraphStandIn graph, StatusFeed statuses, WebhookFeed webhooks)
    {
        var started = Stopwatch.GetTimestamp();
        // The outbox: nothing left to send (entries are removed or marked done once Meta took them).
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(3))
        {
            await using var connection = ReadOnly(app);
            var pending = await ScalarAsync(connection, "SELECT COUNT(*) FROM Messages WHERE Direction = 'Outbound' AND Status = 'Pending'");
            if (pending == 0) break;
            await Task.Delay(250);
        }
        await statuses.SendRemainingAsync();
        await webhooks.WaitIdleAsync();
        return Stopwatch.GetElapsedTime(started);
    }

    private static SqliteConnection ReadOnly(BenchApp app)
    {
        var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<string> CheckAsync(BenchApp app, InboundLoad inbound, AgentDesk desk, GraphStandIn graph, StatusFeed statuses)
    {
        await using var connection = ReadOnly(app);
        var stored = await ScalarAsync(connection, $"SELECT COUNT(*) FROM Messages WHERE WaMessageId LIKE 'wamid.{Prefix}.%'");
        var distinct = await ScalarAsync(connection, $"SELECT COUNT(DISTINCT WaMessageId) FROM Messages WHERE WaMessageId LIKE 'wamid.{Prefix}.%'");
        var acknowledged = inbound.AcknowledgedUnique;

        // Each reply the API committed: stored once, sent to Meta once, and its final status is read.
        var replies = desk.CommittedReplies;
        var sentTexts = graph.SentTexts;
        var lostReplies = replies.Count(r => !sentTexts.ContainsKey(r));
        var resent = sentTexts.Count(kv => kv.Value > 1);
        var storedReplies = await ScalarAsync(connection, "SELECT COUNT(*) FROM Messages WHERE Direction = 'Outbound' AND Body LIKE 'soak reply %'");
        var notRead = await ScalarAsync(connection, "SELECT COUNT(*) FROM Messages WHERE Direction = 'Outbound' AND Body LIKE 'soak reply %' AND Status <> 'Read'");
        var notesLeaked = graph.Bodies.Count(b => b.Contains("soak note", StringComparison.Ordinal) || b.Contains("soak handoff", StringComparison.Ordinal));

        var verification = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync();
        var intact = stored == acknowledged && distinct == acknowledged && lostReplies == 0 && resent == 0 && storedReplies == replies.Count
                     && notRead == 0 && notesLeaked == 0 && verification.Ok && inbound.Refused == 0;
        return $"check: inbound {acknowledged:N0} unique acknowledged, {stored:N0} stored ({distinct:N0} distinct), {inbound.Refused} refused; " +
               $"replies {replies.Count:N0} committed, {storedReplies:N0} stored, {sentTexts.Count:N0} sent to Meta ({lostReplies} never sent, {resent} sent twice), " +
               $"{statuses.Sent:N0} status webhooks in shuffled order, {notRead} replies not ending 'read'; {notesLeaked} note texts at Meta; " +
               $"audit chain {(verification.Ok ? "verifies" : $"BROKEN at {verification.BrokenAt}")} ({verification.Checked:N0} events) → " +
               (intact ? "nothing lost, nothing duplicated" : "MISMATCH");
    }

    /// <summary>The customers' messages: paced at a steady rate, with Meta's duplicate deliveries of earlier ones mixed in.</summary>
    private sealed class InboundLoad(int rate, int duplicatePercent, TimeSpan duration)
    {
        private readonly ConcurrentDictionary<int, byte> _acknowledged = new();
        private readonly Random _random = new(42);
        private int _unique;
        private int _sent;
        private int _refused;
        private TimeSpan _elapsed;

        public int Sent => Volatile.Read(ref _sent);

        public int AcknowledgedUnique => _acknowledged.Count;

        public int Refused => Volatile.Read(ref _refused);

        public async Task RunAsync(WebhookFeed webhooks)
        {
            var started = Stopwatch.GetTimestamp();
            var total = (int)(rate * duration.TotalSeconds);
            var perTick = rate / 100.0;
            var due = 0.0;
            var at = DateTimeOffset.UtcNow;
            var sends = new List<Task>();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (_sent < total && await timer.WaitForNextTickAsync())
            {
                // As many as are due by now (a late tick catches up), so the arrival rate is the one asked for.
                due = Math.Min(total, rate * Stopwatch.GetElapsedTime(started).TotalSeconds);
                while (_sent < due)
                {
                    var duplicate = _unique > 100 && _random.Next(100) < duplicatePercent;
                    var index = duplicate ? _random.Next(_unique) : _unique++;
                    _sent++;
                    var customer = index % Customers;
                    var number = Numbers[customer % 2];
                    var body = WebhookPayloads.InboundText(number.Id, number.Display, $"{Prefix}{customer:D8}", $"Customer {customer}",
                        $"wamid.{Prefix}.{index:D7}", $"Sale order {index}: parcel kab aayega?", at.AddMilliseconds(index));
                    webhooks.Enqueue(Encoding.UTF8.GetBytes(body), status =>
                    {
                        if (status == HttpStatusCode.OK) _acknowledged.TryAdd(index, 0);
                        else Interlocked.Increment(ref _refused);
                    });
                }
            }
            _elapsed = Stopwatch.GetElapsedTime(started);
            await webhooks.WaitIdleAsync();
        }

        public string Describe() =>
            $"{_sent:N0} deliveries ({_unique:N0} unique) asked at {rate}/s, offered at {_sent / _elapsed.TotalSeconds:F0}/s over {_elapsed.TotalSeconds:F0} s; " +
            $"{AcknowledgedUnique:N0} unique acknowledged, {Refused} refused";
    }

    /// <summary>
    /// Signed webhook deliveries over lean keep-alive connections: whatever is queued is sent by the next free sender, and
    /// each answer reported with its ack latency. The queue's length is how far the server has fallen behind the arrivals.
    /// </summary>
    private sealed class WebhookFeed(Uri server, string secret, int senders)
    {
        private readonly System.Threading.Channels.Channel<(byte[] Request, Action<HttpStatusCode> Done, long Queued)> _queue =
            System.Threading.Channels.Channel.CreateUnbounded<(byte[], Action<HttpStatusCode>, long)>();
        private readonly ConcurrentBag<double> _latencies = new();
        private readonly ConcurrentBag<double> _queueing = new();
        private Task? _running;
        private int _pending;

        public int Pending => Volatile.Read(ref _pending);

        public void Enqueue(byte[] body, Action<HttpStatusCode> done)
        {
            _running ??= Task.WhenAll(Enumerable.Range(0, senders).Select(_ => SendLoopAsync()));
            Interlocked.Increment(ref _pending);
            var request = RawHttpSender.Request(server, "/webhooks/whatsapp", body,
                new Dictionary<string, string> { [WebhookSignature.Header] = WebhookSignature.Sign(body, secret) });
            _queue.Writer.TryWrite((request, done, Stopwatch.GetTimestamp()));
        }

        public async Task SendWarmUpAsync(int count)
        {
            var at = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var customer = i % 2_000;
                var number = Numbers[customer % 2];
                Enqueue(Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(number.Id, number.Display, $"9234{customer:D8}", $"Warm-up {customer}",
                    $"wamid.9234.{i:D7}", "warm-up", at)), _ => { });
            }
            await WaitIdleAsync();
            _latencies.Clear();
            _queueing.Clear();
        }

        public async Task WaitIdleAsync()
        {
            while (Pending > 0) await Task.Delay(50);
        }

        private async Task SendLoopAsync()
        {
            await using var connection = await RawHttpSender.ConnectAsync(server);
            await foreach (var (request, done, queued) in _queue.Reader.ReadAllAsync())
            {
                var sent = Stopwatch.GetTimestamp();
                var status = (HttpStatusCode)await connection.SendAsync(request);
                _latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                _queueing.Add(Stopwatch.GetElapsedTime(queued, sent).TotalMilliseconds);
                done(status);
                Interlocked.Decrement(ref _pending);
            }
        }

        public string Describe() => $"{_latencies.Count:N0} deliveries, ack {Latency.Describe(_latencies)}; waited for a sender {Latency.Describe(_queueing)}";

        public void ForgetLatencies()
        {
            _latencies.Clear();
            _queueing.Clear();
        }
    }

    /// <summary>Meta's Graph API, standing in: every send answered with a new wamid, remembered for the status feed.</summary>
    private sealed class GraphStandIn(WebApplication app) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, int> _sentTexts = new();
        private int _count;

        public string BaseUrl => app.Urls.First().TrimEnd('/') + "/v21.0";

        public ConcurrentQueue<(string Wamid, string To, string PhoneNumberId)> Accepted { get; } = new();

        public ConcurrentBag<string> Bodies { get; } = new();

        public IReadOnlyDictionary<string, int> SentTexts => _sentTexts;

        public static async Task<GraphStandIn> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var graph = new GraphStandIn(app);
            app.MapPost("/v21.0/{phoneNumberId}/messages", async (string phoneNumberId, HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var raw = await reader.ReadToEndAsync();
                graph.Bodies.Add(raw);
                var body = JsonNode.Parse(raw)!;
                if (body["text"]?["body"]?.GetValue<string>() is { } text) graph._sentTexts.AddOrUpdate(text, 1, (_, n) => n + 1);
                var wamid = $"wamid.soak.out.{Interlocked.Increment(ref graph._count)}";
                graph.Accepted.Enqueue((wamid, body["to"]?.GetValue<string>() ?? "", phoneNumberId));
                return Results.Json(new
                {
                    messaging_product = "whatsapp",
                    contacts = new[] { new { input = body["to"]?.GetValue<string>(), wa_id = body["to"]?.GetValue<string>() } },
                    messages = new[] { new { id = wamid } },
                });
            });
            await app.StartAsync();
            return graph;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    /// <summary>Every accepted reply's statuses come back as webhooks, out of order (read first, often) and some twice.</summary>
    private sealed class StatusFeed(GraphStandIn graph, WebhookFeed webhooks, int duplicatePercent)
    {
        private static readonly string[] InOrder = ["sent", "delivered", "read"];
        private readonly Random _random = new(7);
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken)) SendAccepted();
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async Task SendRemainingAsync()
        {
            SendAccepted();
            await webhooks.WaitIdleAsync();
        }

        private void SendAccepted()
        {
            var batch = new List<byte[]>();
            while (graph.Accepted.TryDequeue(out var accepted))
            {
                var number = Numbers.Single(n => n.Id == accepted.PhoneNumberId);
                var at = DateTimeOffset.UtcNow;
                foreach (var (status, i) in InOrder.Select((s, i) => (s, i)))
                {
                    var body = Encoding.UTF8.GetBytes(WebhookPayloads.Status(number.Id, number.Display, accepted.Wamid, status, accepted.To, at.AddSeconds(i)));
                    batch.Add(body);
                    if (_random.Next(100) < duplicatePercent) batch.Add(body);
                }
            }
            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            foreach (var body in batch)
            {
                Interlocked.Increment(ref _sent);
                webhooks.Enqueue(body, _ => { });
            }
        }
    }

    /// <summary>The live events each agent's hub connection receives: receipt − the event's <c>at</c> (same clock, same process).</summary>
    private sealed class LiveLatency
    {
        private readonly ConcurrentBag<double> _milliseconds = new();
        private double _p99;
        private int _sinceP99;

        public double P99
        {
            get
            {
                if (Interlocked.Exchange(ref _sinceP99, 0) > 0 && !_milliseconds.IsEmpty)
                    _p99 = Latency.Percentile(_milliseconds.ToArray().Order().ToArray(), 0.99);
                return _p99;
            }
        }

        public void Add(JsonElement liveEvent)
        {
            var receipt = DateTimeOffset.UtcNow;
            if (!liveEvent.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.String) return;
            _milliseconds.Add((receipt - at.GetDateTimeOffset()).TotalMilliseconds);
            Interlocked.Increment(ref _sinceP99);
        }

        public string Describe() => _milliseconds.IsEmpty ? "none" : $"{_milliseconds.Count:N0} events with an 'at', {Latency.Describe(_milliseconds)}";
    }

    /// <summary>
    /// The agents: each a bearer token, an HTTP client and a hub connection, working in a loop — keep a few conversations
    /// (take unassigned ones), reply, sometimes note, hand off to the other team or resolve, then think for a second.
    /// </summary>
    private sealed class AgentDesk : IAsyncDisposable
    {
        private readonly List<Agent> _agents;
        private readonly ConcurrentBag<string> _committedReplies = new();
        private readonly ConcurrentDictionary<string, int> _outcomes = new();
        private readonly ConcurrentBag<double> _latencies = new();
        private int _operations;

        private AgentDesk(List<Agent> agents) => _agents = agents;

        public int Count => _agents.Count;

        public int Operations => Volatile.Read(ref _operations);

        public IReadOnlyCollection<string> CommittedReplies => _committedReplies;

        public static async Task<AgentDesk> ConnectAsync(Uri server, IReadOnlyList<(string Email, string Team)> accounts, LiveLatency live)
        {
            var agents = new List<Agent>();
            foreach (var (email, team) in accounts)
            {
                var http = new HttpClient { BaseAddress = server };
                var token = await BenchHub.TokenAsync(http, email);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                (await http.PostAsJsonAsync("/api/v1/me/status", new { status = "online", onShift = true })).EnsureSuccessStatusCode();
                var hub = BenchHub.Build(new Uri(server, "/hubs/inbox"), token);
                hub.On<JsonElement>("event", live.Add);
                await hub.StartAsync();
                agents.Add(new Agent(email, team, http, hub));
            }
            var teams = await agents[0].Http.GetFromJsonAsync<JsonElement>("/api/v1/teams");
            foreach (var agent in agents)
                agent.OtherTeamId = teams.EnumerateArray().First(t => t.GetProperty("name").GetString() == (agent.Team == DemoScript.Support ? DemoScript.Ops : DemoScript.Support))
                    .GetProperty("id").GetInt32();
            return new AgentDesk(agents);
        }

        public Task WorkAsync(CancellationToken stop) => Task.WhenAll(_agents.Select((agent, i) => WorkAsync(agent, new Random(1_000 + i), stop)));

        private async Task WorkAsync(Agent agent, Random random, CancellationToken stop)
        {
            var step = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var mine = await ListAsync(agent, "mine");
                    if (mine.Count < 3)
                    {
                        var waiting = await ListAsync(agent, "unassigned");
                        if (waiting.Count > 0) await CallAsync("take", () => agent.Http.PostAsync($"/api/v1/conversations/{waiting[random.Next(waiting.Count)]}/take", null));
                        mine = await ListAsync(agent, "mine");
                    }
                    if (mine.Count > 0)
                    {
                        var conversation = mine[random.Next(mine.Count)];
                        await agent.Hub.InvokeAsync<JsonElement>("Watch", conversation);
                        await agent.Hub.InvokeAsync<JsonElement>("Typing", conversation, true);
                        var text = $"soak reply {agent.Email} {step}: aap ka parcel kal tak pohanch jayega";
                        if (await CallAsync("reply", () => agent.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { body = text })))
                            _committedReplies.Add(text);
                        if (step % 4 == 0)
                            await CallAsync("note", () => agent.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/notes",
                                new { body = $"soak note {step}: courier ne kaha Friday", pinned = false }));
                        if (step % 10 == 9)
                            await CallAsync("handoff", () => agent.Http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/handoffs",
                                new { toTeamId = agent.OtherTeamId, note = $"soak handoff {step}: refund check please" }));
                        else if (step % 6 == 5)
                            await CallAsync("resolve", () => agent.Http.PostAsync($"/api/v1/conversations/{conversation}/resolve", null));
                        await agent.Hub.InvokeAsync<JsonElement>("Unwatch", conversation);
                    }
                    step++;
                    await Task.Delay(random.Next(500, 1_500), stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        }

        private async Task<List<Guid>> ListAsync(Agent agent, string view)
        {
            var started = Stopwatch.GetTimestamp();
            var rows = await agent.Http.GetFromJsonAsync<JsonElement>($"/api/v1/conversations?view={view}&status=open&limit=20");
            _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _operations);
            return rows.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        }

        /// <summary>One API call; its outcome counted by operation and status (a 409 when a colleague got there first is normal).</summary>
        private async Task<bool> CallAsync(string operation, Func<Task<HttpResponseMessage>> call)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await call();
            _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _operations);
            var code = (int)response.StatusCode;
            var outcome = code < 300 ? "ok" : code >= 500 ? $"{code} ERROR" : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (code >= 300) outcome += " " + ErrorCode(await response.Content.ReadAsStringAsync());
            _outcomes.AddOrUpdate($"{operation} {outcome}", 1, (_, n) => n + 1);
            return code < 300;
        }

        private static string ErrorCode(string body)
        {
            try { return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.ToString() : ""; }
            catch (JsonException) { return ""; }
        }

        public string Describe() =>
            $"{Operations:N0} API calls, {Latency.Describe(_latencies)}; " + string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value:N0}"));

        public async ValueTask DisposeAsync()
        {
            foreach (var agent in _agents)
            {
                await agent.Hub.DisposeAsync();
                agent.Http.Dispose();
            }
        }

        private sealed class Agent(string email, string team, HttpClient http, HubConnection hub)
        {
            public string Email { get; } = email;
            public string Team { get; } = team;
            public HttpClient Http { get; } = http;
            public HubConnection Hub { get; } = hub;
            public int OtherTeamId { get; set; }
        }
    }
}
