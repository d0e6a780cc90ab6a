using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Channels.WhatsApp;

namespace ShuttlePro.Bench;

// Sustained signed webhook ingestion over HTTP: many concurrent senders (Meta delivers in parallel) post Meta-shaped,
// signed message webhooks for 2,000 customers on the demo's two numbers, with duplicates mixed in (Meta retries).
// Measures acknowledged messages per second and the ack latency, then checks the database: every message stored
// exactly once, none lost.
//   dotnet run -c Release --project ShuttlePro.Bench -- ingest [messages=20000] [concurrency=64] [duplicate%=10] [raw|httpclient]
internal static class WebhookIngestion
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
        var duplicatePercent = args.Length > 2 ? int.Parse(args[2]) : 10;
        var rawClient = args.Length <= 3 || args[3] != "httpclient";

        await using var app = new BenchApp();
        var secret = app.Services.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.AppSecret;
        var load = WebhookLoad.Create(messages, duplicatePercent, secret);
        var result = await load.RunAsync([app.BaseAddress], app.DatabasePath, concurrency, rawClient);
        Console.WriteLine(result.Describe());
    }
}

/// <summary>
/// The deliveries of an ingestion run: each unique message once, plus duplicates of earlier ones (Meta's retries),
/// shuffled together; and a warm-up of other customers' messages through the same path.
/// </summary>
sealed class WebhookLoad
{
    private const string MeasuredPrefix = "9230";
    private static readonly string[] Numbers = ["100000000000001", "100000000000002"];

    // For the HttpClient senders: one pool for the warm-up and the run (at most `concurrency` requests are in flight).
    private static readonly HttpClient Http = new();

    private WebhookLoad((byte[] Body, string Signature)[] deliveries, (byte[] Body, string Signature)[] warmUp, int unique)
    {
        Deliveries = deliveries;
        WarmUp = warmUp;
        Unique = unique;
    }

    public (byte[] Body, string Signature)[] Deliveries { get; }

    public (byte[] Body, string Signature)[] WarmUp { get; }

    public int Unique { get; }

    public int Duplicates => Deliveries.Length - Unique;

    public const int Customers = 2_000;

    public static WebhookLoad Create(int messages, int duplicatePercent, string secret)
    {
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow;
        (byte[] Body, string Signature) Delivery(string prefix, int i)
        {
            var customer = i % Customers;
            var body = Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(Numbers[customer % 2], "+92 300 1112233", $"{prefix}{customer:D8}",
                $"Customer {customer}", $"wamid.{prefix}.{i:D7}", $"Order status please, message {i}", start));
            return (body, WebhookSignature.Sign(body, secret));
        }
        var unique = Enumerable.Range(0, messages).Select(i => Delivery(MeasuredPrefix, i)).ToArray();
        var duplicates = messages * duplicatePercent / 100;
        var deliveries = unique.Concat(Enumerable.Range(0, duplicates).Select(_ => unique[random.Next(messages)])).ToArray();
        random.Shuffle(deliveries);
        // Other customers (so the measured run still creates its own conversations).
        var warmUp = Enumerable.Range(0, Math.Min(5_000, messages / 4)).Select(i => Delivery("9231", i)).ToArray();
        return new WebhookLoad(deliveries, warmUp, messages);
    }

    /// <summary>The warm-up then the measured run (see <see cref="WarmUpAsync"/> and <see cref="MeasureAsync"/>).</summary>
    public async Task<IngestionResult> RunAsync(IReadOnlyList<Uri> servers, string databasePath, int concurrency, bool rawClient)
    {
        await WarmUpAsync(servers, concurrency, rawClient);
        return await MeasureAsync(servers, databasePath, concurrency, rawClient);
    }

    /// <summary>
    /// Other customers' messages through the same path: the JIT's tiers settle, connection pools fill, SQLite's page cache
    /// is warm. Sustained throughput is what we measure.
    /// </summary>
    public async Task WarmUpAsync(IReadOnlyList<Uri> servers, int concurrency, bool rawClient) =>
        await SendAllAsync(servers, WarmUp, concurrency, rawClient);

    /// <summary>
    /// The measured deliveries, then the database check. Sender k posts to <paramref name="servers"/>[k mod count], so the
    /// senders are split evenly over the instances.
    /// </summary>
    public async Task<IngestionResult> MeasureAsync(IReadOnlyList<Uri> servers, string databasePath, int concurrency, bool rawClient)
    {
        var clock = Stopwatch.StartNew();
        var (latencies, failures) = await SendAllAsync(servers, Deliveries, concurrency, rawClient);
        var elapsed = clock.Elapsed;

        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        // The measured customers' WhatsApp ids are the prefix and 0000nnnn (fewer than 10,000 customers); the demo's start 9230 too.
        count.CommandText = $"""
            SELECT (SELECT COUNT(*) FROM Messages WHERE WaMessageId LIKE 'wamid.{MeasuredPrefix}.%'),
                   (SELECT COUNT(DISTINCT WaMessageId) FROM Messages WHERE WaMessageId LIKE 'wamid.{MeasuredPrefix}.%'),
                   (SELECT COUNT(*) FROM Conversations c JOIN Contacts k ON k.Id = c.ContactId WHERE k.WaId LIKE '{MeasuredPrefix}0000%')
            """;
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new IngestionResult(this, concurrency, rawClient, servers.Count, elapsed, latencies, failures,
            reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private static async Task<(ConcurrentBag<double>[] LatenciesByServer, int Failures)> SendAllAsync(
        IReadOnlyList<Uri> servers, (byte[] Body, string Signature)[] deliveries, int concurrency, bool rawClient)
    {
        // Pre-serialised for each server (its Host header), so the senders spend next to nothing per request.
        var requests = rawClient
            ? servers.Select(server => deliveries.Select(d => RawHttpSender.Request(server, "/webhooks/whatsapp", d.Body,
                new Dictionary<string, string> { [WebhookSignature.Header] = d.Signature })).ToArray()).ToArray()
            : [];
        var latencies = servers.Select(_ => new ConcurrentBag<double>()).ToArray();
        var failures = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async sender =>
        {
            var server = sender % servers.Count;
            await using var raw = rawClient ? await RawHttpSender.ConnectAsync(servers[server]) : null;
            var webhook = new Uri(servers[server], "/webhooks/whatsapp");
            int index;
            while ((index = Interlocked.Increment(ref next)) < deliveries.Length)
            {
                var (body, signature) = deliveries[index];
                var sent = Stopwatch.GetTimestamp();
                var status = raw is not null ? (HttpStatusCode)await raw.SendAsync(requests[server][index]) : await PostAsync(webhook, body, signature);
                latencies[server].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (status != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        }));
        return (latencies, failures);
    }

    private static async Task<HttpStatusCode> PostAsync(Uri webhook, byte[] body, string signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.Header, signature);
        using var response = await Http.PostAsync(webhook, content);
        return response.StatusCode;
    }
}

