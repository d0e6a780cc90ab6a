using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

/// <summary>An agent's notifications were read (in one tab): their other tabs update their bell.</summary>
public sealed record NotificationsRead(Guid RecipientId, IReadOnlyList<Guid> Ids, DateTimeOffset At) : LiveEvent(At)
{
    public override bool IsVisibleTo(Actor actor) => actor.AgentId == RecipientId;
}

/// <summary>The bell: an agent's own notifications, newest first.</summary>
public sealed class NotificationService(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<NotificationView>> ListAsync(Actor actor, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agentId = actor.AgentId;
        var list = await CollaborationQueries.Notifications(db, n => n.RecipientId == agentId && (!unreadOnly || n.ReadAt == null))
            .ToListAsync(cancellationToken);
        return list.OrderByDescending(n => n.CreatedAt).Take(PageSize).ToList();
    }

    /// <summary>Marks the given notifications (or all of them) read; returns how many changed.</summary>
    public Task<Result<int>> MarkReadAsync(Actor actor, IReadOnlyCollection<Guid>? ids = null, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<int>(async db =>
        {
            var agentId = actor.AgentId;
            var unread = await db.Notifications
                .Where(n => n.RecipientId == agentId && n.ReadAt == null && (ids == null || ids.Contains(n.Id)))
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var changed = unread.Where(n => n.MarkRead(now)).Select(n => n.Id).ToList();
            if (changed.Count == 0) return new Committed<int>(0);
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<int>(changed.Count, [new NotificationsRead(agentId, changed, now)]);
        }, cancellationToken);
}
