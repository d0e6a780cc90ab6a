using System.Text;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Tests.Channels;

/// <summary>Meta's webhook payloads read into what the inbox stores: every message kind, contacts' names and statuses.</summary>
public sealed class WebhookParserTests
{
    private static InboundMessage SingleMessage(string fixture)
    {
        var change = Assert.Single(WebhookParser.Parse(MetaFixtures.Bytes(fixture)));
        Assert.Equal(MetaFixtures.PhoneNumberId, change.PhoneNumberId);
        Assert.Empty(change.Statuses);
        return Assert.Single(change.Messages);
    }

    [Fact]
    public void ATextMessageCarriesItsSenderProfileNameWamidAndTime()
    {
        var message = SingleMessage("text");

        Assert.Equal(MessageType.Text, message.Type);
        Assert.Equal("Assalam o alaikum, mera order ZF-48213 kab aayega?", message.Body);
        Assert.Equal(MetaFixtures.CustomerWaId, message.WaId);
        Assert.Equal("Sheena Nelson", message.ProfileName);
        Assert.StartsWith("wamid.HBgL", message.WaMessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764057600), message.SentAt);
        Assert.Null(message.MediaId);
    }

    [Theory]
    [InlineData("image", MessageType.Image, "Box was crushed like this", "1003383421387256", "image/jpeg", null)]
    [InlineData("document", MessageType.Document, "Invoice for GB-77102", "1284871712737426", "application/pdf", "invoice-GB-77102.pdf")]
    [InlineData("audio", MessageType.Audio, "", "2190213134861456", "audio/ogg; codecs=opus", null)]
    [InlineData("video", MessageType.Video, "Unboxing: the screen flickers", "1199934425058722", "video/mp4", null)]
    [InlineData("sticker", MessageType.Sticker, "", "1227829768162607", "image/webp", null)]
    public void MediaMessagesKeepTheirTypeCaptionMediaIdAndFileName(string fixture, MessageType type, string caption, string mediaId,
        string mimeType, string? fileName)
    {
        var message = SingleMessage(fixture);

        Assert.Equal((type, caption, mediaId, mimeType, fileName), (message.Type, message.Body, message.MediaId, message.MimeType, message.FileName));
    }

    [Theory]
    [InlineData("location", MessageType.Location, "📍 Liberty Chowk Liberty Market, Gulberg III, Lahore (31.5106, 74.3446)")]
    [InlineData("contacts", MessageType.Contacts, "Shared contact: Bilal Ahmed +92 300 7654321")]
    [InlineData("button_reply", MessageType.Interactive, "Confirm COD")]
    [InlineData("list_reply", MessageType.Interactive, "Express delivery — Next day in Lahore")]
    [InlineData("quick_reply_button", MessageType.Interactive, "YES")]
    [InlineData("reaction", MessageType.Reaction, "Reacted 👍")]
    [InlineData("unsupported", MessageType.Unsupported, "Message type unknown")]
    public void OtherKindsAreStoredWithTheirTypeAndAReadableText(string fixture, MessageType type, string body)
    {
        var message = SingleMessage(fixture);

        Assert.Equal((type, body), (message.Type, message.Body));
    }

    [Fact]
    public void StatusesCarryTheirWamidKindTimeAndMetasError()
    {
        var change = Assert.Single(WebhookParser.Parse(MetaFixtures.Bytes("statuses_read_then_delivered")));
        Assert.Equal([DeliveryStatus.Read, DeliveryStatus.Delivered], change.Statuses.Select(s => s.Status));
        Assert.Empty(change.Messages);

        var failed = Assert.Single(Assert.Single(WebhookParser.Parse(MetaFixtures.Bytes("status_failed"))).Statuses);
        Assert.Equal((DeliveryStatus.Failed, 131047, "Re-engagement message"), (failed.Status, failed.ErrorCode, failed.ErrorTitle));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764057700), failed.At);
    }

    [Fact]
    public void EveryChangeOfADeliveryIsReadWithItsOwnNumber()
    {
        var changes = WebhookParser.Parse(MetaFixtures.Bytes("two_numbers"));

        Assert.Equal([MetaFixtures.PhoneNumberId, "999999999999999"], changes.Select(c => c.PhoneNumberId));
        Assert.Equal("Stranger", Assert.Single(changes[1].Messages).ProfileName);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"from":"92300","type":"text","timestamp":"1764057600"}]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"from":"92300","id":"wamid.x","type":"text","timestamp":"yesterday"}]}}]}]}""")]
    public void AnythingThatIsNotAWhatsAppPayloadIsAFormatError(string body)
    {
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>A delivery of one change whose value holds <paramref name="messages"/> (JSON) for phone number id 1.</summary>
    private static byte[] Delivery(string messages, string extra = "") => Encoding.UTF8.GetBytes(
        $$$"""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"}{{{extra}}},"messages":{{{messages}}}}}]}]}""");

    private static string Text(string body, string from = "923001234567", string id = "wamid.x", string timestamp = "1764057600") =>
        $$$"""{"from":"{{{from}}}","id":"{{{id}}}","timestamp":"{{{timestamp}}}","type":"text","text":{"body":"{{{body}}}"}}""";

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account","entry":[null]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[null]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[null]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"statuses":[null]}}]}]}""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"contacts":[null]}}]}]}""")]
    public void ANullEntryChangeMessageStatusOrContactIsAFormatError(string body)
    {
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("abc123456")]
    [InlineData("+923001234567")]
    [InlineData("12345")]
    [InlineData("123456789012345678901")]
    public void AFromThatIsNotAWhatsAppIdIsAFormatError(string from)
    {
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Delivery($"[{Text("hi", from: from)}]")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("99999999999999")] // after the year 9999
    [InlineData("1e9")]
    public void ATimestampThatIsNoUnixTimeIsAFormatError(string timestamp)
    {
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Delivery($"[{Text("hi", timestamp: timestamp)}]")));
    }

    [Fact]
    public void IdsLongerThanTheirColumnsAreAFormatError()
    {
        var longId = new string('1', WebhookParser.MaxIdLength + 1);

        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Delivery($"[{Text("hi", id: "wamid." + longId)}]")));
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Delivery(
            $$$"""[{"from":"923001234567","id":"wamid.x","timestamp":"1764057600","type":"image","image":{"id":"{{{longId}}}"}}]""")));
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Delivery("[]", $$$""","statuses":[{"id":"{{{longId}}}","status":"read","timestamp":"1764057600"}]""")));
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Delivery("[]"))
            .Replace("\"phone_number_id\":\"1\"", $"\"phone_number_id\":\"{longId}\"", StringComparison.Ordinal))));
    }

    [Fact]
    public void ABodyThatIsNotUtf8IsAFormatError()
    {
        byte[] body = [.. Delivery($"[{Text("kab@")}]")];
        body[Array.IndexOf(body, (byte)'@')] = 0xFF;

        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(body));
    }

    [Fact]
    public void LongTextIsCutAtTheMessageLimitWithoutSplittingAnEmojiAndLongMediaNamesAreCut()
    {
        var emoji = string.Concat(Enumerable.Repeat("😡", 3000));
        var message = Assert.Single(Assert.Single(WebhookParser.Parse(Delivery($"[{Text("a" + emoji)}]"))).Messages);
        Assert.Equal(Message.MaxBodyLength - 1, message.Body.Length);
        Assert.False(char.IsHighSurrogate(message.Body[^1]));

        var media = Assert.Single(Assert.Single(WebhookParser.Parse(Delivery(
            $$$"""[{"from":"923001234567","id":"wamid.x","timestamp":"1764057600","type":"document","document":{"id":"1","mime_type":"{{{new string('m', 500)}}}","filename":"{{{new string('f', 1000)}}}.pdf"}}]"""))).Messages);
        Assert.Equal((100, 255), (media.MimeType!.Length, media.FileName!.Length));
    }

    [Fact]
    public void ChangesOfOtherFieldsAreIgnored()
    {
        var body = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}""";

        Assert.Empty(WebhookParser.Parse(Encoding.UTF8.GetBytes(body)));
    }
}

/// <summary>X-Hub-Signature-256: HMAC-SHA256 of the raw body with the app secret, compared in constant time.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "app-secret-for-tests";

    [Fact]
    public void TheSignatureOfTheExactBodyIsAccepted()
    {
        var body = MetaFixtures.Bytes("text");
        var header = WebhookSignature.Sign(body, Secret);

        Assert.StartsWith("sha256=", header);
        Assert.Equal(7 + 64, header.Length);
        Assert.True(WebhookSignature.IsValid(body, header, Secret));
    }

    [Fact]
    public void AKnownVectorMatchesHmacSha256InLowercaseHex()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the RFC 4231-style reference value.
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            WebhookSignature.Sign("The quick brown fox jumps over the lazy dog"u8, "key"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=zz")]
    public void AMissingOrMalformedHeaderIsRefused(string? header)
    {
        Assert.False(WebhookSignature.IsValid(MetaFixtures.Bytes("text"), header, Secret));
    }

    [Fact]
    public void AnotherSecretOrOneChangedByteIsRefused()
    {
        var body = MetaFixtures.Bytes("text");
        var header = WebhookSignature.Sign(body, Secret);

        Assert.False(WebhookSignature.IsValid(body, WebhookSignature.Sign(body, "another-secret"), Secret));
        body[^3] ^= 1;
        Assert.False(WebhookSignature.IsValid(body, header, Secret));
    }

    [Fact]
    public void WithoutAConfiguredSecretNothingIsAccepted()
    {
        var body = MetaFixtures.Bytes("text");

        Assert.False(WebhookSignature.IsValid(body, WebhookSignature.Sign(body, ""), ""));
    }
}
