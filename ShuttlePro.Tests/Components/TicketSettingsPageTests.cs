using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Components.Pages.Admin;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The admin page for ticket types, SLA targets and business hours, over the real settings service on a SQLite file.</summary>
public sealed class TicketSettingsPageTests : BunitContext, IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private TicketSettingsService Settings => _app.Get<TicketSettingsService>();
    private ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        var admin = await _app.CreateAgentAsync("Amna Admin", Roles.Admin, _support);

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(_app.Clock);
        Services.AddSingleton(Settings);
        Services.AddShuttleStore();
        Services.RemoveAll<IEffect>();
        _popovers = Render<MudPopoverProvider>();
        var me = await _app.Get<DirectoryService>().GetAgentAsync(admin.AgentId);
        Services.GetRequiredService<ShuttlePro.Web.Store.Store>().Dispatch(new SessionLoadedAction(me!));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public void ListsTheDefaultTypesPoliciesAndBusinessHours()
    {
        var cut = RenderPage();

        Assert.Equal(TicketType.Defaults, cut.FindAll("[data-testid=type-name]").Select(e => e.TextContent.Trim()));
        Assert.Equal(TicketType.Defaults.Select(_ => "true"), cut.FindAll("[data-testid=type-active]").Select(e => e.GetAttribute("aria-checked")));
        Assert.Equal(["Urgent", "High", "Normal", "Low"], cut.FindAll("[data-testid=policy-row]").Select(e => e.GetAttribute("data-priority")));
        Assert.Equal(("30m", "4h"), Targets(cut, "Urgent"));
        Assert.Equal(("1h", "8h"), Targets(cut, "High"));
        Assert.Equal(("4h", "1d"), Targets(cut, "Normal"));
        Assert.Equal(("8h", "3d"), Targets(cut, "Low"));
        Assert.NotEmpty(cut.FindAll("[data-testid=no-overrides]"));
        Assert.Contains("business hours", cut.Find("[data-testid=sla-explainer]").TextContent);

        Assert.Equal(["Ops", "Support"], cut.FindAll("[data-testid=hours-form]").Select(e => e.GetAttribute("data-team")));
        Assert.Equal("Asia/Karachi", HoursInput(cut, "hours-zone", "Support").GetAttribute("value"));
        Assert.Equal(Team.DefaultSchedule, HoursInput(cut, "hours-schedule", "Support").GetAttribute("value"));
    }

    [Fact]
    public async Task AddingATypeShowsItAndAnEmptyOrDuplicateNameIsRefusedWithTheReason()
    {
        var cut = RenderPage();

        await cut.Find("[data-testid=add-type]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars,
            s => s.Severity == Severity.Error && s.Message == $"A ticket type needs 1 to {TicketType.MaxNameLength} characters."));

        cut.Find("[data-testid=new-type-name]").Change("Warranty claim");
        await cut.Find("[data-testid=add-type]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Warranty claim", cut.FindAll("[data-testid=type-name]").Last().TextContent.Trim()));
        Assert.Contains((await Settings.GetAsync()).Types, t => t.Name == "Warranty claim" && t.IsActive);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Severity == Severity.Success && (s.Message ?? "").Contains("Warranty claim"));
        Assert.Equal("", cut.Find("[data-testid=new-type-name]").GetAttribute("value") ?? "");

        cut.Find("[data-testid=new-type-name]").Change("Refund");
        await cut.Find("[data-testid=add-type]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars,
            s => s.Severity == Severity.Error && s.Message == "There is already a ticket type \"Refund\"."));
        Assert.Single((await Settings.GetAsync()).Types, t => t.Name == "Refund");
    }

    [Fact]
    public async Task RenamingATypeInlineSavesIt()
    {
        var cut = RenderPage();

        await cut.Find("[data-testid=type-edit][data-type=Other]").ClickAsync(new());
        cut.Find("[data-testid=type-rename]").Change("Something else");
        await cut.Find("[data-testid=type-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Something else", cut.FindAll("[data-testid=type-name]").Select(e => e.TextContent.Trim())));
        Assert.Empty(cut.FindAll("[data-testid=type-rename]"));
        var types = (await Settings.GetAsync()).Types;
        Assert.Contains(types, t => t.Name == "Something else");
        Assert.DoesNotContain(types, t => t.Name == "Other");
    }

    [Fact]
    public async Task RetiringATypeWithTheSwitchSavesIt()
    {
        var cut = RenderPage();

        cut.Find("[data-testid=type-active][data-type=Refund]").Change(false);

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=type-active][data-type=Refund]").GetAttribute("aria-checked")));
        Assert.False((await Settings.GetAsync()).Types.Single(t => t.Name == "Refund").IsActive);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Severity == Severity.Success && (s.Message ?? "").Contains("Refund is retired"));
        Assert.Equal("true", cut.Find("[data-testid=type-active][data-type=Exchange]").GetAttribute("aria-checked"));
    }

    [Fact]
    public async Task ABadScheduleShowsTheReasonAndKeepsTheTextAndAGoodOneIsSaved()
    {
        var cut = RenderPage();

        HoursInput(cut, "hours-schedule", "Support").Change("Mon-Sat 9am-9pm");
        await cut.Find("[data-testid=hours-save][data-team=Support]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("\"9am\" in \"Mon-Sat 9am-9pm\" is not a time",
            cut.Find("[data-testid=hours-form][data-team=Support] [data-testid=hours-error]").TextContent));
        Assert.Equal("Mon-Sat 9am-9pm", HoursInput(cut, "hours-schedule", "Support").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=hours-form][data-team=Ops] [data-testid=hours-error]"));
        Assert.Equal(Team.DefaultSchedule, (await Settings.GetAsync()).Teams.Single(t => t.TeamId == _support.Id).Schedule);

        HoursInput(cut, "hours-zone", "Support").Change("Asia/Dubai");
        HoursInput(cut, "hours-schedule", "Support").Change("Mon-Sat 09:00-21:00; Fri 22:00-02:00");
        HoursInput(cut, "hours-holidays", "Support").Change("2026-12-25, 2027-03-23");
        await cut.Find("[data-testid=hours-save][data-team=Support]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=hours-error]")));
        var saved = (await Settings.GetAsync()).Teams.Single(t => t.TeamId == _support.Id);
        Assert.Equal("Asia/Dubai", saved.TimeZoneId);
        Assert.Equal(BusinessHours.Parse("Asia/Dubai", "Mon-Sat 09:00-21:00; Fri 22:00-02:00").FormatSchedule(), saved.Schedule);
        Assert.Equal("2026-12-25, 2027-03-23", saved.Holidays);
        Assert.Equal(saved.Schedule, HoursInput(cut, "hours-schedule", "Support").GetAttribute("value"));
        Assert.Equal(Team.DefaultSchedule, (await Settings.GetAsync()).Teams.Single(t => t.TeamId == _ops.Id).Schedule);
    }

    [Fact]
    public async Task ChangingTheDefaultHighPolicyPersistsAndShowsItFriendly()
    {
        var cut = RenderPage();

        await cut.Find("[data-testid=policy-edit][data-priority=High]").ClickAsync(new());
        Assert.Equal("1h", cut.Find("[data-testid=policy-first]").GetAttribute("value"));
        cut.Find("[data-testid=policy-first]").Change("45m");
        cut.Find("[data-testid=policy-resolution]").Change("1d 2h");
        await cut.Find("[data-testid=policy-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(("45m", "1d 2h"), Targets(cut, "High")));
        var high = (await Settings.GetAsync()).Policies.Single(p => p.TeamId is null && p.Priority == TicketPriority.High);
        Assert.Equal((45, 26 * 60), (high.FirstResponseMinutes, high.ResolutionMinutes));
        Assert.Equal(("30m", "4h"), Targets(cut, "Urgent"));
    }

    [Fact]
    public async Task ARefusedPolicyKeepsTheEditorOpenAndSaysWhy()
    {
        var cut = RenderPage();

        await cut.Find("[data-testid=policy-edit][data-priority=Low]").ClickAsync(new());
        cut.Find("[data-testid=policy-first]").Change("2d");
        cut.Find("[data-testid=policy-resolution]").Change("1d");
        await cut.Find("[data-testid=policy-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars,
            s => s.Severity == Severity.Error && s.Message == "The first response target cannot be longer than the resolution target."));
        Assert.Equal("2d", cut.Find("[data-testid=policy-first]").GetAttribute("value"));
        var low = (await Settings.GetAsync()).Policies.Single(p => p.TeamId is null && p.Priority == TicketPriority.Low);
        Assert.Equal((8 * 60, 72 * 60), (low.FirstResponseMinutes, low.ResolutionMinutes));
    }

    [Fact]
    public async Task ATeamOverrideIsAddedEditedAndRemoved()
    {
        var cut = RenderPage();

        cut.Find("[data-testid=override-team]").MouseDown();
        _popovers.WaitForElements("[data-testid=override-team-option]").Single(o => o.GetAttribute("data-team") == "Ops").Click();
        cut.Find("[data-testid=override-priority]").MouseDown();
        _popovers.WaitForElements("[data-testid=override-priority-option]").Single(o => o.GetAttribute("data-priority") == "Urgent").Click();
        cut.Find("[data-testid=override-first]").Change("15");
        cut.Find("[data-testid=override-resolution]").Change("2h 30m");
        await cut.Find("[data-testid=add-override]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(("15m", "2h 30m"), Targets(cut, "Urgent", "override-row")));
        Assert.Equal("Ops", cut.Find("[data-testid=override-row]").GetAttribute("data-team"));
        var added = (await Settings.GetAsync()).Policies.Single(p => p.TeamId == _ops.Id);
        Assert.Equal((TicketPriority.Urgent, 15, 150), (added.Priority, added.FirstResponseMinutes, added.ResolutionMinutes));
        Assert.Equal(("30m", "4h"), Targets(cut, "Urgent")); // the default is untouched

        await cut.Find("[data-testid=override-edit]").ClickAsync(new());
        cut.Find("[data-testid=policy-resolution]").Change("3h");
        await cut.Find("[data-testid=policy-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(("15m", "3h"), Targets(cut, "Urgent", "override-row")));
        Assert.Equal(180, (await Settings.GetAsync()).Policies.Single(p => p.TeamId == _ops.Id).ResolutionMinutes);

        await cut.Find("[data-testid=override-remove]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=no-overrides]")));
        Assert.DoesNotContain((await Settings.GetAsync()).Policies, p => p.TeamId is not null);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("30m", 30)]
    [InlineData("4h", 240)]
    [InlineData("1d 2h", 1560)]
    [InlineData("1h30m", 90)]
    [InlineData(" 2 hours, 15 min ", 135)]
    [InlineData("3D", 4320)]
    public void DurationsAreReadAsMinutesOrFriendlyText(string text, int minutes)
    {
        Assert.True(TicketSettingsPage.TryParseDuration(text, out var parsed));
        Assert.Equal(minutes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("4x")]
    [InlineData("1 month")]
    [InlineData("h")]
    [InlineData("1.5h")]
    [InlineData("-30m")]
    public void NonsenseIsNotADuration(string text) => Assert.False(TicketSettingsPage.TryParseDuration(text, out _));

    [Theory]
    [InlineData(30, "30m")]
    [InlineData(60, "1h")]
    [InlineData(90, "1h 30m")]
    [InlineData(1440, "1d")]
    [InlineData(1561, "1d 2h 1m")]
    public void DurationsAreShownFriendly(int minutes, string text) => Assert.Equal(text, TicketSettingsPage.FormatDuration(minutes));

    private IRenderedComponent<TicketSettingsPage> RenderPage()
    {
        var cut = Render<TicketSettingsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=type-name]")));
        return cut;
    }

    private static (string First, string Resolution) Targets(IRenderedComponent<TicketSettingsPage> cut, string priority, string rowTestId = "policy-row")
    {
        var row = cut.FindAll($"[data-testid={rowTestId}]").Single(e => e.GetAttribute("data-priority") == priority).ParentElement!;
        return (row.QuerySelector("[data-testid=policy-first-value]")!.TextContent.Trim(),
            row.QuerySelector("[data-testid=policy-resolution-value]")!.TextContent.Trim());
    }

    private static IElement HoursInput(IRenderedComponent<TicketSettingsPage> cut, string testId, string team) =>
        cut.Find($"[data-testid={testId}][data-team={team}]");
}
