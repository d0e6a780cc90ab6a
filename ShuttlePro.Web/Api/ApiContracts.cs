using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Api;

// The HTTP API v1 and hub contract. Core's records stay free to evolve; these shapes do not.

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>A free-form reply (<c>body</c>) or an approved template (<c>template</c>), one of the two.</summary>
public sealed record ReplyRequest(string? Body, Guid? LastSeenMessageId, ApiTemplateReply? Template = null);

public sealed record ApiTemplateReply(string? Name, string? Language, IReadOnlyList<string>? Parameters);

public sealed record AssignRequest(Guid? AgentId);

public sealed record NoteRequest(string? Body, bool? Pinned);

public sealed record PinRequest(bool Pinned);

public sealed record HandoffRequest(Guid? ToAgentId, int? ToTeamId, string? Note);

public sealed record StatusRequest(string? Status, bool? OnShift);

public sealed record EndShiftItem(Guid ConversationId, Guid? ToAgentId, int? ToTeamId, string? Note);

public sealed record EndShiftRequest(IReadOnlyList<EndShiftItem>? Items);

public sealed record ReadNotificationsRequest(IReadOnlyList<Guid>? Ids);

public sealed record ApiMention(Guid? AgentId, int? TeamId, string Name);

public sealed record ApiNote(Guid Id, string Body, Guid AuthorId, string AuthorName, DateTimeOffset CreatedAt, bool Pinned,
    IReadOnlyList<ApiMention> Mentions);

public sealed record ApiNoteCreated(Guid Id, IReadOnlyList<ApiMention> Mentions);

public sealed record ApiHandoff(Guid Id, Guid? FromAgentId, string? FromAgentName, int FromTeamId, Guid? ToAgentId, string? ToAgentName,
    int? ToTeamId, string? ToTeamName, Guid ByAgentId, string ByName, string Note, DateTimeOffset CreatedAt);

public sealed record ApiHandoffCreated(Guid Id, ApiHandoff Handoff, IReadOnlyList<string> Warnings);

