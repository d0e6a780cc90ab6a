using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShuttlePro.Core.Channels.WhatsApp;

/// <summary>
/// Sends replies with the WhatsApp Cloud API: <c>POST {GraphApiBaseUrl}/{phone-number-id}/messages</c> with the number's
/// access token. Tells apart what to retry (network errors, timeouts, 5xx, HTTP 429 and Meta's throughput errors)
/// from permanent refusals (other 4xx), which carry Meta's code and title.
/// </summary>
public sealed class GraphApiClient(IHttpClientFactory httpClients, IOptionsMonitor<WhatsAppOptions> options, ILogger<GraphApiClient> logger)
    : IChannelSender
{
    /// <summary>The named HttpClient for Meta's Graph API.</summary>
    public const string HttpClientName = "whatsapp-graph";

    /// <summary>The named HttpClient for numbers without credentials (the demo's stand-in), when the host registers one.</summary>
    public const string StandInClientName = "whatsapp-graph-stand-in";

    public const string StandInBaseUrl = "http://graph-api-stand-in.local/v21.0";

    // Meta's "try later" codes: throughput (130429), pair rate (131056), business account rate (80007), app rate (4),
    // service unavailable (131016), temporary error (2).
    private static readonly HashSet<int> RetryableCodes = [130429, 131056, 80007, 4, 131016, 2];

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var simulated = string.IsNullOrEmpty(message.AccessToken);
        HttpClient client;
        if (!simulated) client = httpClients.CreateClient(HttpClientName);
        else if (options.CurrentValue.SimulateNumbersWithoutToken) client = httpClients.CreateClient(StandInClientName);
        else return SendOutcome.Rejected("This number has no access token configured (WhatsApp:Channels).");

        var baseUrl = (simulated ? StandInBaseUrl : options.CurrentValue.GraphApiBaseUrl).TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/{Uri.EscapeDataString(message.PhoneNumberId)}/messages")
        {
            Content = JsonContent.Create(Payload(message)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", simulated ? "stand-in" : message.AccessToken);

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Interpret(response, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.RetryLater("The Graph API did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.RetryLater($"Could not reach the Graph API: {ex.Message}");
        }
    }

    /// <summary>Meta's request body for a text or template message.</summary>
    public static JsonObject Payload(OutboundMessage message)
    {
        var payload = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = message.ToWaId,
        };
        if (message.Template is { } template)
        {
            payload["type"] = "template";
            var body = new JsonArray(template.Parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p }).ToArray());
            payload["template"] = new JsonObject
            {
                ["name"] = template.Name,
                ["language"] = new JsonObject { ["code"] = template.Language },
                ["components"] = template.Parameters.Count == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = body }),
            };
        }
        else
        {
            payload["type"] = "text";
            payload["text"] = new JsonObject { ["preview_url"] = false, ["body"] = message.Body };
        }
        if (message.CallbackData is { } callback) payload["biz_opaque_callback_data"] = callback;
        return payload;
    }

    private SendOutcome Interpret(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode)
        {
            var wamid = TryRead(body, root => root.GetProperty("messages")[0].GetProperty("id").GetString());
            return wamid is null
                ? SendOutcome.RetryLater("The Graph API answered without a message id.")
                : SendOutcome.Accepted(wamid);
        }

        var code = TryRead(body, root => root.GetProperty("error").TryGetProperty("code", out var c) ? c.GetInt32() : (int?)null);
        var title = TryRead(body, root =>
        {
            var error = root.GetProperty("error");
            return error.TryGetProperty("error_user_title", out var t) ? t.GetString()
                : error.TryGetProperty("message", out var m) ? m.GetString() : null;
        }) ?? $"HTTP {(int)response.StatusCode}";
        var retryAfter = response.Headers.RetryAfter?.Delta;

        if (response.StatusCode == HttpStatusCode.TooManyRequests || (code is { } c1 && RetryableCodes.Contains(c1)))
            return SendOutcome.RetryLater($"Rate limited: {title}", retryAfter ?? TimeSpan.FromSeconds(5));
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            return SendOutcome.RetryLater($"Graph API error {(int)response.StatusCode}: {title}", retryAfter);
        logger.LogWarning("Graph API refused a message: {Status} {Code} {Title}", (int)response.StatusCode, code, title);
        return SendOutcome.Rejected(title, code);
    }

    private static T? TryRead<T>(string body, Func<JsonElement, T?> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return default;
        }
    }
}
