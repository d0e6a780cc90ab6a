using System.Globalization;
using System.Text.Json;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Channels.WhatsApp;

/// <summary>A delivery status WhatsApp reported for one of our messages.</summary>
public sealed record StatusUpdate(string WaMessageId, DeliveryStatus Status, DateTimeOffset At, int? ErrorCode, string? ErrorTitle,
    string? CallbackData);

/// <summary>One change of a webhook: what arrived for one of our numbers.</summary>
public sealed record WebhookChange(string PhoneNumberId, IReadOnlyList<InboundMessage> Messages, IReadOnlyList<StatusUpdate> Statuses,
    string RawValue);

public sealed class WebhookFormatException(string message) : Exception(message);

/// <summary>Reads Meta's webhook payload into what the inbox stores; anything that is not one is a format error.</summary>
public static class WebhookParser
{
    /// <summary>The longest WhatsApp id stored (the wamid and media id columns).</summary>
    public const int MaxIdLength = 128;

    public static IReadOnlyList<WebhookChange> Parse(ReadOnlySpan<byte> body)
    {
        // Text that is not UTF-8 would be stored mangled (or not at all): the delivery is not Meta's.
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw new WebhookFormatException("The body is not UTF-8.");
        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<WebhookPayload>(body, WebhookJson.Options);
        }
        catch (JsonException ex)
        {
            throw new WebhookFormatException($"The body is not valid JSON: {ex.Message}");
        }
        if (payload?.Object != "whatsapp_business_account" || payload.Entry is null)
            throw new WebhookFormatException("Not a WhatsApp Business Account webhook (object must be whatsapp_business_account, with entry[]).");

        if (payload.Entry.Any(e => e is null) || payload.Entry.Any(e => e.Changes?.Any(c => c is null) == true))
            throw new WebhookFormatException("An entry or a change is null.");
        var changes = new List<WebhookChange>();
        foreach (var change in payload.Entry.SelectMany(e => e.Changes ?? []))
        {
            if (change.Field != "messages" || change.Value.ValueKind != JsonValueKind.Object) continue;
            WebhookValue? value;
            try
            {
                value = change.Value.Deserialize<WebhookValue>(WebhookJson.Options);
            }
            catch (JsonException ex)
            {
                throw new WebhookFormatException($"A change's value is malformed: {ex.Message}");
            }
            var phoneNumberId = value?.Metadata?.PhoneNumberId;
            if (value is null || string.IsNullOrEmpty(phoneNumberId))
                throw new WebhookFormatException("A messages change has no metadata.phone_number_id.");
            if (phoneNumberId.Length > MaxIdLength / 2) throw new WebhookFormatException("A phone_number_id is too long.");
            if (value.Contacts?.Any(c => c is null) == true || value.Messages?.Any(m => m is null) == true || value.Statuses?.Any(s => s is null) == true)
                throw new WebhookFormatException("A contact, message or status is null.");

            var names = (value.Contacts ?? []).Where(c => c.WaId is not null).GroupBy(c => c.WaId!)
                .ToDictionary(g => g.Key, g => g.First().Profile?.Name);
            var messages = (value.Messages ?? []).Select(m => ToInbound(phoneNumberId, m, names)).ToList();
            var statuses = (value.Statuses ?? []).Select(ToStatus).OfType<StatusUpdate>().ToList();
            changes.Add(new WebhookChange(phoneNumberId, messages, statuses, change.Value.GetRawText()));
        }
        return changes;
    }

    private static InboundMessage ToInbound(string phoneNumberId, WebhookMessage m, IReadOnlyDictionary<string, string?> names)
    {
        if (string.IsNullOrEmpty(m.Id) || string.IsNullOrEmpty(m.From))
            throw new WebhookFormatException("A message has no id or no from.");
        if (m.Id.Length > MaxIdLength) throw new WebhookFormatException("A message id is too long.");
        if (m.From.Length is < 6 or > 20 || !m.From.All(char.IsAsciiDigit))
            throw new WebhookFormatException("A message's from is not a WhatsApp id (6 to 20 digits).");
        var at = Time(m.Timestamp);
        var (type, body, media) = m.Type switch
        {
            "text" => (MessageType.Text, m.Text?.Body ?? "", null),
            "image" => (MessageType.Image, m.Image?.Caption ?? "", m.Image),
            "video" => (MessageType.Video, m.Video?.Caption ?? "", m.Video),
            "audio" => (MessageType.Audio, "", m.Audio),
            "document" => (MessageType.Document, m.Document?.Caption ?? m.Document?.Filename ?? "", m.Document),
            "sticker" => (MessageType.Sticker, "", m.Sticker),
            "location" => (MessageType.Location, Location(m.Location), null),
            "contacts" => (MessageType.Contacts, SharedContacts(m.Contacts), null),
            "interactive" => (MessageType.Interactive, Interactive(m.Interactive), null),
            "button" => (MessageType.Interactive, m.Button?.Text ?? m.Button?.Payload ?? "", null),
            "reaction" => (MessageType.Reaction, string.IsNullOrEmpty(m.Reaction?.Emoji) ? "Removed a reaction" : $"Reacted {m.Reaction.Emoji}", null),
            _ => (MessageType.Unsupported, m.Errors?.FirstOrDefault()?.Title ?? $"A {m.Type ?? "message"} WhatsApp does not pass on", (WebhookMedia?)null),
        };
        if (media?.Id is { Length: > MaxIdLength }) throw new WebhookFormatException("A media id is too long.");
        return new InboundMessage(phoneNumberId, m.From, names.GetValueOrDefault(m.From), m.Id, type,
            Text.Cut(body, Message.MaxBodyLength), at, media?.Id, Cut(media?.MimeType, 100), Cut(media?.Filename, 255));
    }

    private static StatusUpdate? ToStatus(WebhookStatus s)
    {
        if (string.IsNullOrEmpty(s.Id)) throw new WebhookFormatException("A status has no id.");
        if (s.Id.Length > MaxIdLength) throw new WebhookFormatException("A status id is too long.");
        DeliveryStatus? status = s.Status switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null, // "deleted", "warning" and future kinds are not delivery progress
        };
        if (status is null) return null;
        var error = s.Errors?.FirstOrDefault();
        return new StatusUpdate(s.Id, status.Value, Time(s.Timestamp), error?.Code, Cut(error?.Title ?? error?.Message, 200), s.BizOpaqueCallbackData);
    }

    private static DateTimeOffset Time(string? unixSeconds) =>
        long.TryParse(unixSeconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new WebhookFormatException("A timestamp is missing or not a Unix time.");

    private static string Location(WebhookLocation? l) =>
        l is null ? "Location" : string.Join(" ", new[] { "📍", l.Name, l.Address,
            l.Latitude is { } lat && l.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"({lat:0.#####}, {lon:0.#####})") : null }
            .Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string SharedContacts(List<WebhookSharedContact>? contacts) =>
        "Shared contact: " + string.Join("; ", (contacts ?? []).Select(c =>
            $"{c.Name?.FormattedName} {string.Join(", ", (c.Phones ?? []).Select(p => p.Phone))}".Trim()));

    private static string Interactive(WebhookInteractive? i) =>
        i?.ButtonReply?.Title ?? (i?.ListReply is { } list ? $"{list.Title}{(string.IsNullOrEmpty(list.Description) ? "" : " — " + list.Description)}" : "");

    private static string? Cut(string? text, int length) => text is null ? null : Text.Cut(text, length);
}
