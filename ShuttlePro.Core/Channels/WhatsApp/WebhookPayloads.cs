using System.Globalization;
using System.Text.Json.Nodes;

namespace ShuttlePro.Core.Channels.WhatsApp;

/// <summary>Meta-shaped webhook bodies, for the simulator and the Graph API stand-in (which go through the real pipeline).</summary>
public static class WebhookPayloads
{
    public static string InboundText(string phoneNumberId, string displayPhoneNumber, string waId, string? profileName, string wamid,
        string text, DateTimeOffset at) =>
        Envelope(phoneNumberId, displayPhoneNumber, value =>
        {
            value["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = profileName }, ["wa_id"] = waId });
            value["messages"] = new JsonArray(new JsonObject
            {
                ["from"] = waId,
                ["id"] = wamid,
                ["timestamp"] = Unix(at),
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = text },
            });
        });

    public static string Status(string phoneNumberId, string displayPhoneNumber, string wamid, string status, string recipientWaId,
        DateTimeOffset at, string? callbackData = null, int? errorCode = null, string? errorTitle = null) =>
        Envelope(phoneNumberId, displayPhoneNumber, value =>
        {
            var entry = new JsonObject
            {
                ["id"] = wamid,
                ["status"] = status,
                ["timestamp"] = Unix(at),
                ["recipient_id"] = recipientWaId,
            };
            if (callbackData is not null) entry["biz_opaque_callback_data"] = callbackData;
            if (errorCode is not null) entry["errors"] = new JsonArray(new JsonObject { ["code"] = errorCode, ["title"] = errorTitle });
            value["statuses"] = new JsonArray(entry);
        });

    private static string Envelope(string phoneNumberId, string displayPhoneNumber, Action<JsonObject> fill)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = displayPhoneNumber, ["phone_number_id"] = phoneNumberId },
        };
        fill(value);
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "0",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        }.ToJsonString();
    }

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
