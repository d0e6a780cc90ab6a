using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// Shift-aware routing, inside the unit of work of the change that triggers it: a conversation whose owner is off
/// shift or offline goes back to its team's queue, and a team with auto-assignment gives new and released
/// conversations round-robin to members who are online, on shift and under their capacity.
/// </summary>
internal static class Routing
{
    public static readonly Actor AutoAssigner = Actor.System with { Name = "Auto-assign" };

    /// <summary>Releases the conversation when its owner (loaded) is away; returns the change for the live event.</summary>
    public static OwnershipChange? ReleaseIfOwnerAway(ShuttleDbContext db, Conversation conversation, DateTimeOffset now)
    {
        if (conversation.Owner is not { } owner || owner.IsAvailable) return null;
        var reason = !owner.IsActive ? "owner deactivated" : !owner.OnShift ? "owner off shift" : "owner offline";
        conversation.ReleaseBecauseOwnerIsAway(now);
        db.Record(Actor.System, AuditActions.ConversationAutoReleased, AuditSubjects.Conversation, conversation.Id.ToString(), now,
            conversation.Id, before: new { ownerId = owner.Id, ownerName = owner.DisplayName }, after: new { ownerId = (Guid?)null, reason });
        return new OwnershipChange(OwnershipChangeKind.Released, owner.Id, null, Guid.Empty, "ShuttlePro");
    }

    /// <summary>Gives an unowned conversation of an auto-assigning team to the next available member, if any.</summary>
    public static async Task<OwnershipChange?> TryAutoAssignAsync(ShuttleDbContext db, Conversation conversation, DateTimeOffset now,
        CancellationToken cancellationToken, Guid? except = null)
    {
        if (conversation.OwnerId is not null) return null;
        var autoAssigns = await db.Teams.Where(t => t.Id == conversation.TeamId).Select(t => t.AutoAssign).FirstOrDefaultAsync(cancellationToken);
        if (!autoAssigns) return null;

        var teamId = conversation.TeamId;
        var candidates = await db.Users
            .Where(a => a.IsActive && a.Status == AgentStatus.Online && a.OnShift && a.Teams.Any(t => t.TeamId == teamId) && a.Id != except)
            .Select(a => new
            {
                Agent = a,
                Open = db.Conversations.Count(c => c.OwnerId == a.Id && c.Status != ConversationStatus.Resolved),
            })
            .ToListAsync(cancellationToken);
        var next = candidates
            .Where(c => c.Open < c.Agent.Capacity)
            .OrderBy(c => c.Agent.LastAutoAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Open)
            .ThenBy(c => c.Agent.DisplayName, StringComparer.Ordinal)
            .FirstOrDefault();
        if (next is null) return null; // nobody under capacity: it waits in the queue

        conversation.AutoAssign(next.Agent.Id, now);
        next.Agent.NoteAutoAssigned(now);
        db.Record(AutoAssigner, AuditActions.ConversationAutoAssigned, AuditSubjects.Conversation, conversation.Id.ToString(), now,
            conversation.Id, before: new { ownerId = (Guid?)null }, after: new { ownerId = next.Agent.Id, ownerName = next.Agent.DisplayName, openBefore = next.Open, next.Agent.Capacity });
        return new OwnershipChange(OwnershipChangeKind.Assigned, null, next.Agent.Id, Guid.Empty, AutoAssigner.Name);
    }
}
