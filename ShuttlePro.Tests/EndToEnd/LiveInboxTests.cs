using Microsoft.Playwright;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Demo;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>Two agents in two browsers: what one does, the other sees at once, without a refresh.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveInboxTests(BrowserFixture browser)
{
    private static ILocator Row(IPage page, string contact) =>
        page.GetByTestId("conversation-row").Filter(new LocatorFilterOptions { HasText = contact });

    private static async Task OpenAsync(IPage page, string contact)
    {
        await Row(page, contact).ClickAsync();
        await Expect(page.GetByTestId("thread-contact")).ToContainTextAsync(contact);
    }

    [Fact]
    public async Task AyeshasReplyAppearsInBilalsOpenThreadAndListWithoutRefresh()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await OpenAsync(ayesha, "Hira Malik");
        await OpenAsync(bilal, "Hira Malik");
        await Expect(bilal.GetByTestId("composer-take-note")).ToBeVisibleAsync();

        const string reply = "Ji Hira, L size available hai. Exchange ke liye parcel TCS se bhej dein.";
        await ayesha.GetByTestId("composer-input").FillAsync(reply);
        await ayesha.GetByTestId("send-button").ClickAsync();

        // Bilal sees the reply, the new owner, and is told he cannot reply: no refresh, no polling.
        await Expect(bilal.GetByTestId("messages").GetByText(reply)).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await Expect(bilal.GetByTestId("thread-owner")).ToContainTextAsync("Ayesha Siddiqui");
        await Expect(bilal.GetByTestId("composer-owner-note")).ToContainTextAsync("Ayesha Siddiqui owns this conversation");
        await Expect(Row(bilal, "Hira Malik").GetByTestId("row-preview")).ToContainTextAsync("L size available");
        await Expect(Row(bilal, "Hira Malik").GetByTestId("row-owner")).ToContainTextAsync("Ayesha Siddiqui");

        // Ayesha's composer is cleared, and the simulated channel reports the message delivered.
        await Expect(ayesha.GetByTestId("composer-input")).ToHaveValueAsync("");
        var sent = ayesha.GetByTestId("message").Filter(new LocatorFilterOptions { HasText = "L size available" });
        await Expect(sent.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Delivered|Read"));
        await BrowserFixture.ScreenshotAsync(ayesha, "two-agents-ayesha");
        await BrowserFixture.ScreenshotAsync(bilal, "two-agents-bilal");
    }

    [Fact]
    public async Task ACustomerMessageAppearsLiveInEveryPermittedAgentsInboxButNotInOtherTeams()
    {
        var zara = await browser.SignInAsync("zara@shuttlepro.test");
        var hamza = await browser.SignInAsync("hamza@shuttlepro.test");
        await Expect(zara.GetByTestId("conversation-row").First).ToBeVisibleAsync();

        var channel = DemoScript.Channels[1];
        var inbound = await browser.Server.Get<ConversationService>().ReceiveAsync(new InboundMessage(channel.PhoneNumberId, "923001230077",
            "Parveen Akhtar", $"wamid.e2e.{Guid.NewGuid():N}", MessageType.Text, "Mera order GB-77400 kahan hai?", DateTimeOffset.UtcNow));
        Assert.True(inbound.Succeeded);

        await Expect(Row(zara, "Parveen Akhtar")).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await Expect(zara.GetByTestId("conversation-row").First).ToContainTextAsync("Parveen Akhtar");
        await Row(zara, "Parveen Akhtar").ClickAsync();
        await Expect(zara.GetByTestId("messages")).ToContainTextAsync("Mera order GB-77400 kahan hai?");

        // The customer writes again while Zara has the thread open.
        await browser.Server.Get<ConversationService>().ReceiveAsync(new InboundMessage(channel.PhoneNumberId, "923001230077",
            "Parveen Akhtar", $"wamid.e2e.{Guid.NewGuid():N}", MessageType.Text, "Jaldi bata dein please", DateTimeOffset.UtcNow));
        await Expect(zara.GetByTestId("messages")).ToContainTextAsync("Jaldi bata dein please", new() { Timeout = 3_000 });

        await Expect(Row(hamza, "Parveen Akhtar")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(zara, "customer-message-live");
    }

    [Fact]
    public async Task ResolvingMovesTheConversationOutOfOpenListsEverywhere()
    {
        var sana = await browser.SignInAsync("sana@shuttlepro.test");
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await Expect(Row(bilal, "Rabia Shah")).ToBeVisibleAsync();
        await OpenAsync(sana, "Rabia Shah");

        await sana.GetByTestId("resolve-button").ClickAsync();

        await Expect(sana.GetByTestId("thread").GetByTestId("status-chip")).ToHaveTextAsync("Resolved");
        await Expect(Row(bilal, "Rabia Shah")).ToHaveCountAsync(0, new() { Timeout = 3_000 });
    }
}
