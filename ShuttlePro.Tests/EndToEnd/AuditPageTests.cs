using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>A supervisor finds a handoff and its note in the audit trail: one conversation filtered, the event expanded to before/after.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AuditPageTests(BrowserFixture browser)
{
    private const string Note = "Courier check for order ZF-77120: customer wants redelivery on Saturday, Leopards CN 4410299001.";

    private T Get<T>() where T : notnull => browser.Server.Services.GetRequiredService<T>();

    [Fact]
    public async Task ImranFiltersToOneConversationAndSeesTheHandoffWithItsNote()
    {
        var directory = Get<DirectoryService>();
        var imran = DirectoryService.ToActor((await directory.ListAgentsAsync()).Single(a => a.Email == "imran@shuttlepro.test"));
        var ops = (await directory.ListTeamsAsync()).Single(t => t.Name == "Ops");
        var conversations = await Get<ConversationQueries>().ListAsync(imran, new ConversationFilter(InboxView.All), ConversationFilter.MaxLimit);
        var conversation = conversations.Value!.Single(c => c.Contact.Name == "Bushra Anwar");
        Assert.Equal("Ayesha Siddiqui", conversation.OwnerName); // her handoff, so Imran may review it
        var ayesha = DirectoryService.ToActor((await directory.ListAgentsAsync()).Single(a => a.Email == "ayesha@shuttlepro.test"));
        var handoff = await Get<HandoffService>().HandOffAsync(ayesha, conversation.Id, new HandoffTarget(null, ops.Id), Note);
        Assert.True(handoff.Succeeded, handoff.Problem?.Message);

        var page = await browser.SignInAsync("imran@shuttlepro.test");
        await page.GetByTestId("nav-audit").ClickAsync();
        await Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-chain-badge")).ToBeVisibleAsync();

        await page.GetByTestId("audit-filter-conversation").FillAsync($"#{conversation.Number}");
        await page.GetByTestId("audit-filter-conversation").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/audit\\?conversation={conversation.Number}$"));
        await Expect(page.GetByTestId("audit-conversation-link").First).ToHaveTextAsync($"#{conversation.Number}");
        await Expect(page.GetByTestId("audit-conversation-link").Filter(new() { HasNotText = $"#{conversation.Number}" })).ToHaveCountAsync(0);

        var row = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-testid=audit-row][data-action='{AuditActions.HandoffCreated}']") })
            .Filter(new() { HasText = "ZF-77120" });
        await Expect(row.GetByTestId("audit-title")).ToHaveTextAsync("Handoff: Ayesha Siddiqui → Ops (team)");
        await Expect(row.GetByTestId("audit-detail-line")).ToContainTextAsync("Courier check for order ZF-77120");
        await Expect(row.GetByTestId("audit-qa-review")).ToBeVisibleAsync();

        await row.GetByTestId("audit-title").ClickAsync();
        var detail = page.GetByTestId("audit-event-detail");
        await Expect(detail.Locator("[data-testid=audit-field][data-field=ownerName] [data-testid=audit-before]")).ToHaveTextAsync("Ayesha Siddiqui");
        await Expect(detail.Locator("[data-testid=audit-field][data-field=toTeam] [data-testid=audit-after]")).ToHaveTextAsync("Ops");
        await Expect(detail.Locator("[data-testid=audit-field][data-field=note] [data-testid=audit-after]")).ToHaveTextAsync(Note);
        await Expect(detail.GetByTestId("audit-hash")).ToContainTextAsync("…");
        await BrowserFixture.ScreenshotAsync(page, "audit-page");

        // Narrowed to handoffs by picking the action; the address keeps both filters for a link.
        await page.GetByTestId("audit-filter-action").FillAsync("handoff.c");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = AuditActions.HandoffCreated }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"conversation={conversation.Number}&action=handoff.created$"));
        await Expect(page.GetByTestId("audit-row")).ToHaveCountAsync(1);

        // QA review from the handoff: the thread as it was, a score and a comment for Ayesha.
        await page.GetByTestId("audit-qa-review").ClickAsync();
        await Expect(page.GetByTestId("review-title")).ToContainTextAsync($"Conversation #{conversation.Number} as it was at");
        await Expect(page.GetByTestId("review-thread")).ToContainTextAsync("ZF-77120");
        await page.GetByTestId("review-score").Locator(".mud-rating-item").Nth(3).ClickAsync();
        await page.GetByTestId("review-comment").FillAsync("Clear note: courier, CN and the next step.");
        await page.GetByTestId("review-submit").ClickAsync();
        await Expect(page.GetByTestId("review-item-comment")).ToHaveTextAsync("Clear note: courier, CN and the next step.");

        // The conversation's Activity tab tells the same story in one timeline.
        await page.GotoAsync($"/inbox/{conversation.Id}");
        await page.GetByTestId("activity-tab").ClickAsync();
        var handoffLine = page.GetByTestId("activity-item").Filter(new() { HasText = "Handoff: Ayesha Siddiqui → Ops (team)" });
        await Expect(handoffLine.GetByTestId("activity-text")).ToContainTextAsync("Courier check for order ZF-77120");
        await Expect(page.GetByTestId("activity-item").Filter(new() { HasText = "reviewed Ayesha Siddiqui" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnAgentHasNoAuditEntryAndIsTurnedAwayFromThePage()
    {
        var ayesha = await browser.SignInAsync("ayesha@shuttlepro.test");
        await Expect(ayesha.GetByTestId("nav-audit")).ToHaveCountAsync(0);
        await ayesha.GotoAsync("/audit");
        await Expect(ayesha.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(ayesha.GetByTestId("audit-table")).ToHaveCountAsync(0);
    }
}
