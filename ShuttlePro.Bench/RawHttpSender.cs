using System.Net.Sockets;
using System.Text;

namespace ShuttlePro.Bench;

/// <summary>
/// A lean HTTP/1.1 load generator: one keep-alive socket, requests pre-serialised, responses read just far enough to know
/// their status. It spends far less CPU than HttpClient, so on a two-core machine the numbers are more the server's.
/// </summary>
sealed class RawHttpSender : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawHttpSender(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawHttpSender> ConnectAsync(Uri server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port);
        return new RawHttpSender(socket);
    }

    public static byte[] Request(Uri server, string path, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    /// <summary>Sends one request and returns the response's status code once the whole response is read.</summary>
    public async Task<int> SendAsync(byte[] request)
    {
        await _stream.WriteAsync(request);
        var headerEnd = await ReadUntilAsync("\r\n\r\n"u8.ToArray());
        var headers = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var status = int.Parse(headers.AsSpan(9, 3));
        var lengthAt = headers.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        if (lengthAt >= 0)
        {
            var length = int.Parse(headers.AsSpan(lengthAt + 15, headers.IndexOf('\r', lengthAt) is var e and > 0 ? e - lengthAt - 15 : headers.Length - lengthAt - 15).Trim());
            await SkipAsync(length);
        }
        else
        {
            // Chunked: size line, data, CRLF, until the zero-size chunk and its closing CRLF.
            while (true)
            {
                var lineEnd = await ReadUntilAsync("\r\n"u8.ToArray());
                var size = Convert.ToInt32(Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0], 16);
                _start = lineEnd + 2;
                await SkipAsync(size + 2);
                if (size == 0) break;
            }
        }
        return status;
    }

    private async Task<int> ReadUntilAsync(byte[] marker)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (found >= 0) return _start + found;
            await FillAsync();
        }
    }

    private async Task SkipAsync(int count)
    {
        while (_end - _start < count)
        {
            count -= _end - _start;
            _start = _end;
            await FillAsync();
        }
        _start += count;
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end));
        if (read == 0) throw new IOException("The server closed the connection.");
        _end += read;
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
