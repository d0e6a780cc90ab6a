using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Channels.WhatsApp;

namespace ShuttlePro.Core.Demo;

/// <summary>
/// The demo's stand-in for Meta's Graph API, for numbers without an access token: it checks a send request the way
/// Meta does, answers with a wamid (or Meta's error shape), and then reports <c>sent</c>, <c>delivered</c> and <c>read</c>
/// through the real, signed webhook pipeline — so the demo exercises the production path end to end. A recipient
/// whose number ends in 0000 is "not on WhatsApp" (error 131026), to show failures.
/// </summary>
public sealed class GraphApiStandIn(IServiceProvider services, IOptionsMonitor<WhatsAppOptions> options, TimeProvider clock,
    ILogger<GraphApiStandIn> logger) : HttpMessageHandler
{
    public static readonly TimeSpan SentAfter = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan DeliveredAfter = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan ReadAfter = TimeSpan.FromSeconds(6);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri?.AbsolutePath.Trim('/').Split('/') ?? [];
        if (request.Method != HttpMethod.Post || segments.Length != 3 || segments[2] != "messages")
            return Error(HttpStatusCode.NotFound, 100, "Unknown path", $"No such edge: {request.RequestUri?.AbsolutePath}");
        if (request.Headers.Authorization?.Scheme != "Bearer" || string.IsNullOrEmpty(request.Headers.Authorization.Parameter))
            return Error(HttpStatusCode.Unauthorized, 190, "Invalid OAuth access token", "An access token is required.");

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, 100, "Invalid parameter", "The body is not JSON.");
        }
        var to = body?["to"]?.GetValue<string>() ?? "";
        var type = body?["type"]?.GetValue<string>();
        if (body?["messaging_product"]?.GetValue<string>() != "whatsapp" || to.Length < 6 || !to.All(char.IsAsciiDigit))
            return Error(HttpStatusCode.BadRequest, 100, "Invalid parameter", "messaging_product must be whatsapp and to a phone number.");
        var valid = type switch
        {
            "text" => body!["text"]?["body"]?.GetValue<string>() is { Length: > 0 and <= 4096 },
            "template" => body!["template"]?["name"]?.GetValue<string>() is { Length: > 0 },
            _ => false,
        };
        if (!valid) return Error(HttpStatusCode.BadRequest, 100, "Invalid parameter", $"Unsupported or incomplete message of type {type}.");
        if (to.EndsWith("0000", StringComparison.Ordinal))
            return Error(HttpStatusCode.BadRequest, 131026, "Message undeliverable", "The recipient is not a WhatsApp user.");

        var wamid = "wamid.SIM" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var callback = body!["biz_opaque_callback_data"]?.GetValue<string>();
        _ = ReportAsync(segments[1], to, wamid, callback);
        var answer = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid }),
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    /// <summary>Reports the message's progress as Meta does: signed status webhooks, through the same pipeline.</summary>
    private async Task ReportAsync(string phoneNumberId, string to, string wamid, string? callback)
    {
        try
        {
            var webhook = services.GetRequiredService<WhatsAppWebhook>();
            var elapsed = TimeSpan.Zero;
            foreach (var (status, at) in new[] { ("sent", SentAfter), ("delivered", DeliveredAfter), ("read", ReadAfter) })
            {
                await Task.Delay(at - elapsed, clock);
                elapsed = at;
                var payload = Encoding.UTF8.GetBytes(WebhookPayloads.Status(phoneNumberId, phoneNumberId, wamid, status, to, clock.GetUtcNow(), callback));
                await webhook.HandleAsync(payload, WebhookSignature.Sign(payload, options.CurrentValue.AppSecret));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "The Graph API stand-in could not report statuses for {Wamid}", wamid);
        }
    }

    private static HttpResponseMessage Error(HttpStatusCode status, int code, string title, string details)
    {
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"({code}) {title}",
                ["type"] = "OAuthException",
                ["code"] = code,
                ["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details },
                ["error_user_title"] = title,
                ["fbtrace_id"] = "stand-in",
            },
        };
        return new HttpResponseMessage(status) { Content = new StringContent(error.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
