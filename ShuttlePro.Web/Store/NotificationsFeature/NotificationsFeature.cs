using System.Collections.Immutable;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.NotificationsFeature;

/// <summary>The bell: this agent's notifications, newest first, and how many are unread.</summary>
public sealed record NotificationsState(ImmutableList<NotificationView> Items)
{
    public const int MaxItems = 50;

    public static readonly NotificationsState Initial = new(ImmutableList<NotificationView>.Empty);

    public int Unread => Items.Count(n => n.ReadAt is null);
}

public sealed record NotificationsLoadedAction(IReadOnlyList<NotificationView> Items);

public sealed record LiveNotificationAction(NotificationView Notification);

/// <summary>Mark these (or, with null, all) notifications read.</summary>
public sealed record MarkNotificationsReadAction(IReadOnlyList<Guid>? Ids);

public sealed record LiveNotificationsReadAction(IReadOnlyList<Guid> Ids, DateTimeOffset At);

public static class NotificationsReducers
{
    public static NotificationsState OnLoaded(NotificationsState state, NotificationsLoadedAction action) => new([.. action.Items]);

    public static NotificationsState OnLive(NotificationsState state, LiveNotificationAction action)
    {
        if (state.Items.Any(n => n.Id == action.Notification.Id)) return state;
        var items = state.Items.Insert(0, action.Notification);
        return new(items.Count > NotificationsState.MaxItems ? items.RemoveAt(items.Count - 1) : items);
    }

    /// <summary>Shows them read at once (the server confirms, and tells the agent's other tabs).</summary>
    public static NotificationsState OnMarkRead(NotificationsState state, MarkNotificationsReadAction action) =>
        Read(state, action.Ids, DateTimeOffset.UtcNow);

    public static NotificationsState OnLiveRead(NotificationsState state, LiveNotificationsReadAction action) => Read(state, action.Ids, action.At);

    private static NotificationsState Read(NotificationsState state, IReadOnlyList<Guid>? ids, DateTimeOffset at)
    {
        var changed = false;
        var items = state.Items.Select(n =>
        {
            if (n.ReadAt is not null || (ids is not null && !ids.Contains(n.Id))) return n;
            changed = true;
            return n with { ReadAt = at };
        }).ToImmutableList();
        return changed ? new(items) : state;
    }
}

public sealed class LoadNotificationsEffect(NotificationService notifications) : Effect<SessionLoadedAction>
{
    public override async Task HandleAsync(SessionLoadedAction action, IDispatcher dispatcher) =>
        dispatcher.Dispatch(new NotificationsLoadedAction(await notifications.ListAsync(Core.Directory.DirectoryService.ToActor(action.Me))));
}

public sealed class MarkNotificationsReadEffect(IState<SessionState> session, NotificationService notifications) : Effect<MarkNotificationsReadAction>
{
    public override async Task HandleAsync(MarkNotificationsReadAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is { } actor) await notifications.MarkReadAsync(actor, action.Ids);
    }
}
