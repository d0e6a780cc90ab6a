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

    public static async Task DisposeAllAsync(IEnumerable<HubConnection> connections) =>
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
}
