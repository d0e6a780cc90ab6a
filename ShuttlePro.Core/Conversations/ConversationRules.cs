using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// The ownership rules as plain functions, so the entity enforces them and screens can ask them (to offer
/// only what will succeed) without a second copy of the logic.
/// </summary>
public static class ConversationRules
{
    /// <summary>Only the owner replies; an unowned conversation is taken by whoever replies first.</summary>
    public static bool CanReply(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId);

    /// <summary>The owner, the team's leads, and any team member while it is unowned may change its status.</summary>
    public static bool CanChangeStatus(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>Any agent who sees the conversation may take it while nobody owns it.</summary>
    public static bool CanTake(Actor actor, int teamId) => !actor.IsSystem && actor.CanSeeTeam(teamId);

    /// <summary>Shift leads (of the team), supervisors and admins assign and take over.</summary>
    public static bool CanAssignOrTakeOver(Actor actor, int teamId) => !actor.IsSystem && actor.LeadsTeam(teamId);

    /// <summary>Only the owner, a shift lead of the team or a supervisor hands a conversation off.</summary>
    public static bool CanHandOff(Actor actor, Guid? ownerId, int teamId) =>
        !actor.IsSystem && actor.CanSeeTeam(teamId) && (ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>The owner hands a conversation back to the queue; so may the team's leads.</summary>
    public static bool CanRelease(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>A message WhatsApp refused is sent again by the conversation's owner or a lead of its team.</summary>
    public static bool CanResend(Actor actor, Guid? ownerId, int teamId) =>
        !actor.IsSystem && actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId || actor.LeadsTeam(teamId));
}
