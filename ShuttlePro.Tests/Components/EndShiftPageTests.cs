using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Shift;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.SessionFeature;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Components;

/// <summary>The end-of-shift page over real Core services on a SQLite file.</summary>
public sealed class EndShiftPageTests : BunitContext, IAsyncLifetime
{
    private TestServices _app = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private readonly List<Guid> _mine = [];

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        var support = await _app.CreateTeamAsync("Support");
        var channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Siddiqui", Roles.Agent, support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, support);
        foreach (var agent in new[] { _ayesha, _bilal }) await _app.Get<DirectoryService>().SetStatusAsync(agent, AgentStatus.Online, true);
        foreach (var customer in new[] { "Fatima Khan", "Ali Raza" })
        {
            var inbound = await _app.ReceiveAsync(channel, $"9230016{Random.Shared.Next(10000, 99999)}", "Order kab aayega?", customer);
            await _app.Get<OwnershipService>().TakeAsync(_ayesha, inbound.ConversationId);
            _mine.Add(inbound.ConversationId);
        }
        await _app.Get<NoteService>().WriteAsync(_ayesha, _mine[0], "Order ZF-48213, TCS 77310245", pinned: true);

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(_app.Clock);
        Services.AddSingleton(_app.Get<ShiftService>());
        Services.AddShuttleStore();
        Services.RemoveAll<IEffect>();
        Render<MudPopoverProvider>();
        var store = Services.GetRequiredService<ShuttlePro.Web.Store.Store>();
        var directory = _app.Get<DirectoryService>();
        store.Dispatch(new SessionLoadedAction((await directory.GetAgentAsync(_ayesha.AgentId))!));
        store.Dispatch(new DirectoryLoadedAction(await directory.ListAgentsAsync(), await directory.ListTeamsAsync()));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ListsMyOpenConversationsWithTheirContextAndHandsThemAllOff()
    {
        var cut = Render<EndShiftPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=shift-row]").Count));
        var first = cut.FindAll("[data-testid=shift-row]").Single(r => r.GetAttribute("data-conversation-id") == _mine[0].ToString());
        Assert.Contains("Order ZF-48213, TCS 77310245", first.TextContent);
        Assert.Matches("window 2[34]h", first.TextContent);

        await cut.Find("[data-testid=end-shift-submit]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("2 of 2 conversation(s) handed off", cut.Find("[data-testid=end-shift-result]").TextContent));
        foreach (var id in _mine)
        {
            var summary = (await _app.Queries.GetAsync(_bilal, id)).Value!.Summary;
            Assert.Null(summary.OwnerId); // to the Support queue, the default
        }
        var me = await _app.Get<DirectoryService>().GetAgentAsync(_ayesha.AgentId);
        Assert.Equal((AgentStatus.Offline, false), (me!.Status, me.OnShift));
    }
}
