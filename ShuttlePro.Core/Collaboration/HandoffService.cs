using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

public sealed record HandoffTarget(Guid? AgentId, int? TeamId);

public sealed record HandoffResult(HandoffView Handoff, IReadOnlyList<string> Warnings);

/// <summary>
/// Hands a conversation to an agent (they own it now) or to a team (it waits unowned in their queue), always with
/// a note. Whoever handed it off, and its previous owner, stay on it as participants when it leaves their team, so
/// the context travels and nobody loses the thread.
/// </summary>
public sealed class HandoffService(UnitOfWork unitOfWork, DirectoryService directory, TimeProvider clock)
{
    public async Task<Result<HandoffResult>> HandOffAsync(Actor actor, Guid conversationId, HandoffTarget target, string? note,
        CancellationToken cancellationToken = default)
    {
        if ((target.AgentId is null) == (target.TeamId is null))
            return Problem.Validation("Hand off to an agent (toAgentId) or to a team (toTeamId), one of the two.");
        Actor? toAgent = null;
        if (target.AgentId is { } agentId && (toAgent = await directory.FindActorAsync(agentId, cancellationToken)) is null)
            return Problem.Validation("That agent does not exist or is deactivated.");

        return await unitOfWork.RunAsync<HandoffResult>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            if (!Permissions.CanHandOff(actor, conversation.OwnerId, conversation.TeamId))
                return Problem.Forbidden("Only the owner, a shift lead or a supervisor can hand the conversation off.");
            var text = Handoff.ValidateNote(note);

            var now = clock.GetUtcNow();
            var previousAccess = conversation.Access;
            var previousOwner = conversation.OwnerId;
            var previousOwnerName = conversation.Owner?.DisplayName;
            var fromTeam = conversation.TeamId;
            string? toTeamName = null;
            List<string> warnings = [];
            List<Notification> notifications = [];
            OwnershipChange? change;

            if (toAgent is not null)
            {
                conversation.HandOver(actor, toAgent, now);
                var agent = await db.Users.AsNoTracking().FirstAsync(a => a.Id == toAgent.AgentId, cancellationToken);
                if (!agent.IsAvailable)
                    warnings.Add($"{agent.DisplayName} is {(agent.OnShift ? agent.Status.ToString().ToLowerInvariant() : "off shift")}; they will see it when they are back.");
                notifications.Add(new Notification(toAgent.AgentId, NotificationKind.Handoff,
                    $"{actor.Name} handed #{conversation.Number} to you: {Text.Preview(text, 160)}", conversation.Id, null, actor.AgentId, actor.Name, now));
                change = new OwnershipChange(OwnershipChangeKind.HandedOff, previousOwner, toAgent.AgentId, actor.AgentId, actor.Name);
            }
            else
            {
                var teamId = target.TeamId!.Value;
                var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
                if (team is null) return Problem.Validation("That team does not exist.");
                toTeamName = team.Name;
                conversation.HandOverToTeam(actor, teamId, now);
                await KeepOnTheThreadAsync(db, conversation, actor, previousOwner, now, cancellationToken);
                var online = await db.Users.AsNoTracking()
                    .Where(a => a.IsActive && a.Status == AgentStatus.Online && a.Teams.Any(t => t.TeamId == teamId) && a.Id != actor.AgentId)
                    .Select(a => a.Id).ToListAsync(cancellationToken);
                if (online.Count == 0) warnings.Add($"Nobody in {team.Name} is online right now; it waits in their queue.");
                notifications.AddRange(online.Select(id => new Notification(id, NotificationKind.Handoff,
                    $"{actor.Name} handed #{conversation.Number} to {team.Name}: {Text.Preview(text, 160)}", conversation.Id, null, actor.AgentId,
                    actor.Name, now)));
                change = new OwnershipChange(OwnershipChangeKind.HandedOff, previousOwner, null, actor.AgentId, actor.Name);
            }

            var handoff = new Handoff(conversation.Id, actor.AgentId, previousOwner, fromTeam, toAgent?.AgentId, target.TeamId, text, now);
            db.Handoffs.Add(handoff);
            var fromTeamName = await db.Teams.AsNoTracking().Where(t => t.Id == fromTeam).Select(t => t.Name).FirstAsync(cancellationToken);
            db.Record(actor, AuditActions.HandoffCreated, AuditSubjects.Handoff, handoff.Id.ToString(), now, conversation.Id,
                before: new { ownerId = previousOwner, ownerName = previousOwnerName, teamId = fromTeam, team = fromTeamName },
                after: new { toAgentId = toAgent?.AgentId, toAgent = toAgent?.Name, toTeamId = target.TeamId, toTeam = toTeamName,
                    ownerId = conversation.OwnerId, teamId = conversation.TeamId, note = text },
                // Filed under the team it came from: that team's lead reviews the handoff their agent wrote.
                teamId: fromTeam);
            db.Notifications.AddRange(notifications);
            change = await Routing.TryAutoAssignAsync(db, conversation, now, cancellationToken) ?? change;
            await db.SaveChangesAsync(cancellationToken);

            var summary = (await ConversationQueries.FindSummaryAsync(db, conversation.Id, cancellationToken))!;
            var view = await CollaborationQueries.Handoffs(db, h => h.Id == handoff.Id).FirstAsync(cancellationToken);
            List<LiveEvent> events =
            [
                new ConversationUpdated(summary, now, change, previousAccess),
                new HandoffCreated(view, summary.Access, now),
                .. await NoteService.NotificationEventsAsync(db, notifications, now, cancellationToken),
            ];
            return new Committed<HandoffResult>(new HandoffResult(view, warnings), events);
        }, cancellationToken);
    }

    /// <summary>When a conversation leaves the team, whoever handed it off and its previous owner stay on as participants.</summary>
    private static async Task KeepOnTheThreadAsync(ShuttleDbContext db, Conversation conversation, Actor actor, Guid? previousOwner,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keep = new List<Guid> { actor.AgentId };
        if (previousOwner is { } owner && owner != actor.AgentId) keep.Add(owner);
        var views = await DirectoryService.AgentViews(db, a => keep.Contains(a.Id) && a.IsActive).ToListAsync(cancellationToken);
        foreach (var agent in views.Select(DirectoryService.ToActor))
            if (conversation.AddParticipant(agent, actor, now))
                db.Record(actor, AuditActions.ParticipantAdded, AuditSubjects.Conversation, conversation.Id.ToString(), now, conversation.Id,
                    after: new { agentId = agent.AgentId, name = agent.Name, reason = "handed off" });
    }
}
