using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback port standing in for Meta's Graph API: it records every send request and answers
/// as <see cref="Respond"/> says (a wamid by default; 5xx, 429 or a permanent error when a test wants one).
/// </summary>
public sealed class LoopbackGraphApi : IAsyncDisposable
{
    /// <summary>One request as it arrived: <see cref="Wire"/> is everything that travelled (URL, every header, the raw body).</summary>
    public sealed record Received(int Index, string Path, string? Authorization, JsonObject Body, string Wire = "")
    {
        public string? To => Body["to"]?.GetValue<string>();
        public string? Text => Body["text"]?["body"]?.GetValue<string>();
    }

    /// <summary>What to answer: status, JSON body, an optional Retry-After, and optionally a wait before answering.</summary>
    public sealed record Answer(int Status, JsonNode Body, TimeSpan? RetryAfter = null, Task? HoldUntil = null);

    private readonly WebApplication _app;
    private int _count;

    private LoopbackGraphApi(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Func<Received, Answer> Respond { get; set; } = request => Accepted($"wamid.loopback.{request.Index}");

    public string BaseUrl { get; private set; } = "";

    public static Answer Accepted(string wamid) => new(200, new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["contacts"] = new JsonArray(new JsonObject { ["input"] = "x", ["wa_id"] = "x" }),
        ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid }),
    });

    public static Answer Error(int status, int code, string title, TimeSpan? retryAfter = null) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = $"({code}) {title}",
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_user_title"] = title,
            ["fbtrace_id"] = "loopback",
        },
    }, retryAfter);

    public static async Task<LoopbackGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackGraphApi(app);
        app.MapPost("/v21.0/{phoneNumberId}/messages", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var raw = await reader.ReadToEndAsync(http.RequestAborted);
            var body = JsonNode.Parse(raw)!.AsObject();
            var wire = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"
                       + string.Concat(http.Request.Headers.Select(h => $"{h.Key}: {h.Value}\n")) + "\n" + raw;
            var received = new Received(Interlocked.Increment(ref graph._count), http.Request.Path, http.Request.Headers.Authorization, body, wire);
            graph.Requests.Enqueue(received);
            var answer = graph.Respond(received);
            if (answer.HoldUntil is { } hold) await hold.WaitAsync(http.RequestAborted);
            http.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.Body.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUrl = address.TrimEnd('/') + "/v21.0";
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
