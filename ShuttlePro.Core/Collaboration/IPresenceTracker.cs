using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// Ephemeral presence: who views, who types, who holds the reply lock, per conversation. Entries live per session
/// (a browser tab's circuit, a hub connection) with a time to live, renewed by heartbeats and cleared when the
/// session goes away. Every visible change is published as <see cref="PresenceChanged"/>. Never audited.
/// Callers check visibility first (<see cref="CollaborationService"/>).
/// </summary>
public interface IPresenceTracker
{
    ValueTask WatchAsync(PresenceSession session, Guid conversationId, ConversationAccess access);

    ValueTask UnwatchAsync(string sessionId, Guid conversationId);

    /// <summary>
    /// Marks the session typing (or not). While typing, an agent who may reply takes or renews the reply lock if it
    /// is free or theirs; stopping releases it. Returns the conversation's lock afterwards.
    /// </summary>
    ValueTask<ReplyLock?> TypingAsync(PresenceSession session, Guid conversationId, ConversationAccess access, bool typing, bool mayHoldLock);

    /// <summary>Releases the agent's reply lock (after a send or a cancel).</summary>
    ValueTask ReleaseLockAsync(Guid agentId, Guid conversationId);

    /// <summary>Keeps every entry of the session alive.</summary>
    ValueTask HeartbeatAsync(string sessionId);

    /// <summary>The session closed: everything it held goes at once.</summary>
    ValueTask DisconnectAsync(string sessionId);

    ConversationPresence Get(Guid conversationId);

    /// <summary>Every conversation somebody is present in, for screens that just loaded.</summary>
    IReadOnlyList<ConversationPresence> Active();

    /// <summary>Drops what has expired and publishes the resulting changes.</summary>
    ValueTask SweepAsync();
}
