using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Workspace;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Shift-aware routing, auto-assignment, ending a shift, and the working tools (labels, canned replies).</summary>
public sealed class RoutingAndShiftTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _admin = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _zara = null!;

    private DirectoryService Directory => _app.Get<DirectoryService>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _admin = await _app.CreateAgentAsync("Admin", Roles.Admin);
        _ayesha = await _app.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _zara = await _app.CreateAgentAsync("Zara Hussain", Roles.Agent, _support);
        foreach (var agent in new[] { _ayesha, _bilal, _zara }) await Directory.SetStatusAsync(agent, AgentStatus.Online, onShift: true);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string NewPhone() => $"9230015{Random.Shared.Next(10000, 99999)}";

    private async Task<List<string>> AuditAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }

    private async Task<Guid?> OwnerOfAsync(Guid conversationId) => (await _app.Queries.GetAsync(_admin, conversationId)).Value!.Summary.OwnerId;

    [Fact]
    public async Task ACustomerWritingToAnOwnerWhoWentOffShiftGoesBackToTheQueue()
    {
        var phone = NewPhone();
        var inbound = await _app.ReceiveAsync(_channel, phone, "Order kab aayega?");
        await _app.Get<OwnershipService>().TakeAsync(_ayesha, inbound.ConversationId);
        await Directory.SetStatusAsync(_ayesha, AgentStatus.Offline, onShift: false);

        await _app.ReceiveAsync(_channel, phone, "Hello? Koi hai?");

        Assert.Null(await OwnerOfAsync(inbound.ConversationId));
        Assert.Contains(AuditActions.ConversationAutoReleased, await AuditAsync(inbound.ConversationId));
        await Directory.SetStatusAsync(_ayesha, AgentStatus.Online, onShift: true);
    }

    [Fact]
    public async Task AResolvedConversationWhoseOwnerIsAwayReopensInTheQueue()
    {
        var phone = NewPhone();
        var inbound = await _app.ReceiveAsync(_channel, phone, "Thanks!");
        await _app.Conversations.ReplyAsync(_bilal, inbound.ConversationId, "Shukriya");
        await _app.Conversations.ResolveAsync(_bilal, inbound.ConversationId);
        await Directory.SetStatusAsync(_bilal, AgentStatus.Away, onShift: true);

        await _app.ReceiveAsync(_channel, phone, "One more question");

        var summary = (await _app.Queries.GetAsync(_admin, inbound.ConversationId)).Value!.Summary;
        Assert.Equal((ConversationStatus.Open, (Guid?)null), (summary.Status, summary.OwnerId));
        await Directory.SetStatusAsync(_bilal, AgentStatus.Online, onShift: true);
    }

    [Fact]
    public async Task AnOwnerOnShiftKeepsTheirConversation()
    {
        var phone = NewPhone();
        var inbound = await _app.ReceiveAsync(_channel, phone, "Hello");
        await _app.Get<OwnershipService>().TakeAsync(_zara, inbound.ConversationId);

        await _app.ReceiveAsync(_channel, phone, "Any update?");

        Assert.Equal(_zara.AgentId, await OwnerOfAsync(inbound.ConversationId));
    }

    [Fact]
    public async Task AutoAssignmentGoesRoundRobinToAvailableMembersUnderCapacity()
    {
        var team = await _app.CreateTeamAsync("Night");
        var nightChannel = await _app.CreateChannelAsync("GadgetBazaar", "2002", team);
        var first = await _app.CreateAgentAsync("Night One", Roles.Agent, team);
        var second = await _app.CreateAgentAsync("Night Two", Roles.Agent, team);
        var away = await _app.CreateAgentAsync("Night Away", Roles.Agent, team);
        await Directory.SetStatusAsync(first, AgentStatus.Online, true);
        await Directory.SetStatusAsync(second, AgentStatus.Online, true);
        await Directory.SetStatusAsync(away, AgentStatus.Away, true);
        await _app.Get<AgentAdministration>().UpdateAsync(_admin, second.AgentId, new AgentChanges("Night Two", [Roles.Agent], [team.Id], Capacity: 1));
        Assert.True((await Directory.SetTeamAutoAssignAsync(_admin, team.Id, true)).Value!.AutoAssign);

        var owners = new List<Guid?>();
        for (var i = 0; i < 4; i++)
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
            owners.Add(await OwnerOfAsync((await _app.ReceiveAsync(nightChannel, NewPhone(), $"Customer {i}")).ConversationId));
        }

        // Round-robin between the two available agents; Night Two is full after one; the away agent gets none.
        Assert.Equal(1, owners.Count(o => o == second.AgentId));
        Assert.Equal(3, owners.Count(o => o == first.AgentId));
        Assert.DoesNotContain(away.AgentId, owners.OfType<Guid>());
        Assert.Equal(first.AgentId, owners[0] == second.AgentId ? owners[1] : owners[0]);
    }

    [Fact]
    public async Task WithNobodyAvailableAutoAssignmentLeavesItInTheQueue()
    {
        await Directory.SetTeamAutoAssignAsync(_admin, _ops.Id, true);
        var opsChannel = await _app.CreateChannelAsync("Ops brand", "3003", _ops);

        var inbound = await _app.ReceiveAsync(opsChannel, NewPhone(), "Hello");

        Assert.Null(await OwnerOfAsync(inbound.ConversationId));
        Assert.DoesNotContain(AuditActions.ConversationAutoAssigned, await AuditAsync(inbound.ConversationId));
    }

    [Fact]
    public async Task OnlyAdminsTurnOnAutoAssignment() =>
        Assert.Equal("forbidden", (await Directory.SetTeamAutoAssignAsync(_ayesha, _support.Id, true)).Problem?.Code);

    [Fact]
    public async Task EndingAShiftHandsEverythingOffEachOnItsOwnAndGoesOffline()
    {
        var shifter = await _app.CreateAgentAsync("Shift Ender", Roles.Agent, _support);
        await Directory.SetStatusAsync(shifter, AgentStatus.Online, true);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var inbound = await _app.ReceiveAsync(_channel, NewPhone(), $"Question {i}");
            await _app.Get<OwnershipService>().TakeAsync(shifter, inbound.ConversationId);
            ids.Add(inbound.ConversationId);
        }
        await _app.Get<NoteService>().WriteAsync(shifter, ids[0], "Order ZF-1, courier TCS", pinned: true);

        var work = await _app.Get<ShiftService>().OpenWorkAsync(shifter);
        Assert.Equal(3, work.Count);
        Assert.Contains("Order ZF-1, courier TCS", work.Single(w => w.Conversation.Id == ids[0]).SuggestedNote);
        Assert.All(work, w => Assert.True(w.WhatsAppWindowLeft > TimeSpan.FromHours(23)));

        var result = await _app.Get<ShiftService>().EndShiftAsync(shifter,
        [
            new ShiftHandoffItem(ids[0], new HandoffTarget(_zara.AgentId, null), "Courier TCS to confirm delivery date with the customer."),
            new ShiftHandoffItem(ids[1], new HandoffTarget(null, _support.Id), "pls"), // refused: no real note
            new ShiftHandoffItem(ids[2], new HandoffTarget(null, _ops.Id), "Needs an Ops check on the warehouse stock before we promise."),
        ]);

        Assert.Equal([true, false, true], result.Value!.Items.Select(i => i.Succeeded));
        Assert.Equal(Handoff.NoteRequired, result.Value.Items[1].Code);
        Assert.Equal(_zara.AgentId, await OwnerOfAsync(ids[0]));
        Assert.Equal(shifter.AgentId, await OwnerOfAsync(ids[1]));
        Assert.Equal((AgentStatus.Offline, false), (result.Value.Agent!.Status, result.Value.Agent.OnShift));
        await using var db = await _app.DbAsync();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.ShiftEnded && a.ActorId == shifter.AgentId));
    }

    [Fact]
    public async Task NotificationsAreListedNewestFirstAndMarkedRead()
    {
        var inbound = await _app.ReceiveAsync(_channel, NewPhone(), "Hello");
        await _app.Get<NoteService>().WriteAsync(_ayesha, inbound.ConversationId, "@Bilal Ahmed first");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.Get<NoteService>().WriteAsync(_ayesha, inbound.ConversationId, "@Bilal Ahmed second");
        var notifications = _app.Get<NotificationService>();

        var list = await notifications.ListAsync(_bilal);
        Assert.Equal(2, list.Count);
        Assert.Contains("second", list[0].Text);

        Assert.Equal(1, (await notifications.MarkReadAsync(_bilal, [list[0].Id])).Value);
        Assert.Single(await notifications.ListAsync(_bilal, unreadOnly: true));
        Assert.Equal(1, (await notifications.MarkReadAsync(_bilal)).Value);
        Assert.Empty(await notifications.ListAsync(_bilal, unreadOnly: true));
    }

    [Fact]
    public async Task LabelsAreAdminDefinedAndFilterTheInbox()
    {
        var workspace = _app.Get<WorkspaceService>();
        Assert.Equal("forbidden", (await workspace.SaveLabelAsync(_ayesha, null, "VIP", "#16a34a")).Problem?.Code);
        var vip = (await workspace.SaveLabelAsync(_admin, null, "VIP", "#16a34a")).Value!;
        Assert.Equal("validation", (await workspace.SaveLabelAsync(_admin, null, "VIP", "#000000")).Problem?.Code);
        Assert.Equal("validation", (await workspace.SaveLabelAsync(_admin, null, "Bad colour", "red")).Problem?.Code);
        var labelled = await _app.ReceiveAsync(_channel, NewPhone(), "I buy every month");
        await _app.ReceiveAsync(_channel, NewPhone(), "Just asking");

        var summary = (await workspace.LabelConversationAsync(_ayesha, labelled.ConversationId, vip.Id, add: true)).Value!;

        Assert.Equal(["VIP"], summary.Labels.Select(l => l.Name));
        var filtered = (await _app.Queries.ListAsync(_ayesha, new ConversationFilter(InboxView.Team, LabelId: vip.Id))).Value!;
        Assert.Equal(labelled.ConversationId, Assert.Single(filtered).Id);
        Assert.Contains(AuditActions.LabelAdded, await AuditAsync(labelled.ConversationId));
        Assert.Empty((await workspace.LabelConversationAsync(_ayesha, labelled.ConversationId, vip.Id, add: false)).Value!.Labels);
    }

    [Fact]
    public async Task CannedRepliesAreSharedByAdminsOrPersonalAndFillInVariables()
    {
        var workspace = _app.Get<WorkspaceService>();
        Assert.Equal("forbidden", (await workspace.SaveCannedAsync(_ayesha, null, shared: true, "cod", "COD", "COD ok")).Problem?.Code);
        Assert.True((await workspace.SaveCannedAsync(_admin, null, shared: true, "/thanks", "Thanks", "Shukriya {{contact.first_name}}!")).Succeeded);
        Assert.True((await workspace.SaveCannedAsync(_ayesha, null, shared: false, "mine", "Mine", "Main {{agent.name}} hoon, {{conversation.number}}")).Succeeded);
        Assert.Equal("validation", (await workspace.SaveCannedAsync(_ayesha, null, shared: false, "mine", "Again", "Duplicate")).Problem?.Code);
        Assert.Equal("validation", (await workspace.SaveCannedAsync(_ayesha, null, shared: false, "no spaces", "x", "y")).Problem?.Code);

        var ayeshas = await workspace.ListCannedAsync(_ayesha);
        var bilals = await workspace.ListCannedAsync(_bilal);

        Assert.Equal(["mine", "thanks"], ayeshas.Select(c => c.Shortcut));
        Assert.Equal(["thanks"], bilals.Select(c => c.Shortcut));
        var context = new CannedContext("Fatima Khan", "+923001234567", "Ayesha Siddiqui", 1042, "Zeenat Fashion");
        Assert.Equal("Shukriya Fatima!", context.Render(ayeshas.Single(c => c.Shortcut == "thanks").Body));
        Assert.Equal("Main Ayesha Siddiqui hoon, #1042", context.Render(ayeshas.Single(c => c.Shortcut == "mine").Body));
        Assert.Equal("{{order.id}} stays", context.Render("{{order.id}} stays"));
    }
}
