using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.InboxFeature;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>
/// bUnit with MudBlazor (loose JS interop, popovers rendered) and the real store and reducers, without effects:
/// tests put state in by dispatching actions, and read what components dispatch back.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    protected static readonly TeamView Support = new(1, "Support");

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton<ILiveEvents>(_ => throw new InvalidOperationException("Component tests do not use the live bus."));
        Services.AddShuttleStore();
        Services.AddScoped<ShuttlePro.Web.Components.Pages.Inbox.BrowserDrafts>();
        // Renders follow the store at once here; the board's live throttle is measured in the bench, not raced in tests.
        Services.Configure<RenderThrottleOptions>(options => options.Board = TimeSpan.Zero);
        Services.RemoveAll<IEffect>();
        Popovers = Render<MudPopoverProvider>();
        Store.ActionDispatched += action => Dispatched.Add(action);
    }

    /// <summary>Where MudBlazor renders menus and select lists (outside the component that opened them).</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    protected ShuttlePro.Web.Store.Store Store => Services.GetRequiredService<ShuttlePro.Web.Store.Store>();

    protected T State<T>() where T : class => Services.GetRequiredService<IState<T>>().Value;

    /// <summary>Every action dispatched since the test started, in order.</summary>
    protected List<object> Dispatched { get; } = [];

    protected static AgentView Agent(string name, string role = Roles.Agent, params TeamView[] teams) =>
        new(Guid.NewGuid(), name, $"{name.ToLowerInvariant()}@shuttlepro.test", [role], teams, AgentStatus.Online, true, true);

    protected Actor SignIn(AgentView agent)
    {
        Store.Dispatch(new SessionLoadedAction(agent));
        return DirectoryService.ToActor(agent);
    }

    protected static ConversationSummary Conversation(int number, string contact, Guid? ownerId = null, string? ownerName = null,
        int minutesAgo = 5, string preview = "Order kab aayega?", ConversationStatus status = ConversationStatus.Open) =>
        new(Guid.NewGuid(), number, status, new ContactView(contact, "+923001234567"), new ChannelView(1, "Zeenat WhatsApp", "Zeenat Fashion"),
            Support.Id, Support.Name, ownerId, ownerName, Now.AddMinutes(-minutesAgo), preview, MessageDirection.Inbound,
            Now.AddMinutes(-minutesAgo), Now.AddMinutes(-minutesAgo), ownerId is null ? Now.AddMinutes(-minutesAgo) : null, 1, [], []);

    protected static MessageView Message(ConversationSummary conversation, string body, MessageDirection direction,
        DeliveryStatus status = DeliveryStatus.Received, string? author = null, int minutesAgo = 1) =>
        new(Guid.NewGuid(), conversation.Id, direction, MessageType.Text, body, author is null ? null : Guid.NewGuid(), author,
            Now.AddMinutes(-minutesAgo), status);

    protected void ShowInbox(Actor viewer, InboxView view, params ConversationSummary[] conversations)
    {
        var filter = new ConversationFilter(view, ConversationStatus.Open);
        Store.Dispatch(new LoadInboxAction(filter, viewer));
        Store.Dispatch(new InboxLoadedAction(filter, conversations));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only: xunit v2 must dispose the context asynchronously (before Dispose).
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected void OpenThread(ConversationSummary conversation, params MessageView[] messages)
    {
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, messages)));
    }
}
