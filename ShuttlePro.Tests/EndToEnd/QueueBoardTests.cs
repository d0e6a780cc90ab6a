using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>The supervisor's live queue board in a real browser: figures and the needs-attention list move with the queue, live.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class QueueBoardTests(BrowserFixture browser)
{
    private static ILocator Figure(IPage page, string team, string figure) =>
        page.Locator($"[data-testid=queue-team][data-name='{team}'] [data-testid=queue-figure][data-figure='{figure}']");

    private static async Task<int> NumberAsync(ILocator figure) => int.Parse((await figure.InnerTextAsync()).Replace(",", ""));

    [Fact]
    public async Task ASupervisorsQueueBoardCountsChangeLiveWhenAWebhookMessageArrivesAndShowWhoIsOnIt()
    {
        var imran = await browser.SignInAsync("imran@shuttlepro.test");
        await imran.GotoAsync("/queue");
        await Expect(imran.GetByTestId("queue-loaded")).ToBeAttachedAsync();
        var open = await NumberAsync(Figure(imran, "Support", "open"));
        var unassigned = await NumberAsync(Figure(imran, "Support", "unassigned"));
        var waiting = await NumberAsync(Figure(imran, "Support", "waiting"));

        // A new customer writes to Zeenat Fashion's number (routed to Support): no reload, no polling on the page.
        var contact = $"Queue Live {Random.Shared.Next(1000, 9999)}";
        await browser.PostCustomerMessageAsync($"92301{Random.Shared.Next(1000000, 9999999)}", contact, "Sale wala order ZF-77120 kab aayega?");

        await Expect(Figure(imran, "Support", "open")).ToHaveTextAsync((open + 1).ToString("N0"), new() { Timeout = 3_000 });
        await Expect(Figure(imran, "Support", "unassigned")).ToHaveTextAsync((unassigned + 1).ToString("N0"));
        await Expect(Figure(imran, "Support", "waiting")).ToHaveTextAsync((waiting + 1).ToString("N0"));
        var row = imran.GetByTestId("queue-attention-row").Filter(new() { HasText = contact });
        await Expect(row).ToHaveAttributeAsync("data-reason", "WaitingUnowned");
        await Expect(row.GetByTestId("queue-attention-viewers")).ToHaveTextAsync("nobody on it");

        // Ayesha opens it: the supervisor sees who is on it, in the row and in her agent line.
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        await ayesha.GetByTestId("conversation-row").Filter(new() { HasText = contact }).ClickAsync();
        await Expect(row.GetByTestId("queue-attention-viewers")).ToContainTextAsync("Ayesha");
        var ayeshaLine = imran.Locator("[data-testid=queue-agent-row][data-name='Ayesha Siddiqui']");
        var number = await row.GetAttributeAsync("data-number");
        await Expect(ayeshaLine.GetByTestId("queue-agent-presence")).ToContainTextAsync($"#{number}");

        // She takes it: it is no longer unassigned, and her load goes up.
        var load = await NumberAsync(ayeshaLine.Locator("[data-testid=queue-figure][data-figure=owned]"));
        await ayesha.GetByTestId("take-button").ClickAsync();
        await Expect(Figure(imran, "Support", "unassigned")).ToHaveTextAsync(unassigned.ToString("N0"));
        await Expect(ayeshaLine.Locator("[data-testid=queue-figure][data-figure=owned]")).ToHaveTextAsync((load + 1).ToString("N0"));
        await Expect(row).ToHaveCountAsync(0); // owned now: no longer "waiting, unowned" (and its window is far from closing)
        await BrowserFixture.ScreenshotAsync(imran, "queue-board");
    }

    [Fact]
    public async Task AgentsCannotOpenTheQueueBoard()
    {
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await Expect(bilal.GetByTestId("nav-queue")).ToHaveCountAsync(0);
        await bilal.GotoAsync("/queue");
        await Expect(bilal.GetByTestId("queue-page")).ToHaveCountAsync(0);
    }
}
