using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ShuttlePro.Bench;

/// <summary>What the clients received: each (at, receipt, conversation) in UTC ticks, how many each client got, one event's size.</summary>
sealed record Receipts(IReadOnlyList<(long At, long Receipt, Guid Conversation)> Items, int[] PerClient, int EventBytes);

/// <summary>
/// N hub clients noting when each <c>conversation.updated</c> (or the echo hub's event) arrives, either in the bench's own
/// process or in a child process of their own (<c>hubclients</c>), so that the server and the clients have separate GCs and
/// thread pools, as on real machines (they still share the two cores). Receipt times are the system clock in both cases.
/// </summary>
abstract class HubClients : IAsyncDisposable
{
    public static HubClients Create(bool outOfProcess) => outOfProcess ? new ChildProcessClients() : new InProcessClients();

    public abstract string Where { get; }

    /// <summary>Connects <paramref name="count"/> clients (a null token for the echo hub); returns how long it took.</summary>
    public abstract Task<TimeSpan> ConnectAsync(Uri url, string? token, int count);

    /// <summary>Events received so far by all clients together (read often while a run drains).</summary>
    public abstract long Count { get; }

    public abstract Task ClearAsync();

    public abstract Task<Receipts> ReceiptsAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>The child process: <c>hubclients &lt;url&gt; &lt;token|-&gt; &lt;count&gt;</c>, driven by lines on stdin.</summary>
    public static async Task RunChildAsync(string[] args)
    {
        await using var clients = new InProcessClients();
        var connectTime = await clients.ConnectAsync(new Uri(args[0]), args[1] == "-" ? null : args[1], int.Parse(args[2]));
        var output = TextWriter.Synchronized(Console.Out);
        output.WriteLine($"connected {connectTime.TotalMilliseconds:F0}");
        using var stop = new CancellationTokenSource();
        var counting = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(stop.Token)) output.WriteLine($"count {clients.Count}");
        });
        while (await Console.In.ReadLineAsync() is { } command && command != "quit")
        {
            if (command == "clear")
            {
                await clients.ClearAsync();
                output.WriteLine("cleared");
            }
            else if (command.StartsWith("dump ", StringComparison.Ordinal))
            {
                var receipts = await clients.ReceiptsAsync();
                await using (var file = new BinaryWriter(File.Create(command[5..])))
                {
                    file.Write(receipts.EventBytes);
                    file.Write(receipts.PerClient.Length);
                    foreach (var n in receipts.PerClient) file.Write(n);
                    file.Write(receipts.Items.Count);
                    foreach (var (at, receipt, conversation) in receipts.Items)
                    {
                        file.Write(at);
                        file.Write(receipt);
                        file.Write(conversation.ToByteArray());
                    }
                }
                output.WriteLine("dumped");
            }
        }
        stop.Cancel();
        try { await counting; } catch (OperationCanceledException) { }
    }

    private sealed class InProcessClients : HubClients
    {
        private List<HubConnection> _connections = [];
        private Sink[] _sinks = [];

        public override string Where => "in the bench's process";

        public override async Task<TimeSpan> ConnectAsync(Uri url, string? token, int count)
        {
            _sinks = Enumerable.Range(0, count).Select(_ => new Sink()).ToArray();
            var (connections, elapsed) = await BenchHub.ConnectAsync(count, i =>
            {
                var connection = BenchHub.Build(url, token);
                var sink = _sinks[i];
                connection.On<JsonElement>("event", e =>
                {
                    var receipt = DateTimeOffset.UtcNow.UtcTicks;
                    var type = e.GetProperty("type").GetString();
                    if (type != "conversation.updated" && type != "echo") return;
                    var conversation = e.TryGetProperty("conversationId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : Guid.Empty;
                    sink.Add(e.GetProperty("at").GetDateTimeOffset().UtcTicks, receipt, conversation);
                    if (sink.Bytes == 0) sink.Bytes = e.GetRawText().Length;
                });
                return connection;
            });
            _connections = connections;
            return elapsed;
        }

        public override long Count => _sinks.Sum(s => (long)s.Count);

        public override Task ClearAsync()
        {
            foreach (var sink in _sinks) sink.Clear();
            return Task.CompletedTask;
        }

        public override Task<Receipts> ReceiptsAsync() => Task.FromResult(new Receipts(
            _sinks.SelectMany(s => s.Items).ToList(), _sinks.Select(s => s.Count).ToArray(), _sinks.FirstOrDefault(s => s.Bytes > 0)?.Bytes ?? 0));

        public override async ValueTask DisposeAsync() => await BenchHub.DisposeAllAsync(_connections);
    }

    private sealed class ChildProcessClients : HubClients
    {
        private Process? _child;
        private long _count;
        private TaskCompletionSource<string> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _reading = Task.CompletedTask;

        public override string Where => "in a child process";

        public override async Task<TimeSpan> ConnectAsync(Uri url, string? token, int count)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            // Run as `dotnet ShuttlePro.Bench.dll` or as the apphost, whichever started this process.
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(HubClients).Assembly.Location);
            foreach (var arg in new[] { "hubclients", url.ToString(), token ?? "-", count.ToString() }) start.ArgumentList.Add(arg);
            start.Environment["DOTNET_gcServer"] = "1";
            _child = Process.Start(start) ?? throw new InvalidOperationException("The client process did not start.");
            _reading = Task.Run(ReadAsync);
            var connected = await NextAnswerAsync(TimeSpan.FromMinutes(5));
            return TimeSpan.FromMilliseconds(double.Parse(connected["connected ".Length..]));
        }

        private async Task ReadAsync()
        {
            while (await _child!.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("count ", StringComparison.Ordinal)) Volatile.Write(ref _count, long.Parse(line[6..]));
                else _answer.TrySetResult(line);
            }
            _answer.TrySetException(new InvalidOperationException("The client process ended."));
        }

        private async Task<string> NextAnswerAsync(TimeSpan within)
        {
            var answer = await _answer.Task.WaitAsync(within);
            _answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            return answer;
        }

        private async Task<string> AskAsync(string command)
        {
            await _child!.StandardInput.WriteLineAsync(command);
            await _child.StandardInput.FlushAsync();
            return await NextAnswerAsync(TimeSpan.FromMinutes(2));
        }

        public override long Count => Volatile.Read(ref _count);

        public override async Task ClearAsync()
        {
            await AskAsync("clear");
            Volatile.Write(ref _count, 0);
        }

        public override async Task<Receipts> ReceiptsAsync()
        {
            var path = Path.Combine(Path.GetTempPath(), $"shuttlepro-receipts-{Guid.NewGuid():N}.bin");
            await AskAsync("dump " + path);
            try
            {
                using var file = new BinaryReader(File.OpenRead(path));
                var bytes = file.ReadInt32();
                var perClient = Enumerable.Range(0, file.ReadInt32()).Select(_ => file.ReadInt32()).ToArray();
                var items = Enumerable.Range(0, file.ReadInt32())
                    .Select(_ => (file.ReadInt64(), file.ReadInt64(), new Guid(file.ReadBytes(16)))).ToList();
                return new Receipts(items, perClient, bytes);
            }
            finally
            {
                File.Delete(path);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_child is null) return;
            await _child.StandardInput.WriteLineAsync("quit");
            await _child.StandardInput.FlushAsync();
            if (!_child.WaitForExit(TimeSpan.FromSeconds(30))) _child.Kill();
            await _reading;
            _child.Dispose();
        }
    }

    /// <summary>What one client received. The SignalR client calls a connection's handlers one at a time.</summary>
    private sealed class Sink
    {
        private readonly List<(long At, long Receipt, Guid Conversation)> _items = [];

        public int Bytes { get; set; }

        public int Count { get { lock (_items) return _items.Count; } }

        public IReadOnlyList<(long At, long Receipt, Guid Conversation)> Items { get { lock (_items) return _items.ToArray(); } }

        public void Add(long at, long receipt, Guid conversation) { lock (_items) _items.Add((at, receipt, conversation)); }

        public void Clear() { lock (_items) _items.Clear(); }
    }
}
