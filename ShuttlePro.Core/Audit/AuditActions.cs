namespace ShuttlePro.Core.Audit;

/// <summary>
/// The audit trail's vocabulary: dotted lowercase, <c>subject.past_tense_verb</c>. Names are stable — reports and QA filters
/// depend on them — and docs/audit.md lists every one with what it carries.
/// </summary>
public static class AuditActions
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageStatusChanged = "message.status_changed";
    public const string MessageFailed = "message.failed";
    public const string MessageRetryScheduled = "message.retry_scheduled";
    public const string MessageRetried = "message.retried";
    public const string ChannelSynchronised = "channel.synchronised";
    public const string ChannelUpdated = "channel.updated";
    public const string TemplateSaved = "template.saved";
    public const string TemplateRemoved = "template.removed";
    public const string WebhookDeadLettered = "webhook.dead_lettered";
    public const string WebhookReplayed = "webhook.replayed";
    public const string ConversationStarted = "conversation.started";
    public const string ConversationTaken = "conversation.taken";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationTakenOver = "conversation.taken_over";
    public const string ConversationReleased = "conversation.released";
    public const string TakeoverRequested = "takeover.requested";
    public const string TakeoverAccepted = "takeover.accepted";
    public const string TakeoverDeclined = "takeover.declined";
    public const string CollisionRefused = "collision.refused";
    public const string CollisionResolved = "collision.resolved";
    public const string HandoffCreated = "handoff.created";
    public const string ConversationAutoReleased = "conversation.auto_released";
    public const string ConversationAutoAssigned = "conversation.auto_assigned";
    public const string ParticipantAdded = "conversation.participant_added";
    public const string NoteAdded = "note.added";
    public const string NotePinned = "note.pinned";
    public const string NoteUnpinned = "note.unpinned";
    public const string ShiftEnded = "shift.ended";
    public const string LabelAdded = "conversation.label_added";
    public const string LabelRemoved = "conversation.label_removed";
    public const string LabelCreated = "label.created";
    public const string LabelUpdated = "label.updated";
    public const string LabelDeleted = "label.deleted";
    public const string CannedResponseCreated = "canned_response.created";
    public const string CannedResponseUpdated = "canned_response.updated";
    public const string CannedResponseDeleted = "canned_response.deleted";
    public const string TeamSettingsChanged = "team.settings_changed";
    public const string ConversationResolved = "conversation.resolved";
    public const string ConversationReopened = "conversation.reopened";
    public const string ConversationPending = "conversation.pending";
    public const string ContactRenamed = "contact.renamed";

    public const string TicketCreated = "ticket.created";
    public const string TicketUpdated = "ticket.updated";
    public const string TicketCommented = "ticket.commented";
    public const string TicketSolved = "ticket.solved";
    public const string TicketFirstResponse = "ticket.first_response";
    public const string TicketSlaWarning = "ticket.sla_warning";
    public const string TicketSlaBreached = "ticket.sla_breached";
    public const string TicketFirstResponseBreached = "ticket.first_response_breached";
    public const string TicketTypeCreated = "ticket_type.created";
    public const string TicketTypeUpdated = "ticket_type.updated";
    public const string SlaPolicyChanged = "sla_policy.changed";
    public const string TeamBusinessHoursChanged = "team.business_hours_changed";

    public const string AgentCreated = "agent.created";
    public const string AgentUpdated = "agent.updated";
    public const string AgentRoleChanged = "agent.role_changed";
    public const string AgentPasswordChanged = "agent.password_changed";
    public const string AgentDeactivated = "agent.deactivated";
    public const string AgentReactivated = "agent.reactivated";
    public const string AgentStatusChanged = "agent.status_changed";
    public const string TeamCreated = "team.created";
    public const string TeamRenamed = "team.renamed";

    public const string SignedIn = "auth.signed_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignedOut = "auth.signed_out";
    public const string TokenIssued = "auth.token_issued";

    public const string QaReviewed = "qa.reviewed";
}

public static class AuditSubjects
{
    public const string Conversation = "conversation";
    public const string Message = "message";
    public const string Contact = "contact";
    public const string Agent = "agent";
    public const string Team = "team";
    public const string Note = "note";
    public const string Handoff = "handoff";
    public const string Label = "label";
    public const string CannedResponse = "canned_response";
    public const string Ticket = "ticket";
    public const string TicketType = "ticket_type";
    public const string SlaPolicy = "sla_policy";
    public const string Channel = "channel";
    public const string Template = "template";
    public const string Webhook = "webhook";
    public const string QaReview = "qa_review";
}
