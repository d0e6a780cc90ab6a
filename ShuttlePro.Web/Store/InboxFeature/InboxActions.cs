using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Store.InboxFeature;

/// <summary>Load the list for a filter, as the given actor.</summary>
public sealed record LoadInboxAction(ConversationFilter Filter, Actor Viewer);

public sealed record InboxLoadedAction(ConversationFilter Filter, IReadOnlyList<ConversationSummary> Items);

public sealed record InboxLoadFailedAction(ConversationFilter Filter, string Error);

/// <summary>Live (and after our own changes): a conversation's summary changed.</summary>
public sealed record LiveConversationUpdatedAction(ConversationSummary Summary);

/// <summary>A conversation left this agent's sight; lists drop it.</summary>
public sealed record InboxConversationRemovedAction(Guid ConversationId);
