using Microsoft.Playwright;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Demo;
using ShuttlePro.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>
/// Connections that drop: a server restarted under an open page, a network blip, a tab that vanished without a
/// goodbye. The agent's page comes back by itself with its draft; colleagues stop seeing a vanished tab in time.
/// The browser reaches the app through a <see cref="TcpRelay"/>, which can cut or freeze its connections.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    /// <summary>Generous: a restarted server migrates and warms up, and the suite runs on two busy cores.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions ComesBack = new() { Timeout = 45_000 };

    private static ILocator Row(IPage page, string contact) =>
        page.GetByTestId("conversation-row").Filter(new LocatorFilterOptions { HasText = contact });

    private static async Task OpenAsync(IPage page, string contact)
    {
        await Row(page, contact).ClickAsync();
        await Expect(page.GetByTestId("thread-contact")).ToContainTextAsync(contact);
    }

    private static async Task CustomerWritesAsync(ShuttleAppFactory server, string waId, string name, string text)
    {
        var received = await server.Get<ConversationService>().ReceiveAsync(new InboundMessage(DemoScript.Channels[0].PhoneNumberId, waId,
            name, $"wamid.e2e.{Guid.NewGuid():N}", MessageType.Text, text, DateTimeOffset.UtcNow));
        Assert.True(received.Succeeded, received.Problem?.Message);
    }

    /// <summary>The tab's sessionStorage holds <paramref name="text"/> as a draft (written a moment after typing).</summary>
    private static Task DraftKeptInTabAsync(IPage page, string text) =>
        page.WaitForFunctionAsync(
            "text => Object.keys(sessionStorage).some(k => k.startsWith('shuttlepro.draft.') && JSON.parse(sessionStorage.getItem(k)).text === text)",
            text, new PageWaitForFunctionOptions { Timeout = 10_000 });

    private static Task<bool> DraftsInTabAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => Object.keys(sessionStorage).some(k => k.startsWith('shuttlepro.draft.'))");

    /// <summary>
    /// A draft started before a customer message came in: the first send is refused as stale with the draft kept, the
    /// second goes out.
    /// </summary>
    private static async Task SendAfterALookAtWhatIsNewAsync(IPage page)
    {
        await page.GetByTestId("send-button").ClickAsync();
        await Expect(page.GetByTestId("composer-problem")).ToHaveAttributeAsync("data-code", "stale");
        await page.GetByTestId("send-button").ClickAsync();
        await Expect(page.GetByTestId("composer-problem")).ToHaveCountAsync(0);
    }

    /// <summary>The reconnect dialog is up and done fading in (for the screenshot).</summary>
    private static async Task ReconnectDialogShownAsync(IPage page)
    {
        await Expect(page.GetByTestId("reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('components-reconnect-modal').getAnimations().every(a => a.playState === 'finished')");
    }

    /// <summary>A mark on this document: it survives a reconnect to the same circuit, and a reload wipes it.</summary>
    private static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => window.spBeforeDrop = true");

    private static Task<bool> DocumentMarkedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.spBeforeDrop === true");

    [Fact]
    public async Task AfterAServerRestartTheOpenPageReloadsOnItsOwnWithTheDraftAndWhatArrivedMeanwhile()
    {
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "shuttlepro.db");
        var first = ShuttleServerFactory.With(NoSettings, database);
        await using var relay = new TcpRelay(first.BaseAddress);
        ShuttleServerFactory? second = null;
        try
        {
            await CustomerWritesAsync(first, "923001250001", "Qurat Naqvi", "Mera order ZF-50211 abhi tak nahi aaya");
            var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test", server: relay.Address);
            await OpenAsync(ayesha, "Qurat Naqvi");
            const string draft = "Qurat ji, main courier se abhi pata karti hoon";
            await ayesha.GetByTestId("composer-input").FillAsync(draft);
            await DraftKeptInTabAsync(ayesha, draft);
            await MarkDocumentAsync(ayesha);

            // The server goes away: the page says so and keeps trying. (A stopped in-process test server leaves its
            // upgraded sockets open, where a process that exits has them reset: the relay does that, and refuses
            // connections like a port nobody listens on.)
            await first.DisposeAsync();
            relay.Cut();
            await ReconnectDialogShownAsync(ayesha);
            await Expect(ayesha.GetByTestId("reconnect-title")).ToHaveTextAsync("Reconnecting…");
            await BrowserFixture.ScreenshotAsync(ayesha, "reconnecting");

            // It starts again on the same database; the customer writes before the page is back.
            second = ShuttleServerFactory.With(NoSettings, database);
            await CustomerWritesAsync(second, "923001250001", "Qurat Naqvi", "Hello? Koi jawab dega?");
            relay.PointAt(second.BaseAddress);
            relay.Restore();

            // The old circuit is gone with the old server: the page reloaded by itself, shows what arrived, keeps the draft.
            await Expect(ayesha.GetByTestId("messages").GetByText("Koi jawab dega?")).ToBeVisibleAsync(ComesBack);
            Assert.False(await DocumentMarkedAsync(ayesha));
            await Expect(ayesha.GetByTestId("reconnect-modal")).ToBeHiddenAsync();
            await Expect(ayesha.GetByTestId("composer-input")).ToHaveValueAsync(draft);
            await BrowserFixture.ScreenshotAsync(ayesha, "reconnected-after-restart");

            // The draft was written before that message: the first send is held back for a look (as without a restart),
            // the second goes out on the new server, and the tab forgets the sent draft.
            await SendAfterALookAtWhatIsNewAsync(ayesha);
            await Expect(ayesha.GetByTestId("messages").GetByText(draft)).ToBeVisibleAsync();
            await Expect(ayesha.GetByTestId("composer-input")).ToHaveValueAsync("");
            Assert.False(await DraftsInTabAsync(ayesha));
            await ayesha.Context.CloseAsync();
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task AfterANetworkBlipThePageRejoinsTheSameCircuitWithTheDraftAndWhatArrivedMeanwhile()
    {
        await using var relay = new TcpRelay(browser.Server.BaseAddress);
        var waId = $"92300{Random.Shared.Next(1_000_000, 9_999_999)}";
        await CustomerWritesAsync(browser.Server, waId, "Zoya Hashmi", "Return ka label kab milega?");
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test", server: relay.Address);
        await OpenAsync(bilal, "Zoya Hashmi");
        const string draft = "Zoya ji, label aaj shaam tak email ho jayega";
        await bilal.GetByTestId("composer-input").FillAsync(draft);
        await MarkDocumentAsync(bilal);

        relay.Cut();
        await ReconnectDialogShownAsync(bilal);
        await CustomerWritesAsync(browser.Server, waId, "Zoya Hashmi", "Aur refund kitne din mein?");
        await BrowserFixture.ScreenshotAsync(bilal, "network-blip");
        relay.Restore();

        await Expect(bilal.GetByTestId("reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        Assert.True(await DocumentMarkedAsync(bilal)); // rejoined, not reloaded
        await Expect(bilal.GetByTestId("messages").GetByText("refund kitne din")).ToBeVisibleAsync();
        await Expect(bilal.GetByTestId("composer-input")).ToHaveValueAsync(draft);

        await SendAfterALookAtWhatIsNewAsync(bilal);
        await Expect(bilal.GetByTestId("messages").GetByText(draft)).ToBeVisibleAsync();
        await bilal.Context.CloseAsync();
    }

    [Fact]
    public async Task AVanishedTabsTypingReplyLockAndPresenceGoWithinTheirTimeToLive()
    {
        var presence = new ShuttlePro.Core.Collaboration.PresenceOptions();
        await using var relay = new TcpRelay(browser.Server.BaseAddress);
        await CustomerWritesAsync(browser.Server, $"92300{Random.Shared.Next(1_000_000, 9_999_999)}", "Mahnoor Gillani", "Size exchange ho sakta hai?");
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test", server: relay.Address);
        var zara = await browser.SignInAsync("zara@shuttlepro.test");
        await OpenAsync(ayesha, "Mahnoor Gillani");
        await OpenAsync(zara, "Mahnoor Gillani");
        await ayesha.GetByTestId("composer-input").PressSequentiallyAsync("Mahnoor ji, bilkul", new() { Delay = 20 });
        await Expect(zara.GetByTestId("collision-banner")).ToContainTextAsync("Ayesha Siddiqui is replying");
        await Expect(Row(zara, "Mahnoor Gillani").GetByTestId("row-typing")).ToBeVisibleAsync();
        await Expect(zara.GetByTestId("presence-agent")).ToHaveAttributeAsync("data-agent", "Ayesha Siddiqui");

        // Ayesha's network goes without a goodbye: no reset, no close, just silence.
        relay.Freeze();
        var frozen = System.Diagnostics.Stopwatch.StartNew();
        var slack = TimeSpan.FromSeconds(5); // the sweep's second, a render, a busy machine
        await Expect(Row(zara, "Mahnoor Gillani").GetByTestId("row-typing"))
            .ToHaveCountAsync(0, new() { Timeout = (float)(presence.TypingTimeToLive + slack).TotalMilliseconds });
        var viewerGone = (float)(presence.ViewerTimeToLive + slack).TotalMilliseconds;
        await Expect(zara.GetByTestId("presence-agent")).ToHaveCountAsync(0, new() { Timeout = viewerGone });
        await Expect(zara.GetByTestId("collision-banner")).ToHaveCountAsync(0, new() { Timeout = viewerGone });
        Assert.True(frozen.Elapsed < presence.ViewerTimeToLive + slack, $"Ayesha was still shown {frozen.Elapsed.TotalSeconds:0.0} s after she vanished");
        await Expect(zara.GetByTestId("composer-take-note")).ToBeVisibleAsync();

        await ayesha.Context.CloseAsync();
        await zara.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningOutForgetsTheTabsDrafts()
    {
        await CustomerWritesAsync(browser.Server, $"92300{Random.Shared.Next(1_000_000, 9_999_999)}", "Sidra Waheed", "Parcel damaged aaya hai");
        var zara = await browser.SignInAsync("zara@shuttlepro.test");
        await OpenAsync(zara, "Sidra Waheed");
        const string draft = "Sidra ji, photo bhej dein please";
        await zara.GetByTestId("composer-input").FillAsync(draft);
        await DraftKeptInTabAsync(zara, draft);

        await zara.GetByTestId("me-button").ClickAsync();
        await zara.GetByTestId("sign-out").ClickAsync();

        await Expect(zara).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        Assert.False(await DraftsInTabAsync(zara));
        await zara.Context.CloseAsync();
    }
}
