using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

public sealed record TakeoverRequestView(Guid Id, Guid ConversationId, int ConversationNumber, string ContactName, int TeamId,
    Guid RequesterId, string RequesterName, Guid OwnerId, string? Note, DateTimeOffset CreatedAt, TakeoverRequestStatus Status);

/// <summary>Someone asks to take a conversation over: the owner and the team's leads hear of it, nobody else.</summary>
public sealed record TakeoverRequested(TakeoverRequestView Request, DateTimeOffset At)
    : ConversationLiveEvent(Request.ConversationId, ConversationAccess.OfTeam(Request.TeamId), At)
{
    public override bool IsVisibleTo(Actor actor) =>
        base.IsVisibleTo(actor) && Permissions.CanAnswerTakeover(actor, Request.OwnerId, Request.TeamId);
}

/// <summary>A takeover request was accepted or declined: the requester (and whoever else was asked) hears of it.</summary>
public sealed record TakeoverDecided(TakeoverRequestView Request, string DecidedByName, DateTimeOffset At)
    : ConversationLiveEvent(Request.ConversationId, ConversationAccess.OfTeam(Request.TeamId), At)
{
    public override bool IsVisibleTo(Actor actor) =>
        base.IsVisibleTo(actor) && (actor.AgentId == Request.RequesterId || Permissions.CanAnswerTakeover(actor, Request.OwnerId, Request.TeamId));
}