/// <summary>What an ingestion run measured, and what the database holds afterwards.</summary>
sealed record IngestionResult(WebhookLoad Load, int Concurrency, bool RawClient, int Servers, TimeSpan Elapsed,
    ConcurrentBag<double>[] LatenciesByServer, int Failures, int Stored, int Distinct, int Conversations)
{
    public IEnumerable<double> Latencies => LatenciesByServer.SelectMany(l => l);

    public double UniquePerSecond => Load.Unique / Elapsed.TotalSeconds;

    /// <summary>Every unique message stored once, every delivery answered 200, one conversation per customer.</summary>
    public bool Intact => Stored == Load.Unique && Distinct == Load.Unique && Failures == 0 && Conversations == Math.Min(Load.Unique, WebhookLoad.Customers);

    public string Describe() =>
        $"{Load.Deliveries.Length} deliveries ({Load.Unique} unique messages, {Load.Duplicates} duplicates) from {Concurrency} concurrent " +
        $"{(RawClient ? "raw HTTP/1.1" : "HttpClient")} senders{(Servers > 1 ? $" split over {Servers} instances" : "")} in {Elapsed.TotalSeconds:F1} s\n" +
        $"  unique messages stored per second: {UniquePerSecond:F0}; deliveries acknowledged per second: {Load.Deliveries.Length / Elapsed.TotalSeconds:F0}\n" +
        $"  ack latency {Latency.Describe(Latencies)}\n" +
        (Servers > 1
            ? string.Concat(LatenciesByServer.Select((l, i) => $"    answered by instance {(char)('A' + i)}: {l.Count} deliveries, {Latency.Describe(l)}\n"))
            : "") +
        $"  non-200 answers: {Failures}; stored {Stored} rows for {Load.Unique} unique messages ({Distinct} distinct wamids), " +
        $"{Conversations} conversations for {Math.Min(Load.Unique, WebhookLoad.Customers)} customers: " +
        (Intact ? "none lost, none duplicated" : "MISMATCH");
}

// The ingestion core alone (no HTTP, no JSON, no signature): the same messages handed straight to InboundIngestion
// by many concurrent callers. Shows the writer's own capacity, next to what the whole webhook path reaches.
//   dotnet run -c Release --project ShuttlePro.Bench -- ingest-core [messages=20000] [concurrency=64]
internal static class CoreIngestion
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
        await using var app = new BenchApp();
        var ingestion = app.Services.GetRequiredService<ShuttlePro.Core.Conversations.InboundIngestion>();
        var start = DateTimeOffset.UtcNow;
        var inbound = Enumerable.Range(0, messages).Select(i => new ShuttlePro.Core.Conversations.InboundMessage(
            i % 2 == 0 ? "100000000000001" : "100000000000002", $"9230{i % 2000:D8}", $"Customer {i % 2000}", $"wamid.core.{i:D7}",
            ShuttlePro.Core.Conversations.MessageType.Text, $"Order status please, message {i}", start)).ToArray();
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < inbound.Length)
            {
                var sent = Stopwatch.GetTimestamp();
                await ingestion.IngestAsync([inbound[index]]);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        Console.WriteLine($"{messages} messages straight to the ingestion core from {concurrency} callers in {elapsed.TotalSeconds:F1} s: " +
                          $"{messages / elapsed.TotalSeconds:F0}/s; latency {Latency.Describe(latencies)}");
    }
}
