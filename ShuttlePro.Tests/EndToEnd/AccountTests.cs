using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>Signing in and out, and what an admin does for a new colleague.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccountTests(BrowserFixture browser)
{
    [Fact]
    public async Task AWrongPasswordIsExplainedAndNothingOpens()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GetByTestId("login-email").FillAsync("ayesha@shuttlepro.test");
        await page.GetByTestId("login-password").FillAsync("not-her-password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong email or password.");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-error");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var page = await browser.SignInAsync("zara@shuttlepro.test");

        await page.GetByTestId("me-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task AnAdminCreatesAnAgentWhoCanSignInStraightAway()
    {
        var admin = await browser.SignInAsync("admin@shuttlepro.test");
        await admin.GotoAsync("/admin/agents");
        await Expect(admin.GetByTestId("agents-table")).ToContainTextAsync("Ayesha Siddiqui");

        await admin.GetByTestId("new-agent").ClickAsync();
        await admin.GetByTestId("agent-email").FillAsync("nadia@shuttlepro.test");
        await admin.GetByTestId("agent-name").FillAsync("Nadia Karim");
        await admin.GetByTestId("agent-password").FillAsync("Welcome-2026");
        await admin.GetByTestId("agent-save").ClickAsync();

        await Expect(admin.GetByTestId("agents-table")).ToContainTextAsync("Nadia Karim");
        await BrowserFixture.ScreenshotAsync(admin, "admin-agents");
        var nadia = await browser.SignInAsync("nadia@shuttlepro.test", "Welcome-2026");
        await Expect(nadia.GetByTestId("me-name")).ToHaveTextAsync("Nadia Karim");
    }

    [Fact]
    public async Task AnAgentCannotOpenTheAdminPages()
    {
        var page = await browser.SignInAsync("bilal@shuttlepro.test");

        await page.GotoAsync("/admin/agents");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("agents-table")).ToHaveCountAsync(0);
    }
}
