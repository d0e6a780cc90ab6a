using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>Escalation in place: an agent escalates from the chat, the supervisor sees it live and solves it, the line and the drafted reply reach the chat.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TicketTests(BrowserFixture browser)
{
    [Fact]
    public async Task BilalEscalatesInTwoClicksImranSeesItLiveAndSolvingItWritesTheLineIntoTheConversation()
    {
        var imran = await browser.SignInAsync("imran@shuttlepro.test");
        await imran.GotoAsync("/tickets");
        await Expect(imran.GetByTestId("tickets-table")).ToBeVisibleAsync();
        var bilal = await browser.SignInAsync("bilal@shuttlepro.test");

        await bilal.GetByTestId("conversation-row").Filter(new() { HasText = "Naveed Akhtar" }).ClickAsync();
        await Expect(bilal.GetByTestId("thread-contact")).ToContainTextAsync("Naveed Akhtar");
        await bilal.GetByTestId("escalate-button").ClickAsync();
        // Pre-filled from the chat and its pinned context: the second click creates it.
        await Expect(bilal.GetByTestId("escalate-description")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Leopards CN 4410293377"));
        await bilal.GetByTestId("escalate-submit").ClickAsync();

        var line = bilal.GetByTestId("ticket-line").Filter(new() { HasText = "Escalation: ticket SP-" });
        await Expect(line).ToContainTextAsync("(Complaint, Normal)");
        var chip = bilal.GetByTestId("ticket-chip");
        await Expect(chip).ToHaveAttributeAsync("data-status", "New");
        var number = await chip.GetAttributeAsync("data-number");

        var row = imran.GetByTestId("ticket-row").Filter(new() { HasText = number! });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await BrowserFixture.ScreenshotAsync(imran, "tickets-live-list");

        await row.ClickAsync();
        await Expect(imran.GetByTestId("ticket-title")).ToContainTextAsync(number!);
        await imran.GetByTestId("ticket-comment-input").FillAsync("Leopards says redelivery tomorrow morning");
        await imran.GetByTestId("ticket-comment-submit").ClickAsync();
        await Expect(imran.GetByTestId("ticket-event").Filter(new() { HasText = "redelivery tomorrow" })).ToBeVisibleAsync();
        await imran.GetByTestId("ticket-solve").ClickAsync();
        await imran.GetByTestId("ticket-resolution-input").FillAsync("Leopards re-dispatched GB-77021, arriving tomorrow");
        await imran.GetByTestId("ticket-draft-reply").CheckAsync();
        await imran.GetByTestId("ticket-reply-draft-input").FillAsync("Naveed sahab, aapka parcel kal subah deliver ho jayega.");
        await imran.GetByTestId("ticket-solve-submit").ClickAsync();
        await Expect(imran.GetByTestId("ticket-resolution")).ToContainTextAsync("re-dispatched");

        // In Bilal's open thread, live: the solved line with its resolution, the chip, and the reply drafted for him.
        var solved = bilal.GetByTestId("ticket-line").Filter(new() { HasText = "solved by Imran" });
        await Expect(solved).ToContainTextAsync("Leopards re-dispatched GB-77021", new() { Timeout = 3_000 });
        await Expect(chip).ToHaveAttributeAsync("data-status", "Solved");
        await bilal.GetByTestId("use-drafted-reply").ClickAsync();
        await Expect(bilal.GetByTestId("composer-input")).ToHaveValueAsync("Naveed sahab, aapka parcel kal subah deliver ho jayega.");
        await BrowserFixture.ScreenshotAsync(bilal, "ticket-solved-in-thread");

        // From the ticket back into the chat, at the message it was escalated from.
        var link = imran.GetByTestId("ticket-conversation-link");
        var messageId = (await link.GetAttributeAsync("href"))!.Split("?message=")[1];
        await link.ClickAsync();
        await Expect(imran.GetByTestId("thread-contact")).ToContainTextAsync("Naveed Akhtar");
        await Expect(imran.Locator($"#message-{messageId}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sp-flash"));
    }
}
