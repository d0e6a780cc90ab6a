using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>
/// Customers choose their WhatsApp profile name and write what they like: markup in either is shown as text and never
/// runs. And the app itself runs under its Content-Security-Policy without a single violation on any screen.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileTextTests(BrowserFixture browser)
{
    // Records what the policy blocked, from the first script of every document on.
    private const string WatchViolations =
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private static async Task<IPage> WatchedAsync(IPage page)
    {
        await page.Context.AddInitScriptAsync(WatchViolations);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("me-name")).ToBeVisibleAsync();
        return page;
    }

    private static Task<string[]> ViolationsAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__violations");

    [Fact]
    public async Task MarkupInACustomersNameAndMessageShouldBeShownAsTextAndNeverRun()
    {
        var ayesha = await WatchedAsync(await browser.SignInAsync("ayesha@shuttlepro.test"));
        const string name = "<img src=x onerror=\"window.__xss='name'\">Rubina";
        const string text = "<script>window.__xss='body'</script><img src=x onerror=\"window.__xss='img'\"> order ZF-77120 kahan hai?";

        await browser.PostCustomerMessageAsync("923001237777", name, text);

        var row = ayesha.GetByTestId("conversation-row").Filter(new() { HasText = "Rubina" });
        await Expect(row).ToContainTextAsync(name, new() { Timeout = 5_000 });
        await row.ClickAsync();
        await Expect(ayesha.GetByTestId("messages")).ToContainTextAsync(text);
        await BrowserFixture.ScreenshotAsync(ayesha, "hostile-text");

        Assert.Null(await ayesha.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, await ayesha.Locator("img[src='x'], script:not([src])").CountAsync());
        Assert.Empty(await ViolationsAsync(ayesha)); // not even blocked: there was nothing to block, it is text

        // The second wall: a script injected into the page anyway (as a rendering bug would) is refused by the policy.
        await ayesha.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = \"window.__xss = 'injected'\"; document.body.appendChild(s); }");
        await ayesha.WaitForFunctionAsync("() => window.__violations.some(v => v.startsWith('script-src'))");
        Assert.Null(await ayesha.EvaluateAsync<string?>("() => window.__xss ?? null"));
    }

    [Theory]
    [InlineData("sana@shuttlepro.test", new[] { "/inbox", "/board", "/queue", "/tickets", "/kpi", "/audit", "/shift/end" })]
    [InlineData("admin@shuttlepro.test", new[] { "/admin/agents", "/admin/teams", "/admin/channels", "/admin/labels", "/admin/tickets", "/canned" })]
    public async Task EveryScreenShouldRunUnderTheContentSecurityPolicyWithoutAViolation(string email, string[] routes)
    {
        var page = await WatchedAsync(await browser.SignInAsync(email));
        foreach (var route in routes)
        {
            var response = await page.GotoAsync(route);
            Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
            await Expect(page.GetByTestId("me-name")).ToBeVisibleAsync(); // the circuit is up: its WebSocket was allowed
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True((await ViolationsAsync(page)).Length == 0, $"{route}: {string.Join("; ", await ViolationsAsync(page))}");
        }
    }
}
