using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.ConversationFeature;

/// <summary>Open a thread; <paramref name="FocusNoteId"/> brings a note into view (from a notification), <paramref name="FocusMessageId"/> a message (from a ticket).</summary>
public sealed record OpenConversationAction(Guid ConversationId, Guid? FocusNoteId = null, Guid? FocusMessageId = null);

/// <summary>The thread, with the approved templates of its number (what can be sent once WhatsApp's 24-hour window closed).</summary>
public sealed record ConversationLoadedAction(ConversationDetail Detail, IReadOnlyList<ShuttlePro.Core.Channels.TemplateView>? Templates = null);

public sealed record ConversationLoadFailedAction(Guid ConversationId, Problem Problem);

public sealed record CloseConversationAction;

public sealed record UpdateDraftAction(Guid ConversationId, string Text);

/// <summary>Puts a ready text into the reply composer (a reply drafted when a ticket was solved), replacing what was there.</summary>
public sealed record UseDraftAction(Guid ConversationId, string Text);

/// <summary>
/// Send a reply — free text, or with <paramref name="Template"/> an approved template; <paramref name="LastSeenMessageId"/>
/// is the newest message the agent had seen when they wrote it.
/// </summary>
public sealed record SendReplyAction(Guid ConversationId, string Body, Guid? LastSeenMessageId = null, TemplateReply? Template = null);

/// <summary>Send a message WhatsApp refused or could not deliver once more.</summary>
public sealed record RetryMessageAction(Guid ConversationId, Guid MessageId);

public sealed record MessageRetryFailedAction(Guid ConversationId, Problem Problem);

/// <summary>A reply went out; a template leaves the free-text draft alone (it was not what was sent).</summary>
public sealed record ReplySentAction(Guid ConversationId, MessageView Message, bool KeepDraft = false);

public sealed record ReplyFailedAction(Guid ConversationId, Problem Problem);

public sealed record ChangeConversationStatusAction(Guid ConversationId, ConversationStatus Status);

public sealed record ConversationStatusChangedAction(ConversationSummary Summary);

public sealed record ConversationStatusChangeFailedAction(Guid ConversationId, Problem Problem);

public sealed record DismissConversationProblemAction;

/// <summary>Live: a message was added to some conversation (a customer wrote, or an agent replied).</summary>
public sealed record LiveMessageAddedAction(MessageView Message);

/// <summary>Live: a message's delivery status moved.</summary>
public sealed record LiveMessageUpdatedAction(MessageView Message);

public enum OwnershipMove
{
    Take,
    Release,
    TakeOver,
    Assign,
}

/// <summary>Take, release, take over, or (with <paramref name="AgentId"/>) assign the conversation.</summary>
public sealed record ChangeOwnershipAction(Guid ConversationId, OwnershipMove Move, Guid? AgentId = null);

public sealed record OwnershipChangedAction(ConversationSummary Summary);

public sealed record OwnershipChangeFailedAction(Guid ConversationId, Problem Problem);

/// <summary>Ask the owner (and the team's leads) to let this agent take the conversation over.</summary>
public sealed record RequestTakeoverAction(Guid ConversationId, string? Note = null);

public sealed record TakeoverRequestSentAction(Guid ConversationId, string OwnerName);

/// <summary>Answer a takeover request (as its owner or a lead).</summary>
public sealed record DecideTakeoverAction(Guid RequestId, bool Accept);

public sealed record WriteNoteAction(Guid ConversationId, string Body, bool Pinned);

public sealed record NoteWrittenAction(Guid ConversationId, NoteView Note);

public sealed record NoteFailedAction(Guid ConversationId, Problem Problem);

public sealed record PinNoteAction(Guid ConversationId, Guid NoteId, bool Pinned);

public sealed record HandOffAction(Guid ConversationId, HandoffTarget Target, string Note);

public sealed record HandedOffAction(Guid ConversationId, HandoffResult Result);

public sealed record HandoffFailedAction(Guid ConversationId, Problem Problem);

public sealed record LabelConversationAction(Guid ConversationId, int LabelId, bool Add);

/// <summary>Live: a note was written in some conversation.</summary>
public sealed record LiveNoteAddedAction(NoteView Note);

/// <summary>Live: a note was pinned or unpinned.</summary>
public sealed record LiveNoteUpdatedAction(NoteView Note);

public sealed record LiveHandoffAddedAction(HandoffView Handoff);

/// <summary>Live: a conversation moved out of this agent's sight (handed to another team).</summary>
public sealed record ConversationRemovedAction(Guid ConversationId, string Where);

public sealed record NoteFocusedAction;
