using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Admins manage agents and teams; every change is audited and goes live; nobody else may.</summary>
public sealed class AgentAdministrationTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Actor _admin = null!;
    private Actor _ayesha = null!;

    private AgentAdministration Administration => _app.Get<AgentAdministration>();
    private DirectoryService Directory => _app.Get<DirectoryService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _admin = await _app.CreateAgentAsync("Admin", Roles.Admin);
        _ayesha = await _app.CreateAgentAsync("Ayesha", Roles.Agent, _support);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<string>> AuditActionsAsync(Guid agentId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.SubjectId == agentId.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task AnAdminCreatesAnAgentWhoCanThenActInTheirTeams()
    {
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var created = await Administration.CreateAsync(_admin,
            new AgentDraft("new.agent@shuttlepro.test", "Nadia Khan", "Strong-pass-1", [Roles.Agent], [_ops.Id]));

        Assert.True(created.Succeeded, created.Problem?.Message);
        var actor = await Directory.FindActorAsync(created.Value!.Id);
        Assert.Equal(new HashSet<int> { _ops.Id }, actor!.TeamIds);
        Assert.True(actor.Roles.SetEquals([Roles.Agent]));
        Assert.Equal([AuditActions.AgentCreated], await AuditActionsAsync(created.Value.Id));
        await live.WaitForAsync<AgentChanged>(e => e.Agent.Id == created.Value.Id);
    }

    [Fact]
    public async Task OnlyAdminsManageAgentsAndTeams()
    {
        var draft = new AgentDraft("x@shuttlepro.test", "X", "Strong-pass-1", [Roles.Agent], []);

        Assert.Equal(ProblemCodes.Forbidden, (await Administration.CreateAsync(_ayesha, draft)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Administration.DeactivateAsync(_ayesha, _admin.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Directory.CreateTeamAsync(_ayesha, "Night shift")).Problem?.Code);
    }

    [Theory]
    [InlineData("not-an-email", "Name", "Strong-pass-1", Roles.Agent)]
    [InlineData("ok@shuttlepro.test", "", "Strong-pass-1", Roles.Agent)]
    [InlineData("ok@shuttlepro.test", "Name", "short", Roles.Agent)]
    [InlineData("ok@shuttlepro.test", "Name", "Strong-pass-1", "Wizard")]
    public async Task InvalidAgentDetailsAreRefusedAndNothingIsCreated(string email, string name, string password, string role)
    {
        var result = await Administration.CreateAsync(_admin, new AgentDraft(email, name, password, [role], []));

        Assert.Equal(ProblemCodes.Validation, result.Problem?.Code);
        Assert.DoesNotContain(await Directory.ListAgentsAsync(includeInactive: true), a => a.Email == email);
    }

    [Fact]
    public async Task ADuplicateEmailIsRefused()
    {
        var first = await Administration.CreateAsync(_admin, new AgentDraft("dup@shuttlepro.test", "One", "Strong-pass-1", [Roles.Agent], []));
        var second = await Administration.CreateAsync(_admin, new AgentDraft("dup@shuttlepro.test", "Two", "Strong-pass-1", [Roles.Agent], []));

        Assert.True(first.Succeeded);
        Assert.Equal(ProblemCodes.Validation, second.Problem?.Code);
    }

    [Fact]
    public async Task ChangingRolesAndTeamsAppliesToTheActorAtOnce()
    {
        var result = await Administration.UpdateAsync(_admin, _ayesha.AgentId,
            new AgentChanges("Ayesha S.", [Roles.ShiftLead], [_support.Id, _ops.Id]));

        Assert.True(result.Succeeded, result.Problem?.Message);
        var actor = (await Directory.FindActorAsync(_ayesha.AgentId))!;
        Assert.Equal("Ayesha S.", actor.Name);
        Assert.True(actor.IsShiftLead);
        Assert.True(actor.LeadsTeam(_ops.Id));
        Assert.Contains(AuditActions.AgentUpdated, await AuditActionsAsync(_ayesha.AgentId));
    }

    [Fact]
    public async Task ADeactivatedAgentNoLongerActsAndCanBeReactivated()
    {
        Assert.True((await Administration.DeactivateAsync(_admin, _ayesha.AgentId)).Succeeded);
        Assert.Null(await Directory.FindActorAsync(_ayesha.AgentId));

        Assert.True((await Administration.ReactivateAsync(_admin, _ayesha.AgentId)).Succeeded);
        Assert.NotNull(await Directory.FindActorAsync(_ayesha.AgentId));
        Assert.Equal([AuditActions.AgentDeactivated, AuditActions.AgentReactivated], (await AuditActionsAsync(_ayesha.AgentId)).TakeLast(2));
    }

    [Fact]
    public async Task AnAdminCannotLockThemselvesOut()
    {
        Assert.Equal(ProblemCodes.Validation, (await Administration.DeactivateAsync(_admin, _admin.AgentId)).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation,
            (await Administration.UpdateAsync(_admin, _admin.AgentId, new AgentChanges("Admin", [Roles.Agent], []))).Problem?.Code);
    }

    [Fact]
    public async Task APasswordThePolicyRefusesLeavesTheOldOneInPlace()
    {
        var refused = await Administration.SetPasswordAsync(_admin, _ayesha.AgentId, "short");

        Assert.Equal(ProblemCodes.Validation, refused.Problem?.Code);
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(_ayesha.AgentId.ToString()))!, TestServices.TestPassword));
    }

    [Fact]
    public async Task TeamsAreCreatedAndRenamedWithUniqueNames()
    {
        var night = await Directory.CreateTeamAsync(_admin, "  Night shift ");
        Assert.Equal("Night shift", night.Value!.Name);
        Assert.Equal(ProblemCodes.Validation, (await Directory.CreateTeamAsync(_admin, "Night shift")).Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await Directory.RenameTeamAsync(_admin, night.Value.Id, "Support")).Problem?.Code);
        Assert.Equal("Nights", (await Directory.RenameTeamAsync(_admin, night.Value.Id, "Nights")).Value!.Name);
    }

    [Fact]
    public async Task AnAgentSetsTheirOwnStatusAndEveryoneSeesIt()
    {
        using var live = new LiveEventRecorder(_app.Get<ILiveEvents>());

        var result = await Directory.SetStatusAsync(_ayesha, AgentStatus.Away, onShift: true);

        Assert.Equal((AgentStatus.Away, true), (result.Value!.Status, result.Value.OnShift));
        var changed = await live.WaitForAsync<AgentChanged>();
        Assert.True(changed.IsVisibleTo(Actor.System));
        Assert.Contains(AuditActions.AgentStatusChanged, await AuditActionsAsync(_ayesha.AgentId));
    }
}
