using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Directory;

/// <summary>
/// The one authorization policy: who may see what and do what. Services, entities, the live-event filters (hub and
/// circuits) and the screens all ask here; docs/permissions.md is the same policy as a table, and a test calls every
/// route and hub method as every role against it.
/// <para>Scopes: an agent works in their teams (a conversation's team is the one its channel — brand's number — routes
/// to, or the one it was handed to), plus conversations they were brought into by a mention (read and note only).
/// Shift leads lead their own teams; supervisors and admins see and lead every team; only admins configure.</para>
/// <para>Visibility is decided first: what one may not see answers 404 (it does not exist for them); an action one may
/// not take on something one sees answers 403.</para>
/// </summary>
public static class Permissions
{
    // ---- seeing ----

    /// <summary>A conversation: its team's members (supervisors and admins: every team) and its participants.</summary>
    public static bool CanSee(Actor actor, ConversationAccess conversation) =>
        actor.CanSeeTeam(conversation.TeamId) || conversation.IsParticipant(actor.AgentId);

    /// <summary>A ticket: whoever sees its conversation, and the team it was escalated to.</summary>
    public static bool CanSee(Actor actor, TicketAccess ticket) => CanSee(actor, ticket.Conversation) || actor.CanSeeTeam(ticket.TeamId);

    /// <summary>The inbox's All view and other whole-organisation lists: supervisors and admins.</summary>
    public static bool SeesAllTeams(Actor actor) => actor.SeesAllTeams;

    // ---- leading and configuring (by role) ----

    /// <summary>
    /// The lead's tools — queue board, drag board, audit trail, QA reviews, other agents' figures, the live bus banner —
    /// for the teams one leads: shift leads (their teams), supervisors and admins (all).
    /// </summary>
    public static bool MayLead(Actor actor) => actor.SeesAllTeams || actor.IsShiftLead;

    /// <summary>Agents, teams, labels, shared canned replies, channels and templates, ticket settings, dead letters: admins only.</summary>
    public static bool MayConfigure(Actor actor) => actor.IsAdmin;

    // ---- acting on a conversation one sees (its team and current owner) ----

    /// <summary>Team members (not participants) act on it: reply, label, change status.</summary>
    public static bool IsTeamMember(Actor actor, int teamId) => actor.CanSeeTeam(teamId);

    /// <summary>Only the owner replies; an unowned conversation is taken by whoever replies first.</summary>
    public static bool CanReply(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId);

    /// <summary>The owner, the team's leads, and any team member while it is unowned may change its status.</summary>
    public static bool CanChangeStatus(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>Any agent who sees the conversation through its team may take it while nobody owns it.</summary>
    public static bool CanTake(Actor actor, int teamId) => !actor.IsSystem && actor.CanSeeTeam(teamId);

    /// <summary>Shift leads (of the team), supervisors and admins assign and take over.</summary>
    public static bool CanAssignOrTakeOver(Actor actor, int teamId) => !actor.IsSystem && actor.LeadsTeam(teamId);

    /// <summary>The owner and the team's leads answer a takeover request.</summary>
    public static bool CanAnswerTakeover(Actor actor, Guid? ownerId, int teamId) =>
        !actor.IsSystem && actor.CanSeeTeam(teamId) && (ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>Only the owner, a shift lead of the team or a supervisor hands a conversation off.</summary>
    public static bool CanHandOff(Actor actor, Guid? ownerId, int teamId) =>
        !actor.IsSystem && actor.CanSeeTeam(teamId) && (ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>The owner hands a conversation back to the queue; so may the team's leads.</summary>
    public static bool CanRelease(Actor actor, Guid? ownerId, int teamId) =>
        actor.CanSeeTeam(teamId) && (ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    /// <summary>A message WhatsApp refused is sent again by the conversation's owner or a lead of its team (anyone of the team while unowned).</summary>
    public static bool CanResend(Actor actor, Guid? ownerId, int teamId) =>
        !actor.IsSystem && actor.CanSeeTeam(teamId) && (ownerId is null || ownerId == actor.AgentId || actor.LeadsTeam(teamId));

    // ---- tickets ----

    /// <summary>The owner, the team's shift leads, supervisors and admins run a ticket (status, priority, owner, team); everyone who sees it may comment.</summary>
    public static bool CanManageTicket(Actor actor, Guid? ownerId, int teamId) =>
        actor.IsSystem || actor.SeesAllTeams || actor.AgentId == ownerId || actor.LeadsTeam(teamId);
}
