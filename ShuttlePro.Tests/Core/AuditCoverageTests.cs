using System.Reflection;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Core.Workspace;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// Every state change writes its audit event. The Core operations are found by reflection (public instance methods of
/// public Core classes returning <c>Task&lt;Result&lt;T&gt;&gt;</c>, query classes aside), so a new operation fails here
/// until it is in <see cref="Table"/> with the action(s) it must write, or in <see cref="NotAudited"/> with the reason.
/// </summary>
public sealed class AuditCoverageTests(AuditCoverageTests.World world) : IClassFixture<AuditCoverageTests.World>
{
    /// <summary>Operations that change no audited state, and why.</summary>
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["CollaborationService.WatchAsync"] = "presence (viewing) is ephemeral and not audited",
        ["CollaborationService.UnwatchAsync"] = "presence (viewing) is ephemeral and not audited",
        ["CollaborationService.TypingAsync"] = "presence (typing, reply lock) is ephemeral and not audited",
        ["CollaborationService.GetAsync"] = "read-only",
        ["NotificationService.MarkReadAsync"] = "an agent's own bell read-state, like presence: personal, not a change to shared work",
        ["TicketService.DraftAsync"] = "read-only (drafts the escalation form)",
        ["ChannelDirectory.TemplatesForConversationAsync"] = "read-only",
        ["UnitOfWork.RunAsync"] = "the transaction runner every operation uses, not an operation",
        ["AuditVerifier.VerifyAsync"] = "read-only (walks the hash chain)",
        ["BoardService.LoadAsync"] = "read-only (the shift lead board)",
        ["QueueStatsTracker.CurrentAsync"] = "read-only (the live queue figures)",
    };

    internal sealed record Row(string[] Actions, Func<World, Task> Act);

    internal static readonly Dictionary<string, Row> Table = new()
    {
        // Conversations and messages
        ["ConversationService.ReceiveAsync"] = new([AuditActions.ConversationStarted, AuditActions.MessageReceived], w => w.NewConversationAsync()),
        ["ConversationService.ReplyAsync"] = new([AuditActions.ConversationTaken, AuditActions.MessageSent], async w =>
            Ok(await w.App.Conversations.ReplyAsync(w.Ayesha, await w.NewConversationAsync(), "Ji, order ZF-1 kal pohanch jaye ga"))),
        ["ConversationService.SendTemplateAsync"] = new([AuditActions.MessageSent], async w =>
            Ok(await w.App.Conversations.SendTemplateAsync(w.Ayesha, await w.OwnedByAyeshaAsync(), new TemplateReply("order_update", "en", ["Nida"])))),
        ["ConversationService.ResolveAsync"] = new([AuditActions.ConversationResolved], async w =>
            Ok(await w.App.Conversations.ResolveAsync(w.Ayesha, await w.OwnedByAyeshaAsync()))),
        ["ConversationService.ReopenAsync"] = new([AuditActions.ConversationReopened], async w =>
        {
            var id = await w.OwnedByAyeshaAsync();
            Ok(await w.App.Conversations.ResolveAsync(w.Ayesha, id));
            Ok(await w.App.Conversations.ReopenAsync(w.Ayesha, id));
        }),
        ["ConversationService.MarkPendingAsync"] = new([AuditActions.ConversationPending], async w =>
            Ok(await w.App.Conversations.MarkPendingAsync(w.Ayesha, await w.OwnedByAyeshaAsync()))),

        // Ownership
        ["OwnershipService.TakeAsync"] = new([AuditActions.ConversationTaken], async w =>
            Ok(await w.Ownership.TakeAsync(w.Ayesha, await w.NewConversationAsync()))),
        ["OwnershipService.TakeOverAsync"] = new([AuditActions.ConversationTakenOver], async w =>
            Ok(await w.Ownership.TakeOverAsync(w.Lead, await w.OwnedByAyeshaAsync()))),
        ["OwnershipService.ReleaseAsync"] = new([AuditActions.ConversationReleased], async w =>
            Ok(await w.Ownership.ReleaseAsync(w.Ayesha, await w.OwnedByAyeshaAsync()))),
        ["OwnershipService.AssignAsync"] = new([AuditActions.ConversationAssigned], async w =>
            Ok(await w.Ownership.AssignAsync(w.Lead, await w.NewConversationAsync(), w.Bilal.AgentId))),
        ["OwnershipService.RequestTakeoverAsync"] = new([AuditActions.TakeoverRequested], async w =>
            Ok(await w.Ownership.RequestTakeoverAsync(w.Bilal, await w.OwnedByAyeshaAsync(), "Customer asked for me"))),
        ["OwnershipService.DecideTakeoverAsync"] = new([AuditActions.TakeoverAccepted, AuditActions.ConversationAssigned], async w =>
        {
            var request = Ok(await w.Ownership.RequestTakeoverAsync(w.Bilal, await w.OwnedByAyeshaAsync(), "Customer asked for me"));
            Ok(await w.Ownership.DecideTakeoverAsync(w.Ayesha, request.Id, accept: true));
        }),
        ["BoardService.MoveAsync"] = new([AuditActions.ConversationAssigned], async w =>
            Ok(await w.App.Get<ShuttlePro.Core.Board.BoardService>().MoveAsync(w.Lead, await w.OwnedByAyeshaAsync(), w.Ayesha.AgentId,
                ShuttlePro.Core.Board.BoardTarget.Agent(w.Bilal.AgentId)))),

        // Collaboration
        ["HandoffService.HandOffAsync"] = new([AuditActions.HandoffCreated], async w =>
            Ok(await w.App.Get<HandoffService>().HandOffAsync(w.Ayesha, await w.OwnedByAyeshaAsync(), new HandoffTarget(null, w.Ops.Id),
                "Courier check for ZF-48213: TCS says delivered, customer says no. Next: call TCS."))),
        ["NoteService.WriteAsync"] = new([AuditActions.NoteAdded], async w =>
            Ok(await w.App.Get<NoteService>().WriteAsync(w.Ayesha, await w.OwnedByAyeshaAsync(), "Order ZF-48213, COD, courier TCS"))),
        ["NoteService.PinAsync"] = new([AuditActions.NotePinned], async w =>
        {
            var id = await w.OwnedByAyeshaAsync();
            var note = Ok(await w.App.Get<NoteService>().WriteAsync(w.Ayesha, id, "Order ZF-48213"));
            Ok(await w.App.Get<NoteService>().PinAsync(w.Ayesha, id, note.Id, pinned: true));
        }),
        ["ShiftService.EndShiftAsync"] = new([AuditActions.HandoffCreated, AuditActions.AgentStatusChanged, AuditActions.ShiftEnded], async w =>
        {
            var leaving = await w.App.CreateAgentAsync("Faisal Iqbal", Roles.Agent, w.Support);
            var id = await w.NewConversationAsync();
            Ok(await w.Ownership.TakeAsync(leaving, id));
            var ended = Ok(await w.App.Get<ShiftService>().EndShiftAsync(leaving,
                [new ShiftHandoffItem(id, new HandoffTarget(null, w.Support.Id), "Waiting for the customer's new address.")]));
            Assert.Equal(1, ended.HandedOff);
        }),

        // Directory and sign-in
        ["DirectoryService.SetStatusAsync"] = new([AuditActions.AgentStatusChanged], async w =>
            Ok(await w.Directory.SetStatusAsync(w.Bilal, AgentStatus.Away, onShift: true))),
        ["DirectoryService.CreateTeamAsync"] = new([AuditActions.TeamCreated], async w =>
            Ok(await w.Directory.CreateTeamAsync(w.Admin, $"Returns {Guid.NewGuid():N}"))),
        ["DirectoryService.RenameTeamAsync"] = new([AuditActions.TeamRenamed], async w =>
        {
            var team = Ok(await w.Directory.CreateTeamAsync(w.Admin, $"Returns {Guid.NewGuid():N}"));
            Ok(await w.Directory.RenameTeamAsync(w.Admin, team.Id, $"Refunds {Guid.NewGuid():N}"));
        }),
        ["DirectoryService.SetTeamAutoAssignAsync"] = new([AuditActions.TeamSettingsChanged], async w =>
        {
            var team = Ok(await w.Directory.CreateTeamAsync(w.Admin, $"Sale day {Guid.NewGuid():N}"));
            Ok(await w.Directory.SetTeamAutoAssignAsync(w.Admin, team.Id, enabled: true));
        }),
        ["DirectoryService.RecordSignInAsync"] = new([AuditActions.SignedIn, AuditActions.SignInFailed, AuditActions.TokenIssued], async w =>
        {
            Ok(await w.Directory.RecordSignInAsync(w.Bilal.AgentId, "bilal@shuttlepro.test", succeeded: false, "browser", "wrong password"));
            Ok(await w.Directory.RecordSignInAsync(w.Bilal.AgentId, "bilal@shuttlepro.test", succeeded: true, "token",
                tokenExpiresAt: w.App.Clock.GetUtcNow().AddHours(8)));
        }),
        ["DirectoryService.RecordSignOutAsync"] = new([AuditActions.SignedOut], async w => Ok(await w.Directory.RecordSignOutAsync(w.Bilal))),

        // Agent administration
        ["AgentAdministration.CreateAsync"] = new([AuditActions.AgentCreated], async w => await w.CreateAgentAsync()),
        ["AgentAdministration.UpdateAsync"] = new([AuditActions.AgentUpdated, AuditActions.AgentRoleChanged], async w =>
        {
            var agent = await w.CreateAgentAsync();
            Ok(await w.Agents.UpdateAsync(w.Admin, agent.Id, new AgentChanges(agent.Name, [Roles.ShiftLead], [w.Support.Id])));
        }),
        ["AgentAdministration.DeactivateAsync"] = new([AuditActions.AgentDeactivated], async w =>
            Ok(await w.Agents.DeactivateAsync(w.Admin, (await w.CreateAgentAsync()).Id))),
        ["AgentAdministration.ReactivateAsync"] = new([AuditActions.AgentReactivated], async w =>
        {
            var agent = await w.CreateAgentAsync();
            Ok(await w.Agents.DeactivateAsync(w.Admin, agent.Id));
            Ok(await w.Agents.ReactivateAsync(w.Admin, agent.Id));
        }),
        ["AgentAdministration.SetPasswordAsync"] = new([AuditActions.AgentPasswordChanged], async w =>
            Ok(await w.Agents.SetPasswordAsync(w.Admin, (await w.CreateAgentAsync()).Id, "Another-password-2"))),

        // Workspace
        ["WorkspaceService.SaveLabelAsync"] = new([AuditActions.LabelCreated, AuditActions.LabelUpdated], async w =>
        {
            var label = Ok(await w.Workspace.SaveLabelAsync(w.Admin, null, $"COD {Guid.NewGuid():N}", "#aa0000"));
            Ok(await w.Workspace.SaveLabelAsync(w.Admin, label.Id, label.Name, "#00aa00"));
        }),
        ["WorkspaceService.DeleteLabelAsync"] = new([AuditActions.LabelDeleted], async w =>
        {
            var label = Ok(await w.Workspace.SaveLabelAsync(w.Admin, null, $"Late {Guid.NewGuid():N}", null));
            Ok(await w.Workspace.DeleteLabelAsync(w.Admin, label.Id));
        }),
        ["WorkspaceService.LabelConversationAsync"] = new([AuditActions.LabelAdded, AuditActions.LabelRemoved], async w =>
        {
            var label = Ok(await w.Workspace.SaveLabelAsync(w.Admin, null, $"Return {Guid.NewGuid():N}", null));
            var id = await w.OwnedByAyeshaAsync();
            Ok(await w.Workspace.LabelConversationAsync(w.Ayesha, id, label.Id, add: true));
            Ok(await w.Workspace.LabelConversationAsync(w.Ayesha, id, label.Id, add: false));
        }),
        ["WorkspaceService.SaveCannedAsync"] = new([AuditActions.CannedResponseCreated, AuditActions.CannedResponseUpdated], async w =>
        {
            var canned = Ok(await w.Workspace.SaveCannedAsync(w.Ayesha, null, shared: false, $"t{Guid.NewGuid():N}"[..12], "Tracking", "Aap ka parcel raste mein hai"));
            Ok(await w.Workspace.SaveCannedAsync(w.Ayesha, canned.Id, shared: false, canned.Shortcut, "Tracking", "Aap ka parcel kal pohanche ga"));
        }),
        ["WorkspaceService.DeleteCannedAsync"] = new([AuditActions.CannedResponseDeleted], async w =>
        {
            var canned = Ok(await w.Workspace.SaveCannedAsync(w.Admin, null, shared: true, $"r{Guid.NewGuid():N}"[..12], "Refund", "Refund 5-7 din"));
            Ok(await w.Workspace.DeleteCannedAsync(w.Admin, canned.Id));
        }),

        // Delivery
        ["DeliveryService.AcknowledgeAsync"] = new([AuditActions.MessageStatusChanged], async w => await w.SentReplyAsync()),
        ["DeliveryService.RejectAsync"] = new([AuditActions.MessageFailed], async w => await w.FailedReplyAsync()),
        ["DeliveryService.RetryLaterAsync"] = new([AuditActions.MessageRetryScheduled], async w =>
            Ok(await w.Delivery.RetryLaterAsync((await w.ReplyAsync()).MessageId, "503 from Graph API", null))),
        ["DeliveryService.ApplyStatusAsync"] = new([AuditActions.MessageStatusChanged, AuditActions.MessageFailed], async w =>
        {
            var delivered = await w.SentReplyAsync();
            Ok(await w.Delivery.ApplyStatusAsync(new StatusUpdate(delivered, DeliveryStatus.Delivered, w.App.Clock.GetUtcNow(), null, null, null)));
            var failed = await w.SentReplyAsync();
            Ok(await w.Delivery.ApplyStatusAsync(new StatusUpdate(failed, DeliveryStatus.Failed, w.App.Clock.GetUtcNow(), 131026, "Message undeliverable", null)));
        }),
        ["DeliveryService.RetryFailedAsync"] = new([AuditActions.MessageRetried], async w =>
        {
            var (conversationId, messageId) = await w.FailedReplyAsync();
            Ok(await w.Delivery.RetryFailedAsync(w.Ayesha, conversationId, messageId));
        }),

        // Channels and webhooks
        ["ChannelDirectory.UpdateAsync"] = new([AuditActions.ChannelUpdated], async w =>
            Ok(await w.Channels.UpdateAsync(w.Admin, w.Channel.Id, "Zeenat Fashion WhatsApp", w.Support.Id, "EAAG-rotated-0042"))),
        ["ChannelDirectory.SaveTemplateAsync"] = new([AuditActions.TemplateSaved], async w =>
            Ok(await w.Channels.SaveTemplateAsync(w.Admin, w.Channel.Id, "refund_done", "en", "Hi {{1}}, your refund is on its way."))),
        ["ChannelDirectory.RemoveTemplateAsync"] = new([AuditActions.TemplateRemoved], async w =>
        {
            var channel = Ok(await w.Channels.SaveTemplateAsync(w.Admin, w.Channel.Id, "sale_day", "en", "Sale starts at {{1}}"));
            Ok(await w.Channels.RemoveTemplateAsync(w.Admin, w.Channel.Id, channel.Templates.Single(t => t.Name == "sale_day").Id));
        }),
        ["WhatsAppWebhook.ReplayDeadLetterAsync"] = new([AuditActions.WebhookReplayed, AuditActions.MessageReceived], async w =>
            Ok(await w.App.Get<WhatsAppWebhook>().ReplayDeadLetterAsync(w.Admin, await w.DeadLetterNowServedAsync()))),

        // Tickets
        ["TicketService.EscalateAsync"] = new([AuditActions.TicketCreated], async w => await w.TicketAsync()),
        ["TicketService.UpdateAsync"] = new([AuditActions.TicketUpdated, AuditActions.TicketSolved], async w =>
        {
            var ticket = await w.TicketAsync();
            Ok(await w.Tickets.UpdateAsync(w.Ayesha, ticket.Id, new TicketChange(Priority: TicketPriority.Urgent)));
            Ok(await w.Tickets.UpdateAsync(w.Ayesha, ticket.Id, new TicketChange(TicketStatus.Solved, Resolution: "Refunded Rs 2,450 by bank transfer")));
        }),
        ["TicketService.CommentAsync"] = new([AuditActions.TicketCommented], async w =>
            Ok(await w.Tickets.CommentAsync(w.Lead, (await w.TicketAsync()).Id, "Finance confirmed the transfer"))),
        ["TicketSettingsService.AddTypeAsync"] = new([AuditActions.TicketTypeCreated], async w =>
            Ok(await w.TicketSettings.AddTypeAsync(w.Admin, $"Exchange {Guid.NewGuid():N}"))),
        ["TicketSettingsService.UpdateTypeAsync"] = new([AuditActions.TicketTypeUpdated], async w =>
        {
            var type = Ok(await w.TicketSettings.AddTypeAsync(w.Admin, $"Exchange {Guid.NewGuid():N}"));
            Ok(await w.TicketSettings.UpdateTypeAsync(w.Admin, type.Id, type.Name, active: false));
        }),
        ["TicketSettingsService.SetPolicyAsync"] = new([AuditActions.SlaPolicyChanged], async w =>
            Ok(await w.TicketSettings.SetPolicyAsync(w.Admin, TicketPriority.Low, w.Ops.Id, 120, 2880))),
        ["TicketSettingsService.RemoveTeamPolicyAsync"] = new([AuditActions.SlaPolicyChanged], async w =>
        {
            var policy = Ok(await w.TicketSettings.SetPolicyAsync(w.Admin, TicketPriority.Normal, w.Ops.Id, 60, 1440));
            Ok(await w.TicketSettings.RemoveTeamPolicyAsync(w.Admin, policy.Id));
        }),
        ["TicketSettingsService.SetBusinessHoursAsync"] = new([AuditActions.TeamBusinessHoursChanged], async w =>
            Ok(await w.TicketSettings.SetBusinessHoursAsync(w.Admin, w.Ops.Id, "Asia/Karachi", "Mon-Fri 09:00-15:00", "2026-11-26"))),

        // Quality
        ["QaReviewService.ReviewAsync"] = new([AuditActions.QaReviewed], async w =>
        {
            var (conversationId, messageId) = await w.ReplyAsync();
            await using var db = await w.App.DbAsync();
            var sent = await db.AuditEvents.AsNoTracking()
                .SingleAsync(a => a.ConversationId == conversationId && a.Action == AuditActions.MessageSent && a.SubjectId == messageId.ToString());
            Ok(await w.App.Get<ShuttlePro.Core.Quality.QaReviewService>().ReviewAsync(w.Lead, sent.Sequence, 4, "Polite and quick; confirm the order number next time."));
        }),
    };

    public static TheoryData<string> Operations => new(Table.Keys.Order());

    [Fact]
    public void EveryCoreOperationIsInTheTableOrExcludedWithAReason()
    {
        var discovered = DiscoverOperations();

        var missing = discovered.Except(Table.Keys).Except(NotAudited.Keys).Order().ToList();
        Assert.True(missing.Count == 0,
            $"Core operations without an audit row: {string.Join(", ", missing)}. Write their audit event and add them to AuditCoverageTests.Table.");
        var stale = Table.Keys.Concat(NotAudited.Keys).Except(discovered).Order().ToList();
        Assert.True(stale.Count == 0, $"Rows for operations that no longer exist: {string.Join(", ", stale)}.");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task OperationWritesItsAuditEvent(string operation)
    {
        var row = Table[operation];
        var before = await world.LastSequenceAsync();
        world.App.Clock.Advance(TimeSpan.FromSeconds(1));

        await row.Act(world);

        await using var db = await world.App.DbAsync();
        var written = await db.AuditEvents.AsNoTracking().Where(a => a.Sequence > before).Select(a => a.Action).Distinct().ToListAsync();
        var absent = row.Actions.Except(written).ToList();
        Assert.True(absent.Count == 0, $"{operation} wrote no {string.Join(", ", absent)} (it wrote: {string.Join(", ", written)}).");
    }

    [Fact]
    public async Task AStaleReplyRefusalIsAuditedAndSoIsSendingAfterReadingWhatWasNew()
    {
        var conversationId = await world.OwnedByAyeshaAsync();
        var seen = (await world.App.Queries.GetAsync(world.Ayesha, conversationId)).Value!.Messages[^1].Id;
        await world.App.ReceiveAsync(world.Channel, await world.WaIdOfAsync(conversationId), "Hello? Koi hai?");

        var refused = await world.App.Conversations.ReplyAsync(world.Ayesha, conversationId, "Ji, bataiye", seen);
        Assert.Equal(ProblemCodes.Stale, refused.Problem?.Code);
        var newest = (await world.App.Queries.GetAsync(world.Ayesha, conversationId)).Value!.Messages[^1].Id;
        var sent = Ok(await world.App.Conversations.ReplyAsync(world.Ayesha, conversationId, "Ji, bataiye", newest));

        await using var db = await world.App.DbAsync();
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence).ToListAsync();
        var refusal = Assert.Single(audit, a => a.Action == AuditActions.CollisionRefused);
        Assert.Equal(world.Ayesha.AgentId, refusal.ActorId);
        Assert.Contains("\"reason\":\"stale\"", refusal.After);
        var resolved = Assert.Single(audit, a => a.Action == AuditActions.CollisionResolved);
        Assert.Contains(sent.Id.ToString(), resolved.After);
        Assert.Equal(AuditActions.MessageSent, audit[audit.IndexOf(resolved) + 1].Action); // same commit as the send
    }

    [Fact]
    public async Task ALockRefusalNamesTheColleagueHoldingTheLock()
    {
        var conversationId = await world.NewConversationAsync();
        await world.App.Get<CollaborationService>().TypingAsync(world.Ayesha, "ayesha-tab", conversationId, typing: true);

        var refused = await world.App.Conversations.ReplyAsync(world.Bilal, conversationId, "Let me help");

        Assert.Equal(ProblemCodes.Locked, refused.Problem?.Code);
        await using var db = await world.App.DbAsync();
        var refusal = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.ConversationId == conversationId && a.Action == AuditActions.CollisionRefused);
        Assert.Equal(world.Bilal.AgentId, refusal.ActorId);
        Assert.Contains(world.Ayesha.Name, refusal.After);
        Assert.DoesNotContain(await db.AuditEvents.Where(a => a.ConversationId == conversationId).Select(a => a.Action).ToListAsync(),
            a => a == AuditActions.CollisionResolved);
    }

    [Fact]
    public async Task AHandoffCarriesItsNoteAndTargetAndOwnershipNamesItsOwners()
    {
        var conversationId = await world.OwnedByAyeshaAsync();
        Ok(await world.Ownership.TakeOverAsync(world.Lead, conversationId));
        Ok(await world.App.Get<HandoffService>().HandOffAsync(world.Lead, conversationId, new HandoffTarget(world.Bilal.AgentId, null),
            "Customer wants a call back about the refund."));

        await using var db = await world.App.DbAsync();
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.ConversationId == conversationId).ToListAsync();
        var takeover = Assert.Single(audit, a => a.Action == AuditActions.ConversationTakenOver);
        Assert.Contains(world.Ayesha.Name, takeover.Before);
        Assert.Contains(world.Lead.Name, takeover.After);
        var handoff = Assert.Single(audit, a => a.Action == AuditActions.HandoffCreated);
        Assert.Equal(AuditSubjects.Handoff, handoff.SubjectType);
        Assert.Contains("Customer wants a call back about the refund.", handoff.After);
        Assert.Contains(world.Bilal.Name, handoff.After);
    }

    private static HashSet<string> DiscoverOperations()
    {
        var core = typeof(ConversationService).Assembly;
        return core.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && !t.Name.EndsWith("Queries", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => ReturnsResultTask(m.ReturnType))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet();
    }

    private static bool ReturnsResultTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)
        && type.GetGenericArguments()[0] is { IsGenericType: true } inner && inner.GetGenericTypeDefinition() == typeof(Result<>);

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, result.Problem?.Message);
        return result.Value!;
    }

    /// <summary>One organisation for all rows; each row arranges the conversations, agents and tickets of its own.</summary>
    public sealed class World : IAsyncLifetime
    {
        public TestServices App { get; private set; } = null!;
        public Team Support { get; private set; } = null!;
        public Team Ops { get; private set; } = null!;
        public Channel Channel { get; private set; } = null!;
        public Actor Admin { get; private set; } = null!;
        public Actor Lead { get; private set; } = null!;
        public Actor Ayesha { get; private set; } = null!;
        public Actor Bilal { get; private set; } = null!;

        public OwnershipService Ownership => App.Get<OwnershipService>();
        public DirectoryService Directory => App.Get<DirectoryService>();
        public AgentAdministration Agents => App.Get<AgentAdministration>();
        public WorkspaceService Workspace => App.Get<WorkspaceService>();
        public DeliveryService Delivery => App.Get<DeliveryService>();
        public ChannelDirectory Channels => App.Get<ChannelDirectory>();
        public TicketService Tickets => App.Get<TicketService>();
        public TicketSettingsService TicketSettings => App.Get<TicketSettingsService>();

        public async Task InitializeAsync()
        {
            App = await TestServices.CreateAsync();
            Support = await App.CreateTeamAsync("Support");
            Ops = await App.CreateTeamAsync("Ops");
            Channel = await App.CreateChannelAsync("Zeenat Fashion", "1001", Support);
            Admin = await App.CreateAgentAsync("Imran Admin", Roles.Admin, Support);
            Lead = await App.CreateAgentAsync("Sana Malik", Roles.ShiftLead, Support);
            Ayesha = await App.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, Support);
            Bilal = await App.CreateAgentAsync("Bilal Ahmed", Roles.Agent, Support);
            Ok(await Channels.SaveTemplateAsync(Admin, Channel.Id, "order_update", "en", "Hi {{1}}, your order is on its way."));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        public async Task<long> LastSequenceAsync()
        {
            await using var db = await App.DbAsync();
            return await db.AuditEvents.MaxAsync(a => (long?)a.Sequence) ?? 0;
        }

        public async Task<Guid> NewConversationAsync() =>
            (await App.ReceiveAsync(Channel, $"92300{Random.Shared.Next(1000000, 9999999)}", "Mera order kahan hai?", "Nida Pervez")).ConversationId;

        public async Task<Guid> OwnedByAyeshaAsync()
        {
            var id = await NewConversationAsync();
            Ok(await Ownership.TakeAsync(Ayesha, id));
            return id;
        }

        public async Task<string> WaIdOfAsync(Guid conversationId)
        {
            await using var db = await App.DbAsync();
            return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Contact.WaId).FirstAsync();
        }

        public async Task<(Guid ConversationId, Guid MessageId)> ReplyAsync()
        {
            var id = await OwnedByAyeshaAsync();
            var reply = Ok(await App.Conversations.ReplyAsync(Ayesha, id, "Ji, check kar rahi hoon"));
            return (id, reply.Id);
        }

        /// <summary>A reply WhatsApp accepted; returns its wamid.</summary>
        public async Task<string> SentReplyAsync()
        {
            var (_, messageId) = await ReplyAsync();
            var wamid = $"wamid.audit.{Guid.NewGuid():N}";
            Assert.True(Ok(await Delivery.AcknowledgeAsync(messageId, wamid)));
            return wamid;
        }

        public async Task<(Guid ConversationId, Guid MessageId)> FailedReplyAsync()
        {
            var reply = await ReplyAsync();
            Assert.True(Ok(await Delivery.RejectAsync(reply.MessageId, 131047, "Re-engagement message")));
            return reply;
        }

        public async Task<AgentView> CreateAgentAsync() =>
            Ok(await Agents.CreateAsync(Admin, new AgentDraft($"agent.{Guid.NewGuid():N}@shuttlepro.test", "Hamza Sheikh", TestServices.TestPassword,
                [Roles.Agent], [Support.Id])));

        public async Task<TicketSummary> TicketAsync() =>
            Ok(await Tickets.EscalateAsync(Ayesha, await OwnedByAyeshaAsync(), new EscalateTicket("Refund", TicketPriority.High)));

        /// <summary>A message to a number nobody served, kept as a dead letter; the number is served now.</summary>
        public async Task<Guid> DeadLetterNowServedAsync()
        {
            var phoneNumberId = $"2{Random.Shared.Next(100000, 999999)}";
            var payload = $$$"""
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550009999","phone_number_id":"{{{phoneNumberId}}}"},
                 "contacts":[{"profile":{"name":"Replay"},"wa_id":"923001112233"}],
                 "messages":[{"from":"923001112233","id":"wamid.replay.{{{Guid.NewGuid():N}}}","timestamp":"{{{App.Clock.GetUtcNow().ToUnixTimeSeconds()}}}","type":"text","text":{"body":"Hello?"}}]}
                """;
            var letter = new DeadLetter(phoneNumberId, "No channel serves this phone number id", payload, App.Clock.GetUtcNow());
            await using (var db = await App.DbAsync())
            {
                db.DeadLetters.Add(letter);
                await db.SaveChangesAsync();
            }
            await App.CreateChannelAsync("Zeenat Fashion", phoneNumberId, Support);
            return letter.Id;
        }
    }
}
