using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Demo;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.EndToEnd;

/// <summary>
/// The app on a loopback port and Debian's Chromium driven by Playwright (headless, no sandbox, no background
/// networking). Each agent gets a browser context of their own, as two people on two machines would.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ShuttleServerFactory Server { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of the flows go (looked at by people, not asserted on).</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("SHUTTLEPRO_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run the README's test command, which installs it.");
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in as <paramref name="email"/>, on the inbox of the shared server
    /// or of <paramref name="server"/> (a test's own, or a relay in front of one).
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password = DemoOptions.DefaultPassword, Uri? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server.BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inbox");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me-name")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The demo's Zeenat Fashion number (its conversations go to Support).</summary>
    public const string ZeenatNumber = "100000000000001";

    /// <summary>A customer's text, as Meta would post it to our webhook: signed, over HTTP.</summary>
    public async Task PostCustomerMessageAsync(string waId, string name, string text, string phoneNumberId = ZeenatNumber)
    {
        var body = Encoding.UTF8.GetBytes(WebhookPayloads.InboundText(phoneNumberId, "+92 300 1112233", waId, name,
            $"wamid.e2e.{Guid.NewGuid():N}", text, DateTimeOffset.UtcNow));
        var secret = Server.Services.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().CurrentValue.AppSecret;
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, secret));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webhooks/whatsapp", content)).StatusCode);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png") });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}
