using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ShuttlePro.Bench;

/// <summary>Hub clients as the benchmarks make them: a bearer token, WebSockets only, no negotiate round trip.</summary>
static class BenchHub
{
    public const string DemoPassword = "ShuttlePro!demo1";

    public static async Task<string> TokenAsync(HttpClient http, string email)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public static HubConnection Build(Uri url, string? token = null) => new HubConnectionBuilder()
        .WithUrl(url, o =>
        {
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        }).Build();

    /// <summary>Starts <paramref name="count"/> connections, <paramref name="batch"/> at a time; returns them and how long it took.</summary>
    public static async Task<(List<HubConnection> Connections, TimeSpan Elapsed)> ConnectAsync(int count, Func<int, HubConnection> build, int batch = 50)
    {
        var connections = new List<HubConnection>(count);
        var started = Stopwatch.GetTimestamp();
        for (var from = 0; from < count; from += batch)
        {
            var next = Enumerable.Range(from, Math.Min(batch, count - from)).Select(build).ToList();
            await Task.WhenAll(next.Select(c => c.StartAsync()));
            connections.AddRange(next);
        }
        return (connections, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// <paramref name="count"/> connections to /hubs/inbox (connection i on the instance <paramref name="server"/>(i)) as the holder of
    /// <paramref name="token"/>, each noting the <c>conversation.updated</c> events it receives in its own sink, the receipt time taken first.
    /// </summary>
    public static async Task<(List<HubConnection> Connections, Sink[] Sinks, TimeSpan Elapsed)> ConnectSinksAsync(int count, Func<int, Uri> server, string token)
    {
        var sinks = Enumerable.Range(0, count).Select(_ => new Sink()).ToArray();
        var (connections, elapsed) = await ConnectAsync(count, i =>
        {
            var connection = Build(new Uri(server(i), "/hubs/inbox"), token);
            var sink = sinks[i];
            connection.On<JsonElement>("event", e =>
            {
                var receipt = DateTimeOffset.UtcNow.UtcTicks;
                if (e.GetProperty("type").GetString() != "conversation.updated") return;
                sink.Add(e.GetProperty("at").GetDateTimeOffset().UtcTicks, receipt, e.GetProperty("conversationId").GetGuid());
                if (sink.Bytes == 0) sink.Bytes = e.GetRawText().Length;
            });
            return connection;
        });
        return (connections, sinks, elapsed);
    }

    public static async Task DisposeAllAsync(IEnumerable<HubConnection> connections) =>
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
}

/// <summary>What one client received: (at, receipt, conversation) in UTC ticks. The client calls handlers one at a time.</summary>
sealed class Sink
{
    private readonly List<(long At, long Receipt, Guid Conversation)> _items = [];

    public int Bytes { get; set; }

    public int Count { get { lock (_items) return _items.Count; } }

    public IReadOnlyList<(long At, long Receipt, Guid Conversation)> Items { get { lock (_items) return _items.ToArray(); } }

    public void Add(long at, long receipt, Guid conversation) { lock (_items) _items.Add((at, receipt, conversation)); }

    public void Clear() { lock (_items) _items.Clear(); }
}
