using System.Threading.RateLimiting;

namespace ShuttlePro.Web;

/// <summary>Rate limits: sign-in and token endpoints are the ones guessed at.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Webhook = "webhook";

    /// <summary>Sign-in attempts (browser or token) per client address per minute: <c>RateLimits:SignInPerMinute</c>.</summary>
    public static IServiceCollection AddShuttleRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:SignInPerMinute", 30);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Meta sends bursts on sale days; the cap only stops a flood from one address (unsigned floods are refused anyway).
            var webhookPerSecond = configuration.GetValue("RateLimits:WebhookPerSecond", 5000);
            options.AddPolicy(Webhook, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = webhookPerSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
    }
}
