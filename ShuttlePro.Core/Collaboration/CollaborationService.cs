using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// The doors onto presence for the app, the API and the hub: who may watch or type where is decided here, by the
/// same visibility rule as reading the conversation; the tracker only keeps the state.
/// </summary>
public sealed class CollaborationService(IDbContextFactory<ShuttleDbContext> dbFactory, IPresenceTracker presence)
{
    public async Task<Result<ConversationPresence>> WatchAsync(Actor actor, string sessionId, Guid conversationId,
        CancellationToken cancellationToken = default)
    {
        var target = await FindVisibleAsync(actor, conversationId, cancellationToken);
        if (target is null) return Problem.NotFound("The conversation");
        await presence.WatchAsync(new PresenceSession(sessionId, actor), conversationId, target.Access);
        return presence.Get(conversationId);
    }

    /// <summary>Always stops watching (it may have gone out of sight meanwhile), but answers the presence only to who may see it.</summary>
    public async Task<Result<ConversationPresence>> UnwatchAsync(Actor actor, string sessionId, Guid conversationId,
        CancellationToken cancellationToken = default)
    {
        await presence.UnwatchAsync(sessionId, conversationId);
        return await FindVisibleAsync(actor, conversationId, cancellationToken) is null
            ? Problem.NotFound("The conversation")
            : presence.Get(conversationId);
    }

    /// <summary>
    /// Typing takes or renews the reply lock for an agent who may reply (owner, or anyone while it is unowned);
    /// others show as typing only. Stopping releases the lock.
    /// </summary>
    public async Task<Result<ConversationPresence>> TypingAsync(Actor actor, string sessionId, Guid conversationId, bool typing,
        CancellationToken cancellationToken = default)
    {
        var target = await FindVisibleAsync(actor, conversationId, cancellationToken);
        if (target is null) return Problem.NotFound("The conversation");
        await presence.TypingAsync(new PresenceSession(sessionId, actor), conversationId, target.Access, typing,
            mayHoldLock: Permissions.CanReply(actor, target.OwnerId, target.Access.TeamId));
        return presence.Get(conversationId);
    }

    public async Task<Result<ConversationPresence>> GetAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default)
    {
        var target = await FindVisibleAsync(actor, conversationId, cancellationToken);
        return target is null ? Problem.NotFound("The conversation") : presence.Get(conversationId) with { Access = target.Access };
    }

    /// <summary>Presence everywhere the actor may look (for a list that just loaded).</summary>
    public IReadOnlyList<ConversationPresence> ActiveFor(Actor actor) =>
        presence.Active().Where(p => p.Access.IsVisibleTo(actor)).ToList();

    public ValueTask HeartbeatAsync(string sessionId) => presence.HeartbeatAsync(sessionId);

    public ValueTask DisconnectAsync(string sessionId) => presence.DisconnectAsync(sessionId);

    private sealed record Target(ConversationAccess Access, Guid? OwnerId);

    private async Task<Target?> FindVisibleAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.TeamId, c.OwnerId, Participants = c.Participants.Select(p => p.AgentId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null) return null;
        var access = new ConversationAccess(target.TeamId, target.Participants);
        return Permissions.CanSee(actor, access) ? new Target(access, target.OwnerId) : null;
    }
}
