namespace ShuttlePro.Core.Collaboration;

/// <summary>An agent outside the conversation's team who was brought in (by a mention or a handoff) and may read and note it.</summary>
public sealed class ConversationParticipant
{
    private ConversationParticipant() { }

    public ConversationParticipant(Guid conversationId, Guid agentId, Guid addedById, DateTimeOffset at)
    {
        ConversationId = conversationId;
        AgentId = agentId;
        AddedById = addedById;
        AddedAt = at;
    }

    public Guid ConversationId { get; private set; }
    public Guid AgentId { get; private set; }
    public Guid AddedById { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}
