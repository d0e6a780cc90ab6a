using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Api;

/// <summary>Lockout and deactivation apply to tokens as to browser sign-in.</summary>
public sealed class SignInTests(ShuttleAppFactory app) : IClassFixture<ShuttleAppFactory>
{
    private async Task<string> CreateAgentAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var agent = new Agent(email, "Temp Agent");
        Assert.True((await users.CreateAsync(agent, TestServices.TestPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(agent, Roles.Agent)).Succeeded);
        return email;
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string email, string password)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightOne()
    {
        var email = await CreateAgentAsync("lockout@shuttlepro.test");

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokenAsync(email, "guess-" + i)).StatusCode);
        var locked = await RequestTokenAsync(email, TestServices.TestPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("locked_out", await CodeAsync(locked));
    }

    [Fact]
    public async Task ADeactivatedAgentGetsNoTokenAndTheirTokenStopsWorking()
    {
        var email = await CreateAgentAsync("leaving@shuttlepro.test");
        var token = (await (await RequestTokenAsync(email, TestServices.TestPassword)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var admin = (await app.Get<DirectoryService>().ListAgentsAsync()).Single(a => a.Email == "admin@shuttlepro.test");
        var leaving = (await app.Get<DirectoryService>().ListAgentsAsync()).Single(a => a.Email == email);
        Assert.True((await app.Get<AgentAdministration>().DeactivateAsync(DirectoryService.ToActor(admin), leaving.Id)).Succeeded);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokenAsync(email, TestServices.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task ATokenFromOneInstanceIsAcceptedByAnotherSharingTheDatabase()
    {
        var token = await app.TokenAsync("bilal@shuttlepro.test");
        await using var secondInstance = ShuttleAppFactory.AnotherInstance(app.DatabasePath);
        using var client = secondInstance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal("bilal@shuttlepro.test", me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task SignInAttemptsAreAudited()
    {
        var email = await CreateAgentAsync("audited@shuttlepro.test");
        await RequestTokenAsync(email, "wrong");
        await RequestTokenAsync(email, TestServices.TestPassword);

        await using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<ShuttlePro.Core.Data.ShuttleDbContext>>().CreateDbContextAsync();
        var actions = db.AuditEvents.Where(a => a.ActorName == email).OrderBy(a => a.Sequence).Select(a => a.Action).ToList();
        Assert.Equal(["auth.sign_in_failed", "auth.signed_in", "auth.token_issued"], actions);
    }
}
