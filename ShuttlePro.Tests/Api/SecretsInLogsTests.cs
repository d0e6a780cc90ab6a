using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Demo;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Hosting;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// With every category logging at Trace, nothing secret reaches a log: not a password, not a bearer token (the hub's
/// travels in its URL), not the webhook's app secret, signature or verify token, not a channel's access token.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string AppSecret = "app-secret-for-logs-0001";
    private const string VerifyToken = "verify-token-for-logs-0002";
    private const string ChannelToken = "EAAG-channel-token-for-logs-0003";
    private const string WrongPassword = "wrong-password-for-logs-0004";

    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackGraphApi _graph = null!;
    private ShuttleServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        _graph = await LoopbackGraphApi.StartAsync();
        _server = ShuttleServerFactory.With(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
            ["WhatsApp:AppSecret"] = AppSecret,
            ["WhatsApp:VerifyToken"] = VerifyToken,
            ["WhatsApp:GraphApiBaseUrl"] = _graph.BaseUrl,
            ["WhatsApp:Channels:0:AccessToken"] = ChannelToken,
        }, configure: builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task NoSecretShouldReachTheLogsAtAnyLevel()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        // Sign-in: a wrong password, then a token; the token on the API and on the hub (in the WebSocket URL).
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "ayesha@shuttlepro.test", password = WrongPassword })).StatusCode);
        var token = await _server.TokenAsync("ayesha@shuttlepro.test");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/me")).StatusCode);
        // As a browser connects (WebSockets cannot carry headers there): the token in the query string.
        using (var socket = new ClientWebSocket())
        {
            var url = new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = "/hubs/inbox", Query = "access_token=" + Uri.EscapeDataString(token) };
            await socket.ConnectAsync(url.Uri, CancellationToken.None);
            await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            var answer = new byte[64];
            Assert.Equal("{}\u001e", Encoding.UTF8.GetString(answer, 0, (await socket.ReceiveAsync(answer, CancellationToken.None)).Count));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        // Meta: subscribing the webhook (verify token in the URL), a signed message, a reply sent with the channel's token.
        Assert.Equal("42", await http.GetStringAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=42"));
        var body = Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(EndToEnd.BrowserFixture.ZeenatNumber, "+92 300 1112233", "923001230404",
            "Log Test", $"wamid.logs.{Guid.NewGuid():N}", "Order kab aayega?", DateTimeOffset.UtcNow));
        var signature = WebhookSignature.Sign(body, AppSecret);
        using (var content = new ByteArrayContent(body))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.Add(WebhookSignature.Header, signature);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webhooks/whatsapp", content)).StatusCode);
        }
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/conversations?view=unassigned&q=Log%20Test");
        var conversation = list.EnumerateArray().Single().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created,
            (await http.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { body = "Kal tak pohanch jayega." })).StatusCode);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            while (!_graph.Requests.Any(r => r.Authorization == "Bearer " + ChannelToken)) await Task.Delay(20, timeout.Token);

        var lines = _logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("/hubs/inbox", StringComparison.Ordinal)); // the URLs were logged, redacted
        Assert.Contains(lines, l => l.Contains("access_token=" + SecretRedactor.Mask, StringComparison.Ordinal));
        foreach (var secret in new[] { token, DemoOptions.DefaultPassword, WrongPassword, AppSecret, VerifyToken, ChannelToken, signature["sha256=".Length..] })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>Every log entry as a sink would write it: the message, each structured value, the exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                provider.Lines.Enqueue($"{category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
