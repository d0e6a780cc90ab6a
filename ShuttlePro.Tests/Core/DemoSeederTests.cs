using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>The demo organisation a new user signs in to: its shape, its accounts, and seeding twice changing nothing.</summary>
public sealed class DemoSeederTests : IAsyncLifetime
{
    private TestServices _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        await _app.Get<DemoSeeder>().SeedAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Actor> ActorAsync(string email)
    {
        await using var db = await _app.DbAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await _app.Get<DirectoryService>().FindActorAsync(id))!;
    }

    [Fact]
    public async Task SeedsTheDemoAccountsWithTheirRolesTeamsAndPassword()
    {
        var expected = new Dictionary<string, (string Role, string[] Teams)>
        {
            ["ayesha@shuttlepro.test"] = (Roles.Agent, ["Support"]),
            ["bilal@shuttlepro.test"] = (Roles.Agent, ["Support"]),
            ["zara@shuttlepro.test"] = (Roles.Agent, ["Support"]),
            ["hamza@shuttlepro.test"] = (Roles.Agent, ["Ops"]),
            ["sana@shuttlepro.test"] = (Roles.ShiftLead, ["Ops", "Support"]),
            ["imran@shuttlepro.test"] = (Roles.Supervisor, []),
            ["admin@shuttlepro.test"] = (Roles.Admin, []),
        };
        var agents = await _app.Get<DirectoryService>().ListAgentsAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();

        foreach (var (email, (role, teams)) in expected)
        {
            var agent = agents.Single(a => a.Email == email);
            Assert.Equal([role], agent.Roles);
            Assert.Equal(teams, agent.Teams.Select(t => t.Name).Order());
            Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, DemoOptions.DefaultPassword), email);
        }
    }

    [Fact]
    public async Task SeedsABelievableInboxAcrossBothBrands()
    {
        var imran = await ActorAsync("imran@shuttlepro.test");
        var all = (await _app.Queries.ListAsync(imran, new ConversationFilter(InboxView.All), 500)).Value!;
        await using var db = await _app.DbAsync();
        var supportId = await db.Teams.Where(t => t.Name == "Support").Select(t => t.Id).SingleAsync();

        Assert.True(all.Count >= 40, $"{all.Count} conversations");
        Assert.True(all.Count(c => c.TeamId == supportId && c.OwnerId is null && c.Status == ConversationStatus.Open) >= 10);
        Assert.Equal(["GadgetBazaar", "Zeenat Fashion"], all.Select(c => c.Channel.Brand).Distinct().Order());
        Assert.Contains(all, c => c.Status == ConversationStatus.Resolved);
        Assert.Contains(all, c => c.Status == ConversationStatus.Pending);
        foreach (var email in new[] { "ayesha@shuttlepro.test", "bilal@shuttlepro.test", "zara@shuttlepro.test", "hamza@shuttlepro.test" })
        {
            var agent = await ActorAsync(email);
            Assert.NotEmpty((await _app.Queries.ListAsync(agent, new ConversationFilter(InboxView.Mine, ConversationStatus.Open))).Value!);
        }
        Assert.Equal(all.Count, all.Select(c => c.Number).Distinct().Count());
        Assert.True(await db.Messages.CountAsync(m => m.Direction == MessageDirection.Outbound) > 20);
        Assert.True(await db.AuditEvents.CountAsync() > all.Count);
    }

    [Fact]
    public async Task SeedingAgainChangesNothing()
    {
        await using var before = await _app.DbAsync();
        var counts = (await before.Users.CountAsync(), await before.Conversations.CountAsync(), await before.Messages.CountAsync(),
            await before.Teams.CountAsync(), await before.Channels.CountAsync());

        await _app.Get<DemoSeeder>().SeedAsync();

        await using var after = await _app.DbAsync();
        Assert.Equal(counts, (await after.Users.CountAsync(), await after.Conversations.CountAsync(), await after.Messages.CountAsync(),
            await after.Teams.CountAsync(), await after.Channels.CountAsync()));
    }

    [Fact]
    public async Task NewConversationsAfterTheSeedContinueTheNumbering()
    {
        await using var db = await _app.DbAsync();
        var highest = await db.Conversations.MaxAsync(c => c.Number);
        var channel = await db.Channels.FirstAsync();

        var outcome = await _app.ReceiveAsync(channel, "923009999999", "New customer here");

        var summary = (await _app.Queries.GetAsync(Actor.System, outcome.ConversationId)).Value!.Summary;
        Assert.Equal(highest + 1, summary.Number);
    }

    [Fact]
    public async Task TheSimulatedCustomersWriteThroughTheSameIngestion()
    {
        var simulator = _app.Get<CustomerSimulator>();
        var random = new Random(42);

        for (var i = 0; i < 10; i++)
        {
            var outcome = await simulator.WriteOnceAsync(random);
            Assert.True(outcome is { Succeeded: true }, outcome?.Problem?.Message);
        }

        await using var db = await _app.DbAsync();
        Assert.Equal(10, await db.Messages.CountAsync(m => m.WaMessageId!.StartsWith("wamid.sim.")));
    }
}
