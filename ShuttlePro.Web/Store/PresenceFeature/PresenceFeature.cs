using System.Collections.Immutable;
using ShuttlePro.Core.Collaboration;

namespace ShuttlePro.Web.Store.PresenceFeature;

/// <summary>Who is viewing, typing in, or holding the reply lock of each conversation this agent may see.</summary>
public sealed record PresenceState(ImmutableDictionary<Guid, ConversationPresence> ByConversation)
{
    public static readonly PresenceState Initial = new(ImmutableDictionary<Guid, ConversationPresence>.Empty);

    public ConversationPresence For(Guid conversationId) =>
        ByConversation.GetValueOrDefault(conversationId) ?? ConversationPresence.Nobody(conversationId);
}

/// <summary>Presence everywhere, as the screen starts (later changes arrive live).</summary>
public sealed record PresenceLoadedAction(IReadOnlyList<ConversationPresence> Active);

public sealed record LivePresenceChangedAction(ConversationPresence Presence);

/// <summary>The agent started or stopped typing in a conversation's composer.</summary>
public sealed record ComposerTypingAction(Guid ConversationId, bool Typing);

public static class PresenceReducers
{
    public static PresenceState OnLoaded(PresenceState state, PresenceLoadedAction action) =>
        new(action.Active.Where(p => !p.IsEmpty).ToImmutableDictionary(p => p.ConversationId));

    public static PresenceState OnChanged(PresenceState state, LivePresenceChangedAction action) =>
        action.Presence.IsEmpty
            ? state.ByConversation.ContainsKey(action.Presence.ConversationId)
                ? new(state.ByConversation.Remove(action.Presence.ConversationId))
                : state
            : new(state.ByConversation.SetItem(action.Presence.ConversationId, action.Presence));
}
