using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>Collisions seen before they happen, and ownership moving live between browsers.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CollisionTests(BrowserFixture browser)
{
    private static ILocator Row(IPage page, string contact) =>
        page.GetByTestId("conversation-row").Filter(new LocatorFilterOptions { HasText = contact });

    private static async Task OpenAsync(IPage page, string contact)
    {
        await Row(page, contact).ClickAsync();
        await Expect(page.GetByTestId("thread-contact")).ToContainTextAsync(contact);
    }

    [Fact]
    public async Task BilalSeesAyeshaReplyingAndHisSendIsRefusedWithHisDraftKept()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await OpenAsync(ayesha, "Ahmed Siddiqui");
        await ayesha.GetByTestId("composer-input").PressSequentiallyAsync("Ahmed sahib, rider kal dobara", new() { Delay = 20 });

        // Before he even opens it, Bilal's list shows someone typing there; once open, the composer says who.
        await Expect(Row(bilal, "Ahmed Siddiqui").GetByTestId("row-typing")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await OpenAsync(bilal, "Ahmed Siddiqui");
        await Expect(bilal.GetByTestId("collision-banner")).ToContainTextAsync("Ayesha Siddiqui is replying", new() { Timeout = 2_000 });
        await Expect(bilal.GetByTestId("presence-agent")).ToHaveAttributeAsync("data-agent", "Ayesha Siddiqui");
        await BrowserFixture.ScreenshotAsync(bilal, "collision-banner");

        const string draft = "Assalam o alaikum, main check karta hoon";
        await bilal.GetByTestId("composer-input").FillAsync(draft);
        await bilal.GetByTestId("send-button").ClickAsync();

        await Expect(bilal.GetByTestId("composer-problem")).ToContainTextAsync("Ayesha Siddiqui is replying to this conversation right now");
        await Expect(bilal.GetByTestId("composer-input")).ToHaveValueAsync(draft);
        await Expect(bilal.GetByTestId("messages")).Not.ToContainTextAsync(draft);
        await BrowserFixture.ScreenshotAsync(bilal, "collision-refused");
    }

    [Fact]
    public async Task AShiftLeadsTakeoverMovesTheConversationLiveInEveryBrowser()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        var zara = await browser.SignInAsync("zara@shuttlepro.test");
        var sana = await browser.SignInAsync("sana@shuttlepro.test");
        await OpenAsync(ayesha, "Aiza Rehman"); // Ayesha owns it in the demo data
        await Expect(Row(zara, "Aiza Rehman").GetByTestId("row-owner")).ToContainTextAsync("Ayesha Siddiqui");

        await OpenAsync(sana, "Aiza Rehman");
        await sana.GetByTestId("takeover-button").ClickAsync();

        await Expect(sana.GetByTestId("thread-owner")).ToContainTextAsync("Sana Malik");
        await Expect(ayesha.GetByTestId("thread-owner")).ToContainTextAsync("Sana Malik", new() { Timeout = 2_000 });
        await Expect(ayesha.GetByText("Sana Malik took over #")).ToBeVisibleAsync();
        await Expect(ayesha.GetByTestId("composer-owner-note")).ToContainTextAsync("Sana Malik owns this conversation");
        await Expect(Row(zara, "Aiza Rehman").GetByTestId("row-owner")).ToContainTextAsync("Sana Malik", new() { Timeout = 2_000 });
        await BrowserFixture.ScreenshotAsync(ayesha, "taken-over");
    }

    [Fact]
    public async Task AskingToTakeOverIsAcceptedWithOneClick()
    {
        var zara = await browser.SignInAsync("zara@shuttlepro.test");
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await OpenAsync(bilal, "Kiran Baig"); // Zara owns it in the demo data

        await bilal.GetByTestId("ask-takeover-button").ClickAsync();
        await Expect(bilal.GetByTestId("takeover-requested")).ToBeVisibleAsync();

        await Expect(zara.GetByTestId("takeover-notice")).ToContainTextAsync("Bilal Ahmed asks to take over", new() { Timeout = 2_000 });
        await BrowserFixture.ScreenshotAsync(zara, "takeover-request");
        await zara.GetByTestId("accept-takeover").ClickAsync();

        await Expect(bilal.GetByTestId("thread-owner")).ToContainTextAsync("Bilal Ahmed", new() { Timeout = 2_000 });
        await Expect(bilal.GetByText("Zara Hussain assigned #")).ToBeVisibleAsync();
        await Expect(bilal.GetByTestId("composer-owner-note")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WhenATabClosesItsPresenceDisappearsWithinSeconds()
    {
        var hamza = await browser.SignInAsync("hamza@shuttlepro.test");
        var sana = await browser.SignInAsync("sana@shuttlepro.test");
        await OpenAsync(hamza, "Shazia Aziz");
        await OpenAsync(sana, "Shazia Aziz");
        await Expect(sana.GetByTestId("presence-agent")).ToHaveAttributeAsync("data-agent", "Hamza Sheikh");

        await hamza.Context.CloseAsync();

        await Expect(sana.GetByTestId("presence-agent")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
    }
}
