using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Data;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>
/// The WhatsApp loop in a browser: a signed webhook posted over HTTP shows up live in the agent's inbox; the reply
/// goes through the outbox to the Graph API stand-in and comes back delivered, then read; after the 24-hour window only
/// a template can be sent; a refused message shows WhatsApp's reason and a retry.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WhatsAppTests(BrowserFixture browser)
{
    private static ILocator Row(IPage page, string contact) =>
        page.GetByTestId("conversation-row").Filter(new LocatorFilterOptions { HasText = contact });

    [Fact]
    public async Task AWebhookMessageAppearsLiveAndTheReplyComesBackDeliveredThenRead()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        await Expect(ayesha.GetByTestId("conversation-row").First).ToBeVisibleAsync();

        await browser.PostCustomerMessageAsync("923001239911", "Tahira Baig", "Mera COD order ZF-48601 kab deliver hoga?");

        await Expect(Row(ayesha, "Tahira Baig")).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await Row(ayesha, "Tahira Baig").ClickAsync();
        await Expect(ayesha.GetByTestId("messages")).ToContainTextAsync("Mera COD order ZF-48601");
        await Expect(ayesha.GetByTestId("window-left")).ToContainTextAsync("left to reply freely");

        await ayesha.GetByTestId("composer-input").FillAsync("Tahira ji, aap ka order kal Leopards se deliver hoga.");
        await ayesha.GetByTestId("send-button").ClickAsync();

        var reply = ayesha.GetByTestId("message").Filter(new LocatorFilterOptions { HasText = "kal Leopards se" });
        await Expect(reply.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Delivered", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(ayesha, "whatsapp-delivered");
        await Expect(reply.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Read", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task AfterTheWindowClosedTheComposerOffersOnlyApprovedTemplates()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        await ayesha.GetByTestId("status-filter").ClickAsync();
        await ayesha.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Pending" }).ClickAsync();
        await Row(ayesha, "Saima Rauf").ClickAsync();

        await Expect(ayesha.GetByTestId("window-closed")).ToContainTextAsync("24-hour window is closed");
        await Expect(ayesha.GetByTestId("send-button")).ToHaveCountAsync(0);
        await ayesha.GetByTestId("template-select").ClickAsync();
        await ayesha.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "restock_alert" }).ClickAsync();
        await Expect(ayesha.GetByTestId("template-param-1")).ToHaveValueAsync("Saima");
        await ayesha.GetByTestId("template-param-2").FillAsync("Lawn suit ZF-LW-118");
        await Expect(ayesha.GetByTestId("template-preview")).ToHaveTextAsync(
            "Good news Saima! Lawn suit ZF-LW-118 is back in stock. Reply YES and we will reserve your size.");
        await BrowserFixture.ScreenshotAsync(ayesha, "whatsapp-template");
        await ayesha.GetByTestId("send-template-button").ClickAsync();

        var sent = ayesha.GetByTestId("message").Filter(new LocatorFilterOptions { HasText = "Lawn suit ZF-LW-118 is back in stock" });
        await Expect(sent.GetByTestId("message-kind")).ToContainTextAsync("restock_alert");
        await Expect(sent.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Delivered|Read"),
            new() { Timeout = 10_000 });
        await Expect(ayesha.GetByTestId("template-preview")).Not.ToContainTextAsync("Lawn suit"); // a fresh form for the next one
    }

    [Fact]
    public async Task AMessageWhatsAppRefusedShowsTheReasonAndCanBeRetried()
    {
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");
        await Expect(bilal.GetByTestId("conversation-row").First).ToBeVisibleAsync();
        await browser.PostCustomerMessageAsync("923001240000", "Kashif Mir", "Landline se message kar raha hoon");
        await Row(bilal, "Kashif Mir").ClickAsync();

        await bilal.GetByTestId("composer-input").FillAsync("Kashif sahab, aap ka order confirm hai.");
        await bilal.GetByTestId("send-button").ClickAsync();

        var reply = bilal.GetByTestId("message").Filter(new LocatorFilterOptions { HasText = "order confirm hai" });
        await Expect(reply.GetByTestId("message-error")).ToContainTextAsync("Message undeliverable (131026)", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(bilal, "whatsapp-failed");
        var messageId = Guid.Parse((await reply.GetAttributeAsync("data-message-id"))!);
        await reply.GetByTestId("retry-message").ClickAsync();

        // Sent again (recorded for the audit trail), refused again by the stand-in, shown again with its reason.
        await WaitUntilAsync(async () =>
        {
            await using var db = await browser.Server.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
            return await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.MessageRetried && a.SubjectId == messageId.ToString());
        });
        await Expect(reply.GetByTestId("message-error")).ToContainTextAsync("131026", new() { Timeout = 10_000 });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition()) await Task.Delay(50, timeout.Token);
    }
}
