using ShuttlePro.Web.Live;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;
using ShuttlePro.Web.Store.PresenceFeature;
using ShuttlePro.Web.Store.NoticesFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.NotificationsFeature;
using ShuttlePro.Web.Store.WorkspaceFeature;
using ShuttlePro.Web.Store.TicketsFeature;
using ShuttlePro.Web.Store.AuditFeature;
using ShuttlePro.Web.Store.QualityFeature;
using ShuttlePro.Web.Store.BoardFeature;
using ShuttlePro.Web.Store.QueueFeature;
using ShuttlePro.Web.Store.KpiFeature;

namespace ShuttlePro.Web.Store;

/// <summary>Every feature, reducer and effect of the store, registered explicitly in one place (no scanning).</summary>
public static class StoreRegistration
{
    public static IServiceCollection AddShuttleStore(this IServiceCollection services)
    {
        services.AddOptions<RenderThrottleOptions>();
        services.AddFeature("Session", SessionState.Initial,
            new Reducer<SessionState, LoadSessionAction>(SessionReducers.OnLoad),
            new Reducer<SessionState, SessionLoadedAction>(SessionReducers.OnLoaded),
            new Reducer<SessionState, SessionLoadFailedAction>(SessionReducers.OnLoadFailed),
            new Reducer<SessionState, LiveAgentChangedAction>(SessionReducers.OnAgentChanged),
            new Reducer<SessionState, SetMyStatusFailedAction>(SessionReducers.OnSetStatusFailed),
            new Reducer<SessionState, LiveConnectionChangedAction>(SessionReducers.OnLiveConnectionChanged),
            new Reducer<SessionState, LiveBusStatusAction>(SessionReducers.OnLiveBusStatus));

        services.AddFeature("Inbox", InboxState.Initial,
            new Reducer<InboxState, LoadInboxAction>(InboxReducers.OnLoad),
            new Reducer<InboxState, InboxLoadedAction>(InboxReducers.OnLoaded),
            new Reducer<InboxState, InboxLoadFailedAction>(InboxReducers.OnLoadFailed),
            new Reducer<InboxState, LiveConversationUpdatedAction>(InboxReducers.OnConversationUpdated),
            new Reducer<InboxState, InboxConversationRemovedAction>(InboxReducers.OnRemoved));

        services.AddFeature("Conversation", ConversationState.Initial,
            new Reducer<ConversationState, OpenConversationAction>(ConversationReducers.OnOpen),
            new Reducer<ConversationState, ConversationLoadedAction>(ConversationReducers.OnLoaded),
            new Reducer<ConversationState, ConversationLoadFailedAction>(ConversationReducers.OnLoadFailed),
            new Reducer<ConversationState, CloseConversationAction>(ConversationReducers.OnClose),
            new Reducer<ConversationState, UpdateDraftAction>(ConversationReducers.OnUpdateDraft),
            new Reducer<ConversationState, UseDraftAction>(ConversationReducers.OnUseDraft),
            new Reducer<ConversationState, SendReplyAction>(ConversationReducers.OnSend),
            new Reducer<ConversationState, ReplySentAction>(ConversationReducers.OnSent),
            new Reducer<ConversationState, ReplyFailedAction>(ConversationReducers.OnSendFailed),
            new Reducer<ConversationState, MessageRetryFailedAction>(ConversationReducers.OnRetryFailed),
            new Reducer<ConversationState, ChangeConversationStatusAction>(ConversationReducers.OnChangeStatus),
            new Reducer<ConversationState, ConversationStatusChangedAction>(ConversationReducers.OnStatusChanged),
            new Reducer<ConversationState, ConversationStatusChangeFailedAction>(ConversationReducers.OnStatusChangeFailed),
            new Reducer<ConversationState, DismissConversationProblemAction>(ConversationReducers.OnDismissProblem),
            new Reducer<ConversationState, LiveConversationUpdatedAction>(ConversationReducers.OnConversationUpdated),
            new Reducer<ConversationState, LiveMessageAddedAction>(ConversationReducers.OnMessageAdded),
            new Reducer<ConversationState, LiveMessageUpdatedAction>(ConversationReducers.OnMessageUpdated),
            new Reducer<ConversationState, ChangeOwnershipAction>(ConversationReducers.OnChangeOwnership),
            new Reducer<ConversationState, OwnershipChangedAction>(ConversationReducers.OnOwnershipChanged),
            new Reducer<ConversationState, OwnershipChangeFailedAction>(ConversationReducers.OnOwnershipChangeFailed),
            new Reducer<ConversationState, RequestTakeoverAction>(ConversationReducers.OnTakeoverRequested),
            new Reducer<ConversationState, TakeoverRequestSentAction>(ConversationReducers.OnTakeoverRequestSent),
            new Reducer<ConversationState, WriteNoteAction>(ConversationReducers.OnWriteNote),
            new Reducer<ConversationState, NoteWrittenAction>(ConversationReducers.OnNoteWritten),
            new Reducer<ConversationState, NoteFailedAction>(ConversationReducers.OnNoteFailed),
            new Reducer<ConversationState, LiveNoteAddedAction>(ConversationReducers.OnNoteChanged),
            new Reducer<ConversationState, LiveNoteUpdatedAction>(ConversationReducers.OnNoteUpdated),
            new Reducer<ConversationState, HandOffAction>(ConversationReducers.OnHandOff),
            new Reducer<ConversationState, HandedOffAction>(ConversationReducers.OnHandedOff),
            new Reducer<ConversationState, HandoffFailedAction>(ConversationReducers.OnHandoffFailed),
            new Reducer<ConversationState, LiveHandoffAddedAction>(ConversationReducers.OnHandoffAdded),
            new Reducer<ConversationState, ConversationRemovedAction>(ConversationReducers.OnRemoved),
            new Reducer<ConversationState, NoteFocusedAction>(ConversationReducers.OnNoteFocused),
            new Reducer<ConversationState, TicketsFeature.LiveTicketUpdatedAction>(ConversationReducers.OnTicketUpdated));
        services.AddTicketsFeature();
        services.AddAuditFeature();

        services.AddFeature("Activity", ActivityState.Initial,
            new Reducer<ActivityState, ShowActivityAction>(ActivityReducers.OnShow),
            new Reducer<ActivityState, OpenConversationAction>(ActivityReducers.OnOpenConversation),
            new Reducer<ActivityState, CloseConversationAction>(ActivityReducers.OnCloseConversation),
            new Reducer<ActivityState, LoadActivityAction>(ActivityReducers.OnLoad),
            new Reducer<ActivityState, ActivityStaleAction>(ActivityReducers.OnStale),
            new Reducer<ActivityState, ActivityLoadedAction>(ActivityReducers.OnLoaded),
            new Reducer<ActivityState, ActivityLoadFailedAction>(ActivityReducers.OnLoadFailed));
        services.AddQualityFeature();
        services.AddBoardFeature();
        services.AddQueueFeature();
        services.AddKpiFeature();

        services.AddFeature("Notifications", NotificationsState.Initial,
            new Reducer<NotificationsState, NotificationsLoadedAction>(NotificationsReducers.OnLoaded),
            new Reducer<NotificationsState, LiveNotificationAction>(NotificationsReducers.OnLive),
            new Reducer<NotificationsState, MarkNotificationsReadAction>(NotificationsReducers.OnMarkRead),
            new Reducer<NotificationsState, LiveNotificationsReadAction>(NotificationsReducers.OnLiveRead));

        services.AddFeature("Workspace", WorkspaceState.Initial,
            new Reducer<WorkspaceState, WorkspaceLoadedAction>(WorkspaceReducers.OnLoaded));

        services.AddFeature("Presence", PresenceState.Initial,
            new Reducer<PresenceState, PresenceLoadedAction>(PresenceReducers.OnLoaded),
            new Reducer<PresenceState, LivePresenceChangedAction>(PresenceReducers.OnChanged));

        services.AddFeature("Notices", NoticesState.Initial,
            new Reducer<NoticesState, ShowNoticeAction>(NoticesReducers.OnShow),
            new Reducer<NoticesState, DismissNoticeAction>(NoticesReducers.OnDismiss));

        services.AddFeature("Directory", DirectoryState.Initial,
            new Reducer<DirectoryState, DirectoryLoadedAction>(DirectoryReducers.OnLoaded),
            new Reducer<DirectoryState, LiveAgentChangedAction>(DirectoryReducers.OnAgentChanged));

        services.AddScoped<IEffect, LoadSessionEffect>();
        services.AddScoped<IEffect, SetMyStatusEffect>();
        services.AddScoped<IEffect, OwnAgentChangedEffect>();
        services.AddScoped<IEffect, InitialInboxEffect>();
        services.AddScoped<IEffect, LoadInboxEffect>();
        services.AddScoped<IEffect, ResyncInboxEffect>();
        services.AddScoped<IEffect, OpenConversationEffect>();
        services.AddScoped<IEffect, SendReplyEffect>();
        services.AddScoped<IEffect, RetryMessageEffect>();
        services.AddScoped<IEffect, ChangeConversationStatusEffect>();
        services.AddScoped<IEffect, ResyncConversationEffect>();
        services.AddScoped<IEffect, ChangeOwnershipEffect>();
        services.AddScoped<IEffect, RequestTakeoverEffect>();
        services.AddScoped<IEffect, DecideTakeoverEffect>();
        services.AddScoped<IEffect, LoadPresenceEffect>();
        services.AddScoped<IEffect, WatchConversationEffect>();
        services.AddScoped<IEffect, UnwatchConversationEffect>();
        services.AddScoped<IEffect, ComposerTypingEffect>();
        services.AddScoped<IEffect, LoadDirectoryEffect>();
        services.AddScoped<IEffect, WriteNoteEffect>();
        services.AddScoped<IEffect, PinNoteEffect>();
        services.AddScoped<IEffect, HandOffEffect>();
        services.AddScoped<IEffect, LabelConversationEffect>();
        services.AddScoped<IEffect, LoadNotificationsEffect>();
        services.AddScoped<IEffect, MarkNotificationsReadEffect>();
        services.AddScoped<IEffect, LoadWorkspaceOnSessionEffect>();
        services.AddScoped<IEffect, LoadWorkspaceEffect>();
        services.AddScoped<IEffect, LoadActivityEffect>();
        services.AddScoped<IEffect, RefreshActivityEffect>();

        services.AddScoped(sp => new Store(sp.GetServices<IFeature>(), sp.GetServices<IEffect>,
            sp.GetRequiredService<ILogger<Store>>()));
        services.AddScoped<IDispatcher>(sp => sp.GetRequiredService<Store>());
        services.AddScoped<LiveBridge>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, PresenceCircuitHandler>();
        return services;
    }

    /// <summary>Registers a feature: one instance per circuit, visible as the feature and as its <see cref="IState{TState}"/>.</summary>
    public static IServiceCollection AddFeature<TState>(this IServiceCollection services, string name, TState initialState,
        params IReducer<TState>[] reducers) where TState : class
    {
        services.AddScoped(_ => new Feature<TState>(name, initialState, reducers));
        services.AddScoped<IState<TState>>(sp => sp.GetRequiredService<Feature<TState>>());
        services.AddScoped<IFeature>(sp => sp.GetRequiredService<Feature<TState>>());
        return services;
    }
}
