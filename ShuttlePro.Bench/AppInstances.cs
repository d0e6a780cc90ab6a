using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ShuttlePro.Bench;

/// <summary>
/// Several instances of the app as separate processes (<c>dotnet ShuttlePro.Web.dll --urls …</c>, each with its own GC
/// and thread pool, as behind a load balancer) on one fresh SQLite file, optionally sharing live events through a real
/// Debian <c>redis-server</c> (<c>LiveEvents:Redis</c>). The first instance migrates and seeds the demo organisation
/// before the next one starts. Each instance's console output goes to a log file next to the database, read afterwards
/// for the busy-lock errors two processes on one SQLite file run into.
/// </summary>
sealed class AppCluster : IAsyncDisposable
{
    /// <summary>The webhook secret every instance is given (the bench signs with it).</summary>
    public const string AppSecret = "bench-app-secret";

    private readonly string _directory;

    private AppCluster(string directory, RedisProcess? redis, IReadOnlyList<AppProcess> instances)
    {
        _directory = directory;
        Redis = redis;
        Instances = instances;
    }

    public RedisProcess? Redis { get; }

    public IReadOnlyList<AppProcess> Instances { get; }

    public string DatabasePath => Path.Combine(_directory, "bench.db");

    /// <summary>"2 instances, Redis bus" and the like.</summary>
    public string Name => $"{Instances.Count} instance{(Instances.Count == 1 ? "" : "s")}, {(Redis is null ? "in-process bus" : "Redis bus")}";

    public static async Task<AppCluster> StartAsync(int instances, bool redis)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shuttlepro-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var redisProcess = redis ? await RedisProcess.StartAsync(directory) : null;
        var started = new List<AppProcess>();
        try
        {
            for (var i = 0; i < instances; i++)
                started.Add(await AppProcess.StartAsync(((char)('A' + i)).ToString(), directory, Path.Combine(directory, "bench.db"),
                    redisProcess?.ConnectionString));
        }
        catch
        {
            foreach (var instance in started) await instance.DisposeAsync();
            if (redisProcess is not null) await redisProcess.DisposeAsync();
            throw;
        }
        return new AppCluster(directory, redisProcess, started);
    }

    /// <summary>Processor time of each instance so far (read from /proc by the runtime).</summary>
    public TimeSpan[] ProcessorTimes() => Instances.Select(i => i.ProcessorTime).ToArray();

    /// <summary>Each instance's share of the machine since <paramref name="from"/>, over <paramref name="wall"/>.</summary>
    public string DescribeCpu(TimeSpan[] from, TimeSpan wall) => string.Join(", ", Instances.Select((instance, i) =>
        $"{instance.Name} {(instance.ProcessorTime - from[i]).TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount:P0}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances) await instance.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }
}

/// <summary>One instance of the app in a child process, on a free loopback port, its output in a log file.</summary>
sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(string name, Uri baseAddress, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(string name, string directory, string databasePath, string? redis)
    {
        var port = Loopback.FreePort();
        // The bench's output folder holds ShuttlePro.Web.dll with its runtimeconfig, deps and appsettings.json (a project reference).
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ShuttlePro.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__ShuttlePro"] = $"Data Source={databasePath}",
                ["Demo__Simulator"] = "false",
                ["RateLimits__SignInPerMinute"] = "1000",
                ["Logging__LogLevel__Default"] = "Warning",
                ["WhatsApp__AppSecret"] = AppCluster.AppSecret,
            },
        };
        if (redis is not null) start.Environment["LiveEvents__Redis"] = redis;
        var logPath = Path.Combine(directory, $"instance-{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start)!;
        void Write(string? line)
        {
            if (line is null) return;
            lock (log) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new AppProcess(name, new Uri($"http://127.0.0.1:{port}"), process, log, logPath);
        try
        {
            await instance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
        return instance;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < within)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Instance {Name} exited with {_process.ExitCode}; see {LogPath}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Instance {Name} did not become healthy within {within.TotalSeconds} s; see {LogPath}:\n{Tail()}");
    }

    /// <summary>How many lines of the log so far contain <paramref name="text"/>.</summary>
    public int CountInLog(string text)
    {
        lock (_log) return File.ReadLines(LogPath).Count(line => line.Contains(text, StringComparison.Ordinal));
    }

    private string Tail()
    {
        lock (_log) return string.Join('\n', File.ReadLines(LogPath).TakeLast(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}

/// <summary>Debian's redis-server on a free loopback port, no persistence, for as long as the bench needs it.</summary>
sealed class RedisProcess : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private readonly Process _process;

    private RedisProcess(int port, Process process)
    {
        ConnectionString = $"127.0.0.1:{port}";
        _process = process;
    }

    public string ConnectionString { get; }

    public static async Task<RedisProcess> StartAsync(string directory)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"redis-server is not installed at {Executable} (apt-get install redis-server).");
        var port = Loopback.FreePort();
        var process = Process.Start(new ProcessStartInfo(Executable,
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory])
        {
            RedirectStandardOutput = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        await Loopback.WaitForListenerAsync(port, TimeSpan.FromSeconds(10));
        return new RedisProcess(port, process);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

static class Loopback
{
    /// <summary>A port that was free a moment ago (the usual race, harmless on a bench machine).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task WaitForListenerAsync(int port, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }
}
