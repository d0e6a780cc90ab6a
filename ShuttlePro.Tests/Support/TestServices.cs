using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ShuttlePro.Core;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// Core's services over a fresh, migrated SQLite file of its own (never the EF in-memory provider), with a fake
/// clock. One per test class; the file is deleted afterwards.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private readonly Action<IServiceCollection>? _configure;
    private readonly IConfiguration _configuration;

    private TestServices(TempDirectory directory, FakeTimeProvider clock, IConfiguration configuration, Action<IServiceCollection>? configure)
    {
        _directory = directory;
        Clock = clock;
        _configuration = configuration;
        _configure = configure;
        Services = Build();
    }

    public ServiceProvider Services { get; private set; }
    public FakeTimeProvider Clock { get; }
    public string DatabasePath => Path.Combine(_directory.Path, "shuttlepro.db");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ConversationService Conversations => Get<ConversationService>();
    public ConversationQueries Queries => Get<ConversationQueries>();

    public static async Task<TestServices> CreateAsync(Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var directory = new TempDirectory();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ShuttlePro"] = $"Data Source={Path.Combine(directory.Path, "shuttlepro.db")}",
            ["Demo:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var app = new TestServices(directory, clock, configuration, configure);
        await app.Services.MigrateDatabaseAsync();
        await app.Get<OrganisationSetup>().EnsureRolesAsync();
        await app.Get<ShuttlePro.Core.Tickets.TicketSettingsService>().EnsureDefaultsAsync();
        return app;
    }

    /// <summary>
    /// A process restart: every singleton (dispatchers, caches, presence) is thrown away and built again on the same
    /// database file; only what was committed survives.
    /// </summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Services = Build();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        // Keys outlive a restart, as they do in the database in production.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_directory.Path, "keys")));
        services.AddShuttleCore(_configuration);
        _configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task<ShuttleDbContext> DbAsync() => await Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();

    public async Task<Team> CreateTeamAsync(string name)
    {
        await using var db = await DbAsync();
        var team = new Team(name);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    /// <summary>A brand with one WhatsApp number whose new conversations land in <paramref name="team"/>.</summary>
    public async Task<Channel> CreateChannelAsync(string brandName, string phoneNumberId, Team team)
    {
        await using var db = await DbAsync();
        var brand = await db.Brands.FirstOrDefaultAsync(b => b.Name == brandName) ?? db.Brands.Add(new Brand(brandName)).Entity;
        var channel = new Channel(brand, $"{brandName} WhatsApp", phoneNumberId, "+92 300 0000000", await db.Teams.FirstAsync(t => t.Id == team.Id));
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel;
    }

    /// <summary>Creates a real Identity account and returns the actor it signs in as.</summary>
    public async Task<Actor> CreateAgentAsync(string name, string role, params Team[] teams)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@shuttlepro.test";
        var agent = new Agent(email, name);
        agent.SetTeams(teams.Select(t => t.Id));
        Check(await users.CreateAsync(agent, TestPassword));
        Check(await users.AddToRoleAsync(agent, role));
        return (await Get<DirectoryService>().FindActorAsync(agent.Id))!;
    }

    public const string TestPassword = "Test-password-1";

    /// <summary>A customer message arriving on a channel, as a webhook or the simulator would hand it over.</summary>
    public async Task<InboundOutcome> ReceiveAsync(Channel channel, string waId, string text, string? name = "Customer", string? wamid = null)
    {
        var result = await Conversations.ReceiveAsync(new InboundMessage(channel.PhoneNumberId, waId, name,
            wamid ?? $"wamid.test.{Guid.NewGuid():N}", MessageType.Text, text, Clock.GetUtcNow()));
        Assert.True(result.Succeeded, result.Problem?.Message);
        await Get<InboundIngestion>().LiveEventsPublished; // so a test's later expectations about live events are not racing it
        return result.Value!;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _directory.Dispose();
    }
}

public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shuttlepro-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is removed with the temp folder later; nothing depends on it.
        }
    }
}
