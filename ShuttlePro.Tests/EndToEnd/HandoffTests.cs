using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>Support and Ops working one thread: a note that mentions, a handoff that carries its context.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HandoffTests(BrowserFixture browser)
{
    private static ILocator Row(IPage page, string contact) =>
        page.GetByTestId("conversation-row").Filter(new LocatorFilterOptions { HasText = contact });

    [Fact]
    public async Task AyeshaMentionsHamzaAndHandsToOpsAndHamzaSeesItAllLive()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        var hamza = await browser.SignInAsync("hamza@shuttlepro.test");
        await Expect(hamza.GetByTestId("unread-count")).ToHaveTextAsync("0");
        await Expect(Row(hamza, "Imtiaz Hussain")).ToHaveCountAsync(0);

        await Row(ayesha, "Imtiaz Hussain").ClickAsync();
        await Expect(ayesha.GetByTestId("thread-contact")).ToContainTextAsync("Imtiaz Hussain");
        await ayesha.GetByTestId("mode-note").ClickAsync();
        await ayesha.GetByTestId("composer-input").PressSequentiallyAsync("Warranty claim GB-76881, left earbud dead. @ham", new() { Delay = 10 });
        await ayesha.GetByTestId("mention-option").Filter(new() { HasText = "Hamza Sheikh" }).ClickAsync();
        await ayesha.GetByTestId("composer-input").PressSequentiallyAsync("please arrange a replacement from stock", new() { Delay = 5 });
        await ayesha.GetByTestId("add-note-button").ClickAsync();
        await Expect(ayesha.GetByTestId("note").Filter(new() { HasText = "Warranty claim GB-76881" })).ToBeVisibleAsync();

        // Hamza is told at once: the bell counts it, and the note's conversation is now his to read.
        await Expect(hamza.GetByTestId("unread-count")).ToHaveTextAsync("1", new() { Timeout = 3_000 });

        await ayesha.GetByTestId("handoff-button").ClickAsync();
        await ayesha.GetByTestId("handoff-to-team").ClickAsync();
        await ayesha.GetByTestId("handoff-team").ClickAsync();
        await ayesha.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Ops" }).ClickAsync();
        await ayesha.GetByTestId("handoff-note-input").FillAsync("Left earbud dead, warranty valid until March. Ops: send a replacement and book the return pickup.");
        await ayesha.GetByTestId("handoff-submit").ClickAsync();
        await Expect(ayesha.GetByTestId("handoff-line")).ToContainTextAsync("Ayesha Siddiqui → Ops");

        await Expect(hamza.GetByTestId("unread-count")).ToHaveTextAsync("2", new() { Timeout = 3_000 });
        await Expect(Row(hamza, "Imtiaz Hussain").GetByTestId("row-owner")).ToContainTextAsync("Ops queue", new() { Timeout = 3_000 });
        await hamza.GetByTestId("bell-button").ClickAsync();
        await hamza.GetByTestId("notification-item").Filter(new() { HasText = "mentioned you" }).ClickAsync();

        await Expect(hamza.GetByTestId("thread-contact")).ToContainTextAsync("Imtiaz Hussain");
        await Expect(hamza.GetByTestId("note").Filter(new() { HasText = "Warranty claim GB-76881" })).ToBeVisibleAsync();
        await Expect(hamza.GetByTestId("handoff-line")).ToContainTextAsync("Left earbud dead");
        await Expect(hamza.GetByTestId("take-button")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(hamza, "handoff-received");
    }
}
