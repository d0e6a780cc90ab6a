using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace ShuttlePro.Tests.Support;

/// <summary>A client of /hubs/inbox over real WebSockets (bearer token), collecting the events the server sends.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();

    public HubClient(Uri baseAddress, string token)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/inbox"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        _connection.On<JsonElement>("event", e => _events.Writer.TryWrite(e));
    }

    /// <summary>Every event read so far while waiting.</summary>
    public List<JsonElement> Received { get; } = [];

    public Task StartAsync() => _connection.StartAsync();

    public Task<JsonElement> InvokeAsync(string method, params object[] args) => _connection.InvokeCoreAsync<JsonElement>(method, args);

    /// <summary>Waits for the first event that matches, remembering every event seen on the way; fails after <paramref name="within"/> (10 s by default).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(10);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                Received.Add(e);
                if (match(e)) return e;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching event within {limit.TotalSeconds:0.#} s; got: "
                                       + string.Join(", ", Received.Select(r => r.GetProperty("type").GetString())));
        }
    }

    public Task<JsonElement> WaitForAsync(string type, string conversationId) =>
        WaitForAsync(e => e.GetProperty("type").GetString() == type && e.GetProperty("conversationId").GetString() == conversationId);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
