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
    private static readonly string[] Numbers = ["100000000000001", "100000000000002"];

    public static async Task RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
        var duplicatePercent = args.Length > 2 ? int.Parse(args[2]) : 10;
        var rawClient = args.Length <= 3 || args[3] != "httpclient";
        const int customers = 2_000;

        await using var app = new BenchApp();
        var secret = app.Services.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.AppSecret;

        // The deliveries: each unique message once, plus duplicates of earlier ones (Meta's retries), shuffled together.
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow;
        (byte[] Body, string Signature) Delivery(string prefix, int i)
        {
            var customer = i % customers;
            var body = Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(Numbers[customer % 2], "+92 300 1112233", $"{prefix}{customer:D8}",
                $"Customer {customer}", $"wamid.{prefix}.{i:D7}", $"Order status please, message {i}", start));
            return (body, WebhookSignature.Sign(body, secret));
        }
        var unique = Enumerable.Range(0, messages).Select(i => Delivery("9230", i)).ToArray();
        var duplicates = messages * duplicatePercent / 100;
        var deliveries = unique.Concat(Enumerable.Range(0, duplicates).Select(_ => unique[random.Next(messages)])).ToArray();
        random.Shuffle(deliveries);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = app.BaseAddress };
        // Warm-up through the same path with other customers (so the measured run still creates its own conversations):
        // the JIT's tiers settle, connection pools fill, SQLite's page cache is warm. Sustained throughput is what we measure.
        var warmUp = Enumerable.Range(0, Math.Min(5_000, messages / 4)).Select(i => Delivery("9231", i)).ToArray();
        await SendAllAsync(app.BaseAddress, http, warmUp, concurrency, rawClient);

        var clock = Stopwatch.StartNew();
        var (latencies, failures) = await SendAllAsync(app.BaseAddress, http, deliveries, concurrency, rawClient);
        var elapsed = clock.Elapsed;

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT WaMessageId) FROM Messages WHERE WaMessageId LIKE 'wamid.9230.%'";
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var stored = reader.GetInt32(0);
        var distinct = reader.GetInt32(1);

        Console.WriteLine($"{deliveries.Length} deliveries ({messages} unique messages, {duplicates} duplicates) from {concurrency} concurrent " +
                          $"{(rawClient ? "raw HTTP/1.1" : "HttpClient")} senders " +
                          $"in {elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  unique messages stored per second: {messages / elapsed.TotalSeconds:F0}; deliveries acknowledged per second: " +
                          $"{deliveries.Length / elapsed.TotalSeconds:F0}");
        Console.WriteLine($"  ack latency {Latency.Describe(latencies)}");
        Console.WriteLine($"  non-200 answers: {failures}; stored {stored} rows for {messages} unique messages ({distinct} distinct wamids): " +
                          (stored == messages && distinct == messages && failures == 0 ? "none lost, none duplicated" : "MISMATCH"));
    }

    private static async Task<(ConcurrentBag<double> Latencies, int Failures)> SendAllAsync(
        Uri baseAddress, HttpClient http, (byte[] Body, string Signature)[] deliveries, int concurrency, bool rawClient)
    {
        var requests = rawClient
            ? deliveries.Select(d => RawHttpSender.Request(baseAddress, "/webhooks/whatsapp", d.Body,
                new Dictionary<string, string> { [WebhookSignature.Header] = d.Signature })).ToArray()
            : [];
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var raw = rawClient ? await RawHttpSender.ConnectAsync(baseAddress) : null;
            int index;
            while ((index = Interlocked.Increment(ref next)) < deliveries.Length)
            {
                var (body, signature) = deliveries[index];
                var sent = Stopwatch.GetTimestamp();
                var status = raw is not null ? (HttpStatusCode)await raw.SendAsync(requests[index]) : await PostAsync(http, body, signature);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (status != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        }));
        return (latencies, failures);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, byte[] body, string signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.Header, signature);
        using var response = await http.PostAsync("/webhooks/whatsapp", content);
        return response.StatusCode;
    }
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
