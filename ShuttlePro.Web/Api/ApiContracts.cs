using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Api;

// The HTTP API v1 and hub contract. Core's records stay free to evolve; these shapes do not.

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed record ReplyRequest(string? Body, Guid? LastSeenMessageId);

public sealed record AssignRequest(Guid? AgentId);

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
    DateTimeOffset? AwaitingReplySince);

public sealed record ApiMessage(
    Guid Id,
    string Direction,
    MessageType Type,
    string Body,
    Guid? AuthorId,
    string? AuthorName,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status);

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
    ApiPresence Presence);

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
        c.TeamId, c.TeamName, c.OwnerId, c.OwnerName, c.LastMessageAt, c.LastMessagePreview, c.Version, c.LastActivityAt, c.AwaitingReplySince);

    public static ApiConversationDetail ToApi(this ConversationDetail detail, ConversationPresence presence)
    {
        var c = detail.Summary.ToApi();
        return new ApiConversationDetail(c.Id, c.Number, c.Status, c.Contact, c.Channel, c.TeamId, c.TeamName, c.OwnerId, c.OwnerName,
            c.LastMessageAt, c.LastMessagePreview, c.Version, c.LastActivityAt, c.AwaitingReplySince,
            detail.Messages.Select(ToApi).ToList(), presence.ToApi());
    }

    public static ApiPresence ToApi(this ConversationPresence presence) => new(
        presence.Viewers.Select(a => new ApiPresentAgent(a.AgentId, a.Name)).ToList(),
        presence.Typing.Select(a => new ApiPresentAgent(a.AgentId, a.Name)).ToList(),
        presence.Lock is { } held ? new ApiReplyLock(held.AgentId, held.Name, held.ExpiresAt) : null);

    public static ApiTakeoverRequest ToApi(this TakeoverRequestView r) => new(r.Id, r.ConversationId, r.ConversationNumber, r.ContactName,
        r.RequesterId, r.RequesterName, r.OwnerId, r.Note, r.CreatedAt, r.Status.ToString());

    public static ApiMessage ToApi(this MessageView m) => new(
        m.Id, m.Direction == MessageDirection.Inbound ? "inbound" : "outbound", m.Type, m.Body, m.AuthorId, m.AuthorName, m.CreatedAt, m.Status);

    /// <summary>The hub's event for a live event, or null when the hub does not relay that kind.</summary>
    public static ApiLiveEvent? ToApi(this LiveEvent liveEvent) => liveEvent switch
    {
        MessageAdded e => new ApiLiveEvent("message.added", e.ConversationId, e.At, e.Message.ToApi()),
        MessageUpdated e => new ApiLiveEvent("message.updated", e.ConversationId, e.At, e.Message.ToApi()),
        ConversationUpdated e => new ApiLiveEvent("conversation.updated", e.ConversationId, e.At, e.Summary.ToApi()),
        AgentChanged e => new ApiLiveEvent("agent.status", null, e.At, e.Agent.ToApi()),
        PresenceChanged e => new ApiLiveEvent("presence.changed", e.ConversationId, e.At, e.Presence.ToApi()),
        TakeoverRequested e => new ApiLiveEvent("takeover.requested", e.ConversationId, e.At, e.Request.ToApi()),
        TakeoverDecided e => new ApiLiveEvent("takeover.decided", e.ConversationId, e.At, e.Request.ToApi()),
        _ => null,
    };
}
