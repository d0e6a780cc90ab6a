using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store.NoticesFeature;

namespace ShuttlePro.Web.Live;

/// <summary>Which live events this agent must be told about personally, and in what words.</summary>
public static class LiveNotices
{
    public static Notice? For(LiveEvent liveEvent, Actor me) => liveEvent switch
    {
        ConversationUpdated { Change: { } change } e when change.ByAgentId != me.AgentId => OwnershipNotice(e, change, me),
        NotificationCreated e => new Notice(Guid.NewGuid(), NoticeKind.Info, e.Notification.Text, e.Notification.ConversationId),
        TakeoverRequested e when e.Request.RequesterId != me.AgentId => new Notice(Guid.NewGuid(), NoticeKind.TakeoverRequest,
            $"{e.Request.RequesterName} asks to take over #{e.Request.ConversationNumber} ({e.Request.ContactName})"
            + (e.Request.Note is { } note ? $": “{note}”" : "."), e.ConversationId, e.Request.Id),
        // An accepted request is announced by the assignment itself ("… assigned #1042 to you").
        TakeoverDecided e when e.Request.RequesterId == me.AgentId && e.Request.Status == TakeoverRequestStatus.Declined => new Notice(
            Guid.NewGuid(), NoticeKind.Warning, $"{e.DecidedByName} declined your request to take over #{e.Request.ConversationNumber}.",
            e.ConversationId),
        _ => null,
    };

    private static Notice? OwnershipNotice(ConversationUpdated e, OwnershipChange change, Actor me)
    {
        var number = $"#{e.Summary.Number} ({e.Summary.Contact.Name})";
        var text = change.Kind switch
        {
            OwnershipChangeKind.TakenOver when change.PreviousOwnerId == me.AgentId => $"{change.ByName} took over {number}.",
            OwnershipChangeKind.Assigned when change.NewOwnerId == me.AgentId => $"{change.ByName} assigned {number} to you.",
            OwnershipChangeKind.Assigned when change.PreviousOwnerId == me.AgentId => $"{change.ByName} gave {number} to {e.Summary.OwnerName}.",
            OwnershipChangeKind.Released when change.PreviousOwnerId == me.AgentId => $"{change.ByName} put {number} back in the {e.Summary.TeamName} queue.",
            OwnershipChangeKind.HandedOff when change.PreviousOwnerId == me.AgentId && change.NewOwnerId != me.AgentId =>
                $"{change.ByName} handed {number} on to {e.Summary.OwnerName ?? e.Summary.TeamName}.",
            _ => null,
        };
        return text is null ? null : new Notice(Guid.NewGuid(), NoticeKind.Warning, text, e.Summary.Id);
    }
}
