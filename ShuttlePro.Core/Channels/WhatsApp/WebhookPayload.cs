using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShuttlePro.Core.Channels.WhatsApp;

// Meta's webhook payload (WhatsApp Cloud API, "messages" field), as much of it as the inbox uses.
// Property names follow Meta's snake_case through the serializer's naming policy.

internal sealed record WebhookPayload(string? Object, List<WebhookEntry>? Entry);

internal sealed record WebhookEntry(string? Id, List<WebhookChangePayload>? Changes);

internal sealed record WebhookChangePayload(string? Field, JsonElement Value);

internal sealed record WebhookValue(string? MessagingProduct, WebhookMetadata? Metadata, List<WebhookContact>? Contacts,
    List<WebhookMessage>? Messages, List<WebhookStatus>? Statuses);

internal sealed record WebhookMetadata(string? DisplayPhoneNumber, string? PhoneNumberId);

internal sealed record WebhookContact(WebhookProfile? Profile, string? WaId);

internal sealed record WebhookProfile(string? Name);

internal sealed record WebhookMessage(
    string? From,
    string? Id,
    string? Timestamp,
    string? Type,
    WebhookText? Text,
    WebhookMedia? Image,
    WebhookMedia? Video,
    WebhookMedia? Audio,
    WebhookMedia? Document,
    WebhookMedia? Sticker,
    WebhookLocation? Location,
    List<WebhookSharedContact>? Contacts,
    WebhookInteractive? Interactive,
    WebhookButton? Button,
    WebhookReaction? Reaction,
    List<WebhookError>? Errors);

internal sealed record WebhookText(string? Body);

internal sealed record WebhookMedia(string? Id, string? MimeType, string? Caption, string? Filename);

internal sealed record WebhookLocation(double? Latitude, double? Longitude, string? Name, string? Address);

internal sealed record WebhookSharedContact(WebhookContactName? Name, List<WebhookContactPhone>? Phones);

internal sealed record WebhookContactName(string? FormattedName);

internal sealed record WebhookContactPhone(string? Phone);

internal sealed record WebhookInteractive(string? Type, WebhookReply? ButtonReply, WebhookReply? ListReply);

internal sealed record WebhookReply(string? Id, string? Title, string? Description);

internal sealed record WebhookButton(string? Text, string? Payload);

internal sealed record WebhookReaction(string? MessageId, string? Emoji);

internal sealed record WebhookStatus(string? Id, string? Status, string? Timestamp, string? RecipientId, string? BizOpaqueCallbackData,
    List<WebhookError>? Errors);

internal sealed record WebhookError(int? Code, string? Title, string? Message);

internal static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
