using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ShuttlePro.Web.Hosting;

/// <summary>
/// What every response tells the browser: run only our own scripts, never inside someone else's frame, no sniffing, no
/// referrer to other sites. Customer-supplied text is rendered as text by Blazor; the policy is the second wall should
/// anything ever slip through (an injected script or inline handler does not run).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Blazor Server and MudBlazor work with scripts from our origin only (no inline script, no eval); MudBlazor and
    /// Blazor's reconnect dialog set inline styles, so styles allow them. WebSockets (circuits, /hubs/inbox) are same-origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)";

    /// <summary>The headers say DENY already; antiforgery would add a second X-Frame-Options (SAMEORIGIN) to forms.</summary>
    public static IServiceCollection AddShuttleSecurityHeaders(this IServiceCollection services) =>
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    });

    /// <summary>
    /// Behind a reverse proxy (nginx terminating TLS) the client's address and scheme come from X-Forwarded-For/-Proto,
    /// but only from the proxies named in <c>Hosting:KnownProxies</c> (loopback always): rate limits then count clients,
    /// not the proxy, and cookies are marked Secure on HTTPS.
    /// </summary>
    public static IServiceCollection AddShuttleForwardedHeaders(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Hosting:KnownProxies").Get<string[]>() ?? [])
                if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Hosting:KnownProxies: '{proxy}' is not an IP address.");
        });
}
