using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShuttlePro.Bench;

/// <summary>
/// The app on Kestrel on a free loopback port, on a fresh SQLite file in a folder of its own (deleted afterwards), with
/// the demo organisation and no simulated customers.
/// </summary>
sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shuttlepro-bench", Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _services;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="services">Services a benchmark adds to the app's (counters it reads, say).</param>
    /// <param name="settings">Configuration a benchmark sets on top of the defaults below.</param>
    public BenchApp(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _services = services;
        _settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(_directory, "bench.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:ShuttlePro", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Simulator", "false");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is { } services) builder.ConfigureServices(services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, true); } catch (IOException) { }
    }
}

/// <summary>Latency percentiles as the benchmarks print them.</summary>
static class Latency
{
    public static string Describe(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double P(double q) => Percentile(sorted, q);
        return $"p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {sorted[^1]:F1} ms";
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile <paramref name="q"/> (0..1) of values sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
