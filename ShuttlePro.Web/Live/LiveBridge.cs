using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.NoticesFeature;
using ShuttlePro.Web.Store.PresenceFeature;
using ShuttlePro.Web.Store.NotificationsFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Live;

/// <summary>
/// The per-circuit end of the live-event bus: subscribes once the agent is known, drops what the agent may not
/// see, and turns every other event into a store action. Disposed with the circuit.
/// </summary>
public sealed class LiveBridge(ILiveEvents live, IDispatcher dispatcher) : IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private Actor? _actor;

    public void Start(Actor actor)
    {
        lock (_gate)
        {
            _actor = actor;
            if (_subscription is not null) return;
            _subscription = live.Subscribe(IsVisible, DeliverAsync);
        }
        dispatcher.Dispatch(new LiveConnectionChangedAction(true));
        // A screen opened while Redis is away learns it now; later changes arrive as LiveBusStatusChanged.
        if (live is RedisLiveEvents { IsShared: false } && Permissions.MayLead(actor))
            dispatcher.Dispatch(new LiveBusStatusAction(false, RedisLiveEvents.PausedMessage));
    }

    /// <summary>Uses the agent's new roles and teams from now on; true when what they may see changed.</summary>
    public bool UpdateActor(Actor actor)
    {
        lock (_gate)
        {
            var previous = _actor;
            _actor = actor;
            return previous is null
                || !previous.TeamIds.SetEquals(actor.TeamIds)
                || !previous.Roles.SetEquals(actor.Roles);
        }
    }

    private bool IsVisible(LiveEvent liveEvent) => Volatile.Read(ref _actor) is { } actor && liveEvent.IsVisibleTo(actor);

    private ValueTask DeliverAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var me = Volatile.Read(ref _actor);
        if (liveEvent is ConversationUpdated removed && me is not null && removed.RemovedFor(me))
        {
            // It moved out of this agent's sight: drop it from lists and the open thread, say where it went.
            dispatcher.Dispatch(new InboxConversationRemovedAction(removed.ConversationId));
            dispatcher.Dispatch(new ConversationRemovedAction(removed.ConversationId, removed.Summary.TeamName));
            return ValueTask.CompletedTask;
        }
        if (liveEvent is ShuttlePro.Core.Tickets.TicketUpdated moved && me is not null && moved.RemovedFor(me))
        {
            dispatcher.Dispatch(new Store.TicketsFeature.TicketRemovedAction(moved.Ticket.Id, moved.Ticket.ConversationId));
            return ValueTask.CompletedTask;
        }
        object? action = liveEvent switch
        {
            ConversationUpdated e => new LiveConversationUpdatedAction(e.Summary),
            NoteAdded e => new LiveNoteAddedAction(e.Note),
            NoteUpdated e => new LiveNoteUpdatedAction(e.Note),
            HandoffCreated e => new LiveHandoffAddedAction(e.Handoff),
            NotificationCreated e => new LiveNotificationAction(e.Notification),
            NotificationsRead e => new LiveNotificationsReadAction(e.Ids, e.At),
            MessageAdded e => new LiveMessageAddedAction(e.Message),
            MessageUpdated e => new LiveMessageUpdatedAction(e.Message),
            PresenceChanged e => new LivePresenceChangedAction(e.Presence),
            AgentChanged e => new LiveAgentChangedAction(e.Agent),
            ShuttlePro.Core.Tickets.TicketUpdated e => new Store.TicketsFeature.LiveTicketUpdatedAction(e.Ticket, e.Events, e.At),
            ShuttlePro.Core.Queues.QueueStatsChanged e when me is not null => new Store.QueueFeature.LiveQueueStatsAction(e.Stats.VisibleTo(me)),
            LiveBusStatusChanged e => new LiveBusStatusAction(e.Shared, e.Message),
            ResyncRequired => new ResyncAction(),
            _ => null,
        };
        if (action is not null) dispatcher.Dispatch(action);
        if (me is not null && LiveNotices.For(liveEvent, me) is { } notice)
            dispatcher.Dispatch(new ShowNoticeAction(notice));
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
    }
}
