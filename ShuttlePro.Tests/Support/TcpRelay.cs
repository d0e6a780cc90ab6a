using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// A TCP relay on a loopback port of its own in front of the app, as a proxy would be: a browser keeps talking to its
/// address while a test points it at a restarted server, cuts every connection (a network blip: resets, then refusals
/// until <see cref="Restore"/>), or silently stops passing bytes (<see cref="Freeze"/>: a network gone without a
/// goodbye, noticed only by timeouts). Playwright's offline mode cannot do this: it leaves WebSockets alone.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private enum Mode { Open, Refusing, Frozen }

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly Task _accepting;
    private volatile Uri _target;
    private volatile Mode _mode = Mode.Open;

    public TcpRelay(Uri target)
    {
        _target = target;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>Where clients connect: it stays the same whatever server is behind it.</summary>
    public Uri Address { get; }

    /// <summary>New connections go to <paramref name="target"/> (a server restarted on another port).</summary>
    public void PointAt(Uri target) => _target = target;

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _mode = Mode.Refusing;
        foreach (var link in _links.Keys) link.Reset();
    }

    /// <summary>Bytes stop flowing both ways on every connection, old and new; nothing is closed.</summary>
    public void Freeze() => _mode = Mode.Frozen;

    public void Restore() => _mode = Mode.Open;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        if (_mode == Mode.Refusing)
        {
            Link.ResetSocket(client);
            return;
        }
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var target = _target;
            await server.ConnectAsync(target.Host, target.Port, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Nobody there (a server restarting): the client sees its connection fail, as with a refused port.
            Link.ResetSocket(client);
            Link.ResetSocket(server);
            return;
        }
        var link = new Link(client, server);
        _links[link] = 0;
        try
        {
            await Task.WhenAll(PumpAsync(client, server, link.Token), PumpAsync(server, client, link.Token));
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Reset();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                if (_mode == Mode.Frozen) continue; // swallowed, as by a dead network
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the other side went, or the link was cut
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var link in _links.Keys) link.Reset();
        await _accepting;
        _stop.Dispose();
    }

    private sealed class Link(Socket client, Socket server)
    {
        private readonly CancellationTokenSource _cut = new();

        public CancellationToken Token => _cut.Token;

        public void Reset()
        {
            try
            {
                _cut.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            ResetSocket(client);
            ResetSocket(server);
        }

        /// <summary>Closes with a reset (no lingering, no orderly goodbye), as a dropped network path looks to a browser.</summary>
        public static void ResetSocket(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            socket.Dispose();
        }
    }
}
