using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ShuttlePro.Core.Demo;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Hosting;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// What the web layer promises whatever the page: security headers on every response, the sign-in form protected
/// against cross-site posts, hardened cookies (Secure behind a TLS proxy), and guessing slowed down per client address.
/// </summary>
public sealed partial class WebHardeningTests : IAsyncLifetime
{
    private ShuttleServerFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = ShuttleServerFactory.With(new Dictionary<string, string>
        {
            ["RateLimits:SignInPerMinute"] = "3",
            ["RateLimits:WebhookPerSecond"] = "2",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/me")]
    [InlineData("/health")]
    [InlineData("/favicon.svg")]
    public async Task EveryResponseShouldCarryTheSecurityHeaders(string path)
    {
        using var client = Browser();
        using var response = await client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy);
        Assert.Matches(@"script-src 'self';", SecurityHeaders.ContentSecurityPolicy); // no inline script, no other origin
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
    }

    private static async Task<Dictionary<string, string>> SignInFormAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/login");
        return HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    private static FormUrlEncodedContent Credentials(Dictionary<string, string> hidden, string password = DemoOptions.DefaultPassword) =>
        new(hidden.Append(new("Input.Email", "ayesha@shuttlepro.test")).Append(new("Input.Password", password)));

    [Fact]
    public async Task TheSignInFormShouldRefuseAPostWithoutItsAntiforgeryTokenAndSetAHardenedCookie()
    {
        using var client = Browser();
        var hidden = await SignInFormAsync(client);
        Assert.Contains("__RequestVerificationToken", hidden.Keys);

        // Another site's form posting to ours carries no antiforgery token.
        var forged = hidden.Where(h => h.Key != "__RequestVerificationToken").ToDictionary();
        using (var refused = await client.PostAsync("/account/login", Credentials(forged)))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Behind the TLS proxy (loopback is trusted to say so), the sign-in cookie is Secure, HttpOnly and SameSite.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = Credentials(hidden) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".ShuttlePro.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
    }

    [Fact]
    public async Task TokenRequestsShouldBeLimitedPerClientAddress()
    {
        async Task<HttpStatusCode> AskAsync(string clientAddress)
        {
            using var client = Browser();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { email = "ayesha@shuttlepro.test", password = "a guess" }),
            };
            request.Headers.Add("X-Forwarded-For", clientAddress);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await AskAsync("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAsync("203.0.113.7"));
        // Another customer behind the same proxy is not punished for it.
        Assert.Equal(HttpStatusCode.Unauthorized, await AskAsync("203.0.113.8"));
    }

    [Fact]
    public async Task AWebhookFloodFromOneAddressShouldBeSlowedDown()
    {
        using var client = Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var flood = await client.PostAsync("/webhooks/whatsapp", new StringContent("{}", Encoding.UTF8, "application/json"));
            statuses.Add(flood.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.Unauthorized, statuses); // the ones let through are unsigned, so refused
    }
}
