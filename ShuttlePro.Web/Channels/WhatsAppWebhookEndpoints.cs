using Microsoft.Extensions.Options;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Web.Hosting;

namespace ShuttlePro.Web.Channels;

/// <summary>
/// Meta's webhook: <c>GET /webhooks/whatsapp</c> answers the subscription check, <c>POST</c> takes deliveries. The raw
/// body is read as bytes (the signature covers exactly those), bounded by <c>WhatsApp:MaxWebhookBytes</c>; 200 is only
/// answered once everything in the delivery is committed, so Meta retries anything we did not store.
/// </summary>
public static class WhatsAppWebhookEndpoints
{
    public const string Path = "/webhooks/whatsapp";

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder app)
    {
        var webhook = app.MapGroup(Path).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.Webhook);

        webhook.MapGet("", (HttpRequest request, WhatsAppWebhook handler) =>
            handler.Verify(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"]) is { } challenge
                ? Results.Text(challenge, "text/plain")
                : Results.StatusCode(StatusCodes.Status403Forbidden));

        webhook.MapPost("", async (HttpRequest request, WhatsAppWebhook handler, IOptionsMonitor<WhatsAppOptions> options,
            CancellationToken cancellationToken) =>
        {
            var body = await BoundedBody.ReadAsync(request, options.CurrentValue.MaxWebhookBytes, cancellationToken);
            if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            var result = await handler.HandleAsync(body, request.Headers["X-Hub-Signature-256"], cancellationToken);
            return result.Verdict switch
            {
                WebhookVerdict.Accepted => Results.Ok(new { status = "ok", result.Messages, result.Duplicates, result.Statuses, result.DeadLettered }),
                WebhookVerdict.Unauthorized => Results.Problem(result.Detail, statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature."),
                _ => Results.Problem(result.Detail, statusCode: StatusCodes.Status400BadRequest, title: "Not a WhatsApp webhook payload."),
            };
        });
        return app;
    }
}
