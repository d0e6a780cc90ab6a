using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.ConversationFeature;

namespace ShuttlePro.Tests.Store;

/// <summary>The Activity tab's loading: only while shown, for the open conversation, and never more than one reload queued.</summary>
public sealed class ActivityTests
{
    private static readonly Guid Open = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly Feature<ActivityState> _activity = new("Activity", ActivityState.Initial,
    [
        new Reducer<ActivityState, ShowActivityAction>(ActivityReducers.OnShow),
        new Reducer<ActivityState, OpenConversationAction>(ActivityReducers.OnOpenConversation),
        new Reducer<ActivityState, LoadActivityAction>(ActivityReducers.OnLoad),
        new Reducer<ActivityState, ActivityStaleAction>(ActivityReducers.OnStale),
        new Reducer<ActivityState, ActivityLoadedAction>(ActivityReducers.OnLoaded),
    ]);

    private readonly RecordingDispatcher _dispatcher = new();

    /// <summary>As the store does it: reducers first, then the effect sees the new state.</summary>
    private async Task DispatchAsync(object action)
    {
        _activity.Reduce(action);
        var effect = new RefreshActivityEffect(_activity);
        if (effect.ShouldHandle(action)) await effect.HandleAsync(action, _dispatcher);
    }

    private static MessageView Message(Guid conversationId) =>
        new(Guid.NewGuid(), conversationId, MessageDirection.Inbound, MessageType.Text, "Hello?", null, null, T0, DeliveryStatus.Received);

    private static ActivityItem Item(long sequence) =>
        new(sequence, T0, null, "ShuttlePro", AuditActions.MessageReceived, ActivityKind.CustomerMessage, "Customer wrote", "Hello?");

    [Fact]
    public async Task NothingShouldLoadUntilTheTabIsShown()
    {
        await DispatchAsync(new OpenConversationAction(Open));
        await DispatchAsync(new LiveMessageAddedAction(Message(Open)));
        Assert.Empty(_dispatcher.Actions);

        await DispatchAsync(new ShowActivityAction(Open, true));

        Assert.Equal(new LoadActivityAction(Open), Assert.Single(_dispatcher.Actions));
    }

    [Fact]
    public async Task LiveChangesWhileLoadingShouldQueueOneReloadAndOtherConversationsShouldBeIgnored()
    {
        await DispatchAsync(new ShowActivityAction(Open, true));
        await DispatchAsync(new LoadActivityAction(Open));
        _dispatcher.Actions.Clear();

        await DispatchAsync(new LiveMessageAddedAction(Message(Open)));
        await DispatchAsync(new ActivityStaleAction(Open));
        await DispatchAsync(new LiveMessageAddedAction(Message(Guid.NewGuid())));
        Assert.Equal(new ActivityStaleAction(Open), Assert.Single(_dispatcher.Actions));

        _dispatcher.Actions.Clear();
        await DispatchAsync(new ActivityLoadedAction(Open, [Item(1)]));
        var reload = Assert.Single(_dispatcher.Actions);
        Assert.Equal(new LoadActivityAction(Open), reload);
        await DispatchAsync(reload);
        Assert.Equal((true, false), (_activity.Value.Loading, _activity.Value.Stale));
    }

    [Fact]
    public async Task AnIdleShownTabShouldReloadOnAChangeAndAHiddenOneShouldNot()
    {
        await DispatchAsync(new ShowActivityAction(Open, true));
        await DispatchAsync(new LoadActivityAction(Open));
        await DispatchAsync(new ActivityLoadedAction(Open, [Item(1)]));
        _dispatcher.Actions.Clear();

        await DispatchAsync(new LiveMessageAddedAction(Message(Open)));
        Assert.Equal(new LoadActivityAction(Open), Assert.Single(_dispatcher.Actions));

        _dispatcher.Actions.Clear();
        await DispatchAsync(new ShowActivityAction(Open, false));
        await DispatchAsync(new LiveMessageAddedAction(Message(Open)));
        Assert.Empty(_dispatcher.Actions);
    }

    [Fact]
    public async Task OpeningAnotherConversationUnderTheShownTabShouldLoadItsOwnTimeline()
    {
        await DispatchAsync(new ShowActivityAction(Open, true));
        await DispatchAsync(new ActivityLoadedAction(Open, [Item(1)]));
        _dispatcher.Actions.Clear();
        var other = Guid.NewGuid();

        await DispatchAsync(new OpenConversationAction(other));

        Assert.Empty(_activity.Value.Items);
        Assert.Equal(new LoadActivityAction(other), Assert.Single(_dispatcher.Actions));
        await DispatchAsync(new ActivityLoadedAction(Open, [Item(2)]));
        Assert.Empty(_activity.Value.Items); // a late answer for the previous conversation is dropped
    }

    private sealed class RecordingDispatcher : IDispatcher
    {
        public List<object> Actions { get; } = [];

        public void Dispatch(object action) => Actions.Add(action);
    }
}
