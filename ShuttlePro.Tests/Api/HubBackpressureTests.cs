using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Live;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// A hub client that stops reading (a frozen laptop, a dead network path) must not hold up anyone else's live events,
/// must not make the server queue without bound, and once it reads again is told to resync.
/// </summary>
public sealed class HubBackpressureTests : IAsyncLifetime
{
    private const int Capacity = 32;
    private ShuttleServerFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = ShuttleServerFactory.With(new Dictionary<string, string> { ["LiveEvents:SubscriberQueueCapacity"] = Capacity.ToString() });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly Guid Conversation = Guid.NewGuid();

    // A note of 20 KB on a conversation of team 1 (the supervisor sees every team); notes feed no server-side tracker.
    private static NoteAdded Bulky(int i) => new(new NoteView(Guid.NewGuid(), Conversation, $"note-{i} " + new string('x', 20_000),
        Guid.NewGuid(), "Ayesha", DateTimeOffset.UtcNow, false, []), ConversationAccess.OfTeam(1), DateTimeOffset.UtcNow);

    private static bool IsNote(JsonElement e, string? prefix = null) =>
        e.GetProperty("type").GetString() == "note.added" && (prefix is null || e.GetProperty("data").GetProperty("body").GetString()!.StartsWith(prefix));

    [Fact]
    public async Task AClientThatStopsReadingShouldNotHoldUpOthersAndShouldBeToldToResyncWhenItReadsAgain()
    {
        var token = await _server.TokenAsync("imran@shuttlepro.test");
        await using var reading = new HubClient(_server.BaseAddress, token);
        await reading.StartAsync();
        using var stalled = await StalledClient.ConnectAsync(_server.BaseAddress, token);
        var live = _server.Get<ILiveEvents>();
        // The server subscribes a connection in the hub's OnConnected, just after the handshake the clients wait for.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            while (_server.Get<HubSubscriptions>().Count < 2) await Task.Delay(10, timeout.Token);

        // 40 MB of events, far more than the sockets and pipes between the server and the stalled client hold, in rounds
        // the reading client keeps up with.
        const int rounds = 125, perRound = 16;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < perRound; i++) await live.PublishAsync(Bulky(round * perRound + i));
            var last = $"note-{round * perRound + perRound - 1} ";
            await reading.WaitForAsync(e => IsNote(e, last));
        }
        Assert.Equal(rounds * perRound, reading.Received.Count(e => IsNote(e)));
        Assert.DoesNotContain(reading.Received, e => e.GetProperty("type").GetString() == "resync");

        // The stalled client reads again: it gets part of the burst, then the resync, then new events as usual.
        var afterwards = await stalled.ReadUntilAsync(e => e.GetProperty("type").GetString() == "resync");
        var missedSome = afterwards.Count(e => IsNote(e));
        Assert.InRange(missedSome, 1, rounds * perRound - 1);
        await live.PublishAsync(Bulky(-1));
        await stalled.ReadUntilAsync(e => IsNote(e, "note--1 "));
    }

    /// <summary>
    /// A raw SignalR JSON client over a WebSocket that reads only when asked to. It still pings, as a client whose
    /// reading has stalled would, so the server keeps the connection (it drops clients silent for 30 s).
    /// </summary>
    private sealed class StalledClient : IDisposable
    {
        private const char RecordSeparator = '\u001e';
        private readonly StringBuilder _pending = new();
        private readonly ClientWebSocket _socket;
        private readonly CancellationTokenSource _stop = new();

        private StalledClient(ClientWebSocket socket)
        {
            _socket = socket;
            _ = PingAsync();
        }

        private async Task PingAsync()
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await _socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator), WebSocketMessageType.Text, true, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
            {
            }
        }

        public static async Task<StalledClient> ConnectAsync(Uri baseAddress, string token)
        {
            var socket = new ClientWebSocket();
            var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/inbox", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
            await socket.ConnectAsync(url, CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator),
                WebSocketMessageType.Text, true, CancellationToken.None);
            await ReadHandshakeAsync(socket);
            return new StalledClient(socket);
        }

        /// <summary>Reads the server's <c>event</c> invocations until one matches; all of them, in order.</summary>
        public async Task<List<JsonElement>> ReadUntilAsync(Func<JsonElement, bool> match)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var seen = new List<JsonElement>();
            while (true)
            {
                using var record = JsonDocument.Parse(await ReadRecordAsync(timeout.Token));
                var root = record.RootElement;
                if (!root.TryGetProperty("target", out var target) || target.GetString() != "event") continue;
                var e = root.GetProperty("arguments")[0].Clone();
                seen.Add(e);
                if (match(e)) return seen;
            }
        }

        private async Task<string> ReadRecordAsync(CancellationToken cancellationToken = default)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var text = _pending.ToString();
                var end = text.IndexOf(RecordSeparator);
                if (end >= 0)
                {
                    _pending.Remove(0, end + 1);
                    return text[..end];
                }
                var read = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (read.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The server closed the connection.");
                _pending.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            }
        }

        private static async Task ReadHandshakeAsync(ClientWebSocket socket)
        {
            var buffer = new byte[1024];
            var answer = new StringBuilder();
            while (!answer.ToString().Contains(RecordSeparator))
                answer.Append(Encoding.UTF8.GetString(buffer, 0, (await socket.ReceiveAsync(buffer, CancellationToken.None)).Count));
            Assert.Equal("{}" + RecordSeparator, answer.ToString());
        }

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
        }
    }
}
