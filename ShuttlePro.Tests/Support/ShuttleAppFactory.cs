using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Demo;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// The whole app (Program) on its own SQLite file with the demo organisation seeded and the customer simulator off.
/// <see cref="ShuttleServerFactory"/> runs it on a real loopback port for browsers and WebSockets.
/// </summary>
public class ShuttleAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory? _directory;
    private readonly Dictionary<string, string> _tokens = [];
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    public ShuttleAppFactory() : this(null, null)
    {
    }

    /// <summary>On a fresh database, or (<paramref name="databasePath"/>) on another instance's, with extra settings and host set-up.</summary>
    protected ShuttleAppFactory(string? databasePath, IReadOnlyDictionary<string, string>? settings, Action<IWebHostBuilder>? configure = null)
    {
        if (databasePath is null) _directory = new TempDirectory();
        DatabasePath = databasePath ?? Path.Combine(_directory!.Path, "shuttlepro.db");
        _settings = settings ?? new Dictionary<string, string>();
        _configure = configure;
    }

    /// <summary>Another instance of the app on an existing database, as a second server behind a load balancer.</summary>
    public static ShuttleAppFactory AnotherInstance(string databasePath) => new(databasePath, null);

    /// <summary>The app in memory on a fresh database, with extra settings.</summary>
    public static ShuttleAppFactory WithSettings(IReadOnlyDictionary<string, string> settings) => new(null, settings);

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ShuttlePro", $"Data Source={DatabasePath}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Simulator", "false");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        _configure?.Invoke(builder);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A bearer token for a demo account (cached: tokens are valid for hours).</summary>
    public async Task<string> TokenAsync(string email)
    {
        lock (_tokens)
        {
            if (_tokens.TryGetValue(email, out var cached)) return cached;
        }
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoOptions.DefaultPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        lock (_tokens) _tokens[email] = token;
        return token;
    }

    /// <summary>An API client signed in as a demo account.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email));
        return client;
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _directory?.Dispose();
    }
}

/// <summary>The app on Kestrel, on a free loopback port: what browsers and WebSocket clients talk to.</summary>
public sealed class ShuttleServerFactory : ShuttleAppFactory
{
    public ShuttleServerFactory() : this(null, null)
    {
    }

    private ShuttleServerFactory(string? databasePath, IReadOnlyDictionary<string, string>? settings, Action<IWebHostBuilder>? configure = null)
        : base(databasePath, settings, configure)
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => new Uri(a.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"))).First();
    }

    public Uri BaseAddress { get; }

    /// <summary>A server with extra settings, on a fresh database or (<paramref name="databasePath"/>) on another instance's.</summary>
    public static ShuttleServerFactory With(IReadOnlyDictionary<string, string> settings, string? databasePath = null,
        Action<IWebHostBuilder>? configure = null) => new(databasePath, settings, configure);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
    }
}