public sealed record ApiNotification(Guid Id, string Kind, string Text, Guid? ConversationId, Guid? NoteId, string ActorName,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record ApiShiftItemResult(Guid ConversationId, bool Ok, string? Code, string? Message, Guid? HandoffId);

public sealed record ApiEndShift(int HandedOff, int Failed, IReadOnlyList<ApiShiftItemResult> Items, ApiAgent? Agent);

public sealed record ApiLabel(int Id, string Name, string Color);

public sealed record ApiCannedResponse(Guid Id, string Shortcut, string Title, string Body, bool Shared);

public sealed record TakeoverRequestBody(string? Note);

public sealed record ApiPresentAgent(Guid AgentId, string Name);

public sealed record ApiReplyLock(Guid AgentId, string Name, DateTimeOffset ExpiresAt);

public sealed record ApiPresence(IReadOnlyList<ApiPresentAgent> Viewers, IReadOnlyList<ApiPresentAgent> Typing, ApiReplyLock? Lock);

public sealed record ApiTakeoverRequest(Guid Id, Guid ConversationId, int ConversationNumber, string ContactName, Guid RequesterId,
    string RequesterName, Guid OwnerId, string? Note, DateTimeOffset CreatedAt, string Status);

public sealed record CreatedResponse(Guid Id);

public sealed record ApiTeam(int Id, string Name);

public sealed record ApiMe(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, IReadOnlyList<ApiTeam> Teams);

public sealed record ApiAgent(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, IReadOnlyList<ApiTeam> Teams,
    AgentStatus Status, bool OnShift);

public sealed record ApiContact(string Name, string Phone);

public sealed record ApiChannel(int Id, string Name, string Brand);

public sealed record ApiConversation(
    Guid Id,
    int Number,
    ConversationStatus Status,
    ApiContact Contact,
    ApiChannel Channel,
    int TeamId,
    string TeamName,
    Guid? OwnerId,
    string? OwnerName,
    DateTimeOffset? LastMessageAt,
    string LastMessagePreview,
    int Version,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? AwaitingReplySince,
    IReadOnlyList<ApiLabel> Labels);

public sealed record ApiMessage(
    Guid Id,
    string Direction,
    MessageType Type,
    string Body,
    Guid? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status,
    string? WaMessageId,
    ApiMessageError? Error,
    ApiMedia? Media,
    string? TemplateName);

/// <summary>Why WhatsApp refused or could not deliver a message: Meta's error code and title.</summary>
public sealed record ApiMessageError(int? Code, string? Title);

public sealed record ApiMedia(string? Id, string? MimeType, string? FileName);

public sealed record ApiTemplate(string Name, string Language, string Body, int ParameterCount);

/// <summary>The conversation detail: the summary's fields plus its messages, oldest first.</summary>
public sealed record ApiConversationDetail(
    Guid Id,
    int Number,
    ConversationStatus Status,
    ApiContact Contact,
    ApiChannel Channel,
    int TeamId,
    string TeamName,
    Guid? OwnerId,
    string? OwnerName,
    DateTimeOffset? LastMessageAt,
    string LastMessagePreview,
    int Version,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? AwaitingReplySince,
    IReadOnlyList<ApiMessage> Messages,
    ApiPresence Presence,
    IReadOnlyList<ApiNote> Notes,
    IReadOnlyList<ApiHandoff> Handoffs,
    IReadOnlyList<Guid> ParticipantIds,
    IReadOnlyList<ApiLabel> Labels,
    IReadOnlyList<ApiTicketChip> Tickets);

/// <summary>What the hub sends with the client method <c>event</c>.</summary>
public sealed record ApiLiveEvent(string Type, Guid? ConversationId, DateTimeOffset At, object Data);

public static class ApiMapping
{
    public static ApiTeam ToApi(this TeamView team) => new(team.Id, team.Name);

    public static ApiMe ToApiMe(this AgentView agent) =>
        new(agent.Id, agent.Name, agent.Email, agent.Roles, agent.Teams.Select(ToApi).ToList());

    public static ApiAgent ToApi(this AgentView agent) =>
        new(agent.Id, agent.Name, agent.Email, agent.Roles, agent.Teams.Select(ToApi).ToList(), agent.Status, agent.OnShift);

    public static ApiConversation ToApi(this ConversationSummary c) => new(
        c.Id, c.Number, c.Status, new ApiContact(c.Contact.Name, c.Contact.Phone), new ApiChannel(c.Channel.Id, c.Channel.Name, c.Channel.Brand),
        c.TeamId, c.TeamName, c.OwnerId, c.OwnerName, c.LastMessageAt, c.LastMessagePreview, c.Version, c.LastActivityAt, c.AwaitingReplySince,
        c.Labels.Select(l => new ApiLabel(l.Id, l.Name, l.Color)).ToList());

    public static ApiConversationDetail ToApi(this ConversationDetail detail, ConversationPresence presence, DateTimeOffset now)
    {
        var c = detail.Summary.ToApi();
        return new ApiConversationDetail(c.Id, c.Number, c.Status, c.Contact, c.Channel, c.TeamId, c.TeamName, c.OwnerId, c.OwnerName,
            c.LastMessageAt, c.LastMessagePreview, c.Version, c.LastActivityAt, c.AwaitingReplySince,
            detail.Messages.Select(ToApi).ToList(), presence.ToApi(), detail.Notes.Select(ToApi).ToList(),
            detail.Handoffs.Select(ToApi).ToList(), detail.Summary.ParticipantIds, c.Labels, detail.Tickets.Select(t => t.ToChip(now)).ToList());
    }

    public static ApiNote ToApi(this NoteView n) => new(n.Id, n.Body, n.AuthorId, n.AuthorName, n.CreatedAt, n.Pinned,
        n.Mentions.Select(m => new ApiMention(m.AgentId, m.TeamId, m.Name)).ToList());

    public static ApiHandoff ToApi(this HandoffView h) => new(h.Id, h.FromAgentId, h.FromAgentName, h.FromTeamId, h.ToAgentId, h.ToAgentName,
        h.ToTeamId, h.ToTeamName, h.ByAgentId, h.ByName, h.Note, h.CreatedAt);

    public static ApiNotification ToApi(this NotificationView n) => new(n.Id, n.Kind.ToString().ToLowerInvariant(), n.Text, n.ConversationId,
        n.NoteId, n.ActorName, n.CreatedAt, n.ReadAt);

    public static ApiLabel ToApi(this Core.Workspace.LabelView l) => new(l.Id, l.Name, l.Color);

    public static ApiCannedResponse ToApi(this Core.Workspace.CannedResponseView c) => new(c.Id, c.Shortcut, c.Title, c.Body, c.Shared);

    public static ApiPresence ToApi(this ConversationPresence presence) => new(
        presence.Viewers.Select(a => new ApiPresentAgent(a.AgentId, a.Name)).ToList(),
        presence.Typing.Select(a => new ApiPresentAgent(a.AgentId, a.Name)).ToList(),
        presence.Lock is { } held ? new ApiReplyLock(held.AgentId, held.Name, held.ExpiresAt) : null);

    public static ApiTakeoverRequest ToApi(this TakeoverRequestView r) => new(r.Id, r.ConversationId, r.ConversationNumber, r.ContactName,
        r.RequesterId, r.RequesterName, r.OwnerId, r.Note, r.CreatedAt, r.Status.ToString());

    public static ApiMessage ToApi(this MessageView m) => new(
        m.Id, m.Direction == MessageDirection.Inbound ? "inbound" : "outbound", m.Type, m.Body, m.AuthorId, m.AuthorName, m.CreatedAt, m.Status,
        m.Channel?.WaMessageId,
        m.Status == DeliveryStatus.Failed ? new ApiMessageError(m.Channel?.ErrorCode, m.Channel?.ErrorTitle) : null,
        m.Channel is { MediaId: not null } or { FileName: not null } ? new ApiMedia(m.Channel.MediaId, m.Channel.MimeType, m.Channel.FileName) : null,
        m.Channel?.TemplateName);

    public static ApiTemplate ToApi(this ShuttlePro.Core.Channels.TemplateView t) => new(t.Name, t.Language, t.Body, t.ParameterCount);

    /// <summary>The hub's event for a live event as <paramref name="actor"/> may see it, or null when the hub does not relay that kind.</summary>
    public static ApiLiveEvent? ToApiFor(this LiveEvent liveEvent, Actor actor) => liveEvent switch
    {
        // It moved out of the actor's sight (a handoff): they learn only that it is gone.
        ConversationUpdated e when e.RemovedFor(actor) => new ApiLiveEvent("conversation.removed", e.ConversationId, e.At, new { id = e.ConversationId }),
        Core.Tickets.TicketUpdated e when e.RemovedFor(actor) => new ApiLiveEvent("ticket.removed", null, e.At, new { id = e.Ticket.Id }),
        // Throttled and coalesced by the publisher; each receiver gets the teams and agents it may see.
        Core.Queues.QueueStatsChanged e => new ApiLiveEvent("queue.stats", null, e.At, e.Stats.VisibleTo(actor).ToApi()),
        _ => liveEvent.ToApi(),
    };

    /// <summary>
    /// Which variant of <see cref="ToApiFor"/> the actor gets: actors of one audience get the very same payload, so the
    /// hub builds and serializes it once per audience. Keep it in step with <see cref="ToApiFor"/>.
    /// </summary>
    public static string AudienceOf(this LiveEvent liveEvent, Actor actor) => liveEvent switch
    {
        ConversationUpdated e when e.RemovedFor(actor) => "removed",
        Core.Tickets.TicketUpdated e when e.RemovedFor(actor) => "removed",
        Core.Queues.QueueStatsChanged => actor.SeesAllTeams ? "all" : "leads:" + string.Join(',', actor.TeamIds.Order()),
        _ => "",
    };

    /// <summary>The hub's event for a live event, or null when the hub does not relay that kind.</summary>
    public static ApiLiveEvent? ToApi(this LiveEvent liveEvent) => liveEvent switch
    {
        NoteAdded e => new ApiLiveEvent("note.added", e.ConversationId, e.At, e.Note.ToApi()),
        NoteUpdated e => new ApiLiveEvent("note.updated", e.ConversationId, e.At, e.Note.ToApi()),
        HandoffCreated e => new ApiLiveEvent("handoff.created", e.ConversationId, e.At, e.Handoff.ToApi()),
        NotificationCreated e => new ApiLiveEvent("notification", e.Notification.ConversationId, e.At, e.Notification.ToApi()),
        NotificationsRead e => new ApiLiveEvent("notifications.read", null, e.At, new { ids = e.Ids }),
        MessageAdded e => new ApiLiveEvent("message.added", e.ConversationId, e.At, e.Message.ToApi()),
        MessageUpdated e => new ApiLiveEvent("message.updated", e.ConversationId, e.At, e.Message.ToApi()),
        ConversationUpdated e => new ApiLiveEvent("conversation.updated", e.ConversationId, e.At, e.Summary.ToApi()),
        AgentChanged e => new ApiLiveEvent("agent.status", null, e.At, e.Agent.ToApi()),
        PresenceChanged e => new ApiLiveEvent("presence.changed", e.ConversationId, e.At, e.Presence.ToApi()),
        TakeoverRequested e => new ApiLiveEvent("takeover.requested", e.ConversationId, e.At, e.Request.ToApi()),
        TakeoverDecided e => new ApiLiveEvent("takeover.decided", e.ConversationId, e.At, e.Request.ToApi()),
        Core.Tickets.TicketUpdated e => new ApiLiveEvent("ticket.updated", e.Ticket.ConversationId, e.At,
            new { ticket = e.Ticket.ToApi(e.At), events = e.Events.Select(TicketsApi.ToApi).ToList() }),
        // Events were missed (a queue overflowed, or the bus across instances came back): reload rather than trust.
        ResyncRequired e => new ApiLiveEvent("resync", null, e.At, new { }),
        _ => null,
    };
}
