using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.ConversationFeature;

public sealed record OpenConversationAction(Guid ConversationId);

public sealed record ConversationLoadedAction(ConversationDetail Detail);

public sealed record ConversationLoadFailedAction(Guid ConversationId, Problem Problem);

public sealed record CloseConversationAction;

public sealed record UpdateDraftAction(Guid ConversationId, string Text);

public sealed record SendReplyAction(Guid ConversationId, string Body);

public sealed record ReplySentAction(Guid ConversationId, MessageView Message);

public sealed record ReplyFailedAction(Guid ConversationId, Problem Problem);

public sealed record ChangeConversationStatusAction(Guid ConversationId, ConversationStatus Status);

public sealed record ConversationStatusChangedAction(ConversationSummary Summary);

public sealed record ConversationStatusChangeFailedAction(Guid ConversationId, Problem Problem);

public sealed record DismissConversationProblemAction;

/// <summary>Live: a message was added to some conversation (a customer wrote, or an agent replied).</summary>
public sealed record LiveMessageAddedAction(MessageView Message);

/// <summary>Live: a message's delivery status moved.</summary>
public sealed record LiveMessageUpdatedAction(MessageView Message);
