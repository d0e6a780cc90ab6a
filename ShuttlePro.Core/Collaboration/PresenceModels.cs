using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

public sealed record PresentAgent(Guid AgentId, string Name)
{
    /// <summary>Each agent once (several tabs of one agent count once), in name order: how every tracker lists people.</summary>
    public static List<PresentAgent> Distinct(IEnumerable<PresentAgent> entries) => entries
        .GroupBy(a => a.AgentId).Select(g => g.First())
        .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.AgentId)
        .ToList();
}

/// <summary>A short lease on replying to a conversation, renewed while the holder types.</summary>
public sealed record ReplyLock(Guid AgentId, string Name, DateTimeOffset ExpiresAt);

/// <summary>Who is looking at a conversation, who is typing in it, and who holds its reply lock, right now.</summary>
public sealed record ConversationPresence(Guid ConversationId, ConversationAccess Access, IReadOnlyList<PresentAgent> Viewers,
    IReadOnlyList<PresentAgent> Typing, ReplyLock? Lock)
{
    public static ConversationPresence Nobody(Guid conversationId, ConversationAccess? access = null) =>
        new(conversationId, access ?? ConversationAccess.OfTeam(0), [], [], null);

    public bool IsEmpty => Viewers.Count == 0 && Typing.Count == 0 && Lock is null;

    /// <summary>Same people in the same roles (lock expiry renewals are not a visible change).</summary>
    public bool LooksLike(ConversationPresence other) =>
        Viewers.SequenceEqual(other.Viewers) && Typing.SequenceEqual(other.Typing) && Lock?.AgentId == other.Lock?.AgentId;
}

/// <summary>Presence on a conversation changed; everyone who may see the conversation may see who is there.</summary>
public sealed record PresenceChanged(ConversationPresence Presence, DateTimeOffset At)
    : ConversationLiveEvent(Presence.ConversationId, Presence.Access, At);

/// <summary>One open screen or hub connection of an agent: presence is tracked per session, shown per agent.</summary>
public sealed record PresenceSession(string SessionId, Actor Actor);
