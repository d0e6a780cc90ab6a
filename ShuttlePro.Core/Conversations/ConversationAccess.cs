using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// Who may see a conversation: its team (supervisors and admins see every team) and its participants — agents of
/// other teams brought in by a mention, who may read it and write notes but not reply. One rule for reads,
/// writes, live events and the hub (<see cref="Permissions.CanSee(Actor, ConversationAccess)"/>).
/// </summary>
public sealed record ConversationAccess(int TeamId, IReadOnlyList<Guid> ParticipantIds)
{
    public static ConversationAccess OfTeam(int teamId) => new(teamId, []);

    public bool IsVisibleTo(Actor actor) => Permissions.CanSee(actor, this);

    public bool IsParticipant(Guid agentId) => ParticipantIds.Contains(agentId);
}
