using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ShuttlePro.Bench;

// Live reply fan-out: one agent replies through the API while many hub connections (each a live-event subscriber,
// like a browser circuit) watch. Measures the reply's HTTP latency and the time until the LAST watcher has it.
//   dotnet run -c Release --project ShuttlePro.Bench -- fanout [watchers=200] [replies=300]
internal static class LiveFanOut
{
    public static async Task RunAsync(string[] args)
    {
        var watchers = args.Length > 0 ? int.Parse(args[0]) : 200;
        var replies = args.Length > 1 ? int.Parse(args[1]) : 300;

        await using var app = new BenchApp();
        var baseAddress = app.BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress };

        Task<string> TokenAsync(string email) => BenchHub.TokenAsync(http, email);

        var watcherToken = await TokenAsync("bilal@shuttlepro.test");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("ayesha@shuttlepro.test"));
        var mine = (await http.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=mine&status=open"))
            .EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        // messageId -> how many watchers have it, and when the last one did
        var arrivals = new ConcurrentDictionary<string, int>();
        var complete = new ConcurrentDictionary<string, long>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < watchers; i++)
        {
            var connection = BenchHub.Build(new Uri(baseAddress, "/hubs/inbox"), watcherToken);
            connection.On<JsonElement>("event", e =>
            {
                if (e.GetProperty("type").GetString() != "message.added") return;
                var id = e.GetProperty("data").GetProperty("id").GetString()!;
                if (arrivals.AddOrUpdate(id, 1, (_, n) => n + 1) == watchers) complete[id] = Stopwatch.GetTimestamp();
            });
            await connection.StartAsync();
            connections.Add(connection);
        }
        Console.WriteLine($"{watchers} hub watchers connected; {replies} replies over {mine.Count} owned conversations");

        var postLatencies = new List<double>();
        var fanOutLatencies = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < replies; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync($"/api/v1/conversations/{mine[i % mine.Count]}/messages", new { body = $"Bench reply {i}" });
            response.EnsureSuccessStatusCode();
            postLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var wait = Stopwatch.StartNew();
            while (!complete.ContainsKey(id))
            {
                if (wait.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"reply {i} reached {arrivals.GetValueOrDefault(id)} of {watchers} watchers");
                await Task.Delay(1);
            }
            fanOutLatencies.Add(Stopwatch.GetElapsedTime(started, complete[id]).TotalMilliseconds);
        }
        total.Stop();


        Console.WriteLine($"reply (POST → 201):                 {Latency.Describe(postLatencies)}");
        Console.WriteLine($"reply → all {watchers} watchers have it: {Latency.Describe(fanOutLatencies)}");
        Console.WriteLine($"{replies / total.Elapsed.TotalSeconds:F0} replies/s sequential, {replies * watchers / total.Elapsed.TotalSeconds:F0} deliveries/s");
        // Collisions seen before they happen: Ayesha starts and stops typing (taking and releasing the reply lock)
        // in an unowned conversation; how long until every watcher sees who holds the lock?
        var queue = (await http.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=unassigned&status=open"))
            .EnumerateArray().First().GetProperty("id").GetString()!;
        var lockSeen = new ConcurrentDictionary<int, int>();
        var lockComplete = new ConcurrentDictionary<int, long>();
        var expected = 0;
        foreach (var connection in connections)
            connection.On<JsonElement>("event", e =>
            {
                if (e.GetProperty("type").GetString() != "presence.changed" || e.GetProperty("conversationId").GetString() != queue) return;
                var held = e.GetProperty("data").GetProperty("lock").ValueKind == JsonValueKind.Object;
                var round = Volatile.Read(ref expected);
                if (held != (round % 2 == 1)) return;
                if (lockSeen.AddOrUpdate(round, 1, (_, n) => n + 1) == watchers) lockComplete[round] = Stopwatch.GetTimestamp();
            });
        var typist = BenchHub.Build(new Uri(baseAddress, "/hubs/inbox"), http.DefaultRequestHeaders.Authorization!.Parameter);
        await typist.StartAsync();
        var lockLatencies = new List<double>();
        for (var round = 1; round <= 100; round++)
        {
            Volatile.Write(ref expected, round);
            var started = Stopwatch.GetTimestamp();
            await typist.InvokeAsync<JsonElement>("Typing", Guid.Parse(queue), round % 2 == 1);
            var wait = Stopwatch.StartNew();
            while (!lockComplete.ContainsKey(round))
            {
                if (wait.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"round {round} reached {lockSeen.GetValueOrDefault(round)} of {watchers}");
                await Task.Delay(1);
            }
            lockLatencies.Add(Stopwatch.GetElapsedTime(started, lockComplete[round]).TotalMilliseconds);
        }
        Console.WriteLine($"typing → all {watchers} watchers see the lock: {Latency.Describe(lockLatencies)}");
        await typist.DisposeAsync();

        foreach (var connection in connections) await connection.DisposeAsync();
    }
}
