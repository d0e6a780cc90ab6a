using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Tests.Support;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// Thousands of hostile webhook deliveries, generated from a seed (printed on failure; <c>SHUTTLE_FUZZ_SEED</c> replays
/// it): Meta-shaped deliveries (texts, images, locations, reactions, statuses, several messages, two numbers) mutated —
/// fields dropped, types swapped, nulls, 100,000–500,000-character strings, 10,000-deep nesting, invalid UTF-8, truncation, other
/// content types, bodies over 3 MB, unknown numbers, repeated message ids, bad signatures. Whether each is valid is
/// decided when it is built: valid ones get 200, the others their 4xx (never a 5xx), and afterwards every valid
/// message is stored exactly once, nothing of a refused delivery is, nothing is half-written, the audit chain verifies
/// and the app still serves.
/// </summary>
public sealed class HostileWebhookTests : IAsyncLifetime
{
    private const string AppSecret = "hostile-webhook-app-secret";
    private const int Cases = 1_500;
    private const int MaxBytes = 3 * 1024 * 1024;
    private static readonly string[] Numbers = ["100000000000001", "100000000000002"];

    private readonly int _seed = HostileInput.Seed();
    private ShuttleAppFactory _app = null!;

    private string WamidPrefix => $"wamid.fuzz{_seed}.";

    public Task InitializeAsync()
    {
        _app = ShuttleAppFactory.WithSettings(new Dictionary<string, string>
        {
            ["WhatsApp:AppSecret"] = AppSecret,
            ["RateLimits:WebhookPerSecond"] = "1000000",
        });
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>What is sent, and what must come of it: the status, and the wamids stored by it (repeats included).</summary>
    private sealed record Delivery(int Index, string Mutation, byte[] Body, int Expected, IReadOnlyList<string> Stored, string? Signature,
        string? ContentType = "application/json", bool Chunked = false);

    [Fact]
    public async Task ThousandsOfHostileDeliveriesGetAClear4xxAndTheValidOnesAreStoredExactlyOnce()
    {
        using var client = _app.CreateClient();
        var failures = new ConcurrentQueue<string>();
        var stored = new ConcurrentBag<string>();
        var mutations = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (index, _) =>
        {
            var delivery = Generate(index);
            mutations.AddOrUpdate(delivery.Mutation, 1, (_, n) => n + 1);
            var problem = await CheckAsync(client, delivery);
            if (problem is not null) failures.Enqueue($"case {index} ({delivery.Mutation}, {delivery.Body.Length} bytes): {problem}");
            else if (delivery.Expected == 200) foreach (var wamid in delivery.Stored) stored.Add(wamid);
        });

        Assert.True(failures.IsEmpty, $"Seed {_seed} ({HostileInput.SeedVariable} replays it): {failures.Count} of {Cases} deliveries were answered wrongly:\n"
                                      + string.Join("\n", failures.Take(30)));
        Assert.True(mutations.Count == Mutations.Length, $"Only {mutations.Count} of {Mutations.Length} kinds of mutation ran: {string.Join(", ", mutations.Keys)}");

        // Every valid message exactly once; nothing from the refused deliveries.
        await using var db = await _app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var inDatabase = await db.Messages.AsNoTracking().Where(m => m.WaMessageId!.StartsWith(WamidPrefix))
            .GroupBy(m => m.WaMessageId!).Select(g => new { Wamid = g.Key, Count = g.Count() }).ToListAsync();
        var expected = stored.ToHashSet();
        Assert.True(expected.Count > Cases / 2, $"Seed {_seed}: only {expected.Count} valid messages were sent");
        Assert.Empty(inDatabase.Where(m => m.Count != 1).Select(m => $"{m.Wamid} ×{m.Count}"));
        Assert.Empty(inDatabase.Select(m => m.Wamid).Where(w => !expected.Contains(w)).Select(w => w.Length > 80 ? w[..80] + "…" : w));
        Assert.Empty(expected.Except(inDatabase.Select(m => m.Wamid)));

        // What was stored fits the columns SQL Server enforces (SQLite does not), and no character was cut in half.
        var rows = await db.Messages.AsNoTracking().Where(m => m.WaMessageId!.StartsWith(WamidPrefix))
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new
            {
                m.Body, m.MediaId, m.MimeType, m.FileName, c.LastMessagePreview, Contact = c.Contact.Name,
            }).ToListAsync();
        Assert.All(rows, r =>
        {
            Assert.InRange(r.Body.Length, 0, ShuttlePro.Core.Conversations.Message.MaxBodyLength);
            Assert.InRange(r.MediaId?.Length ?? 0, 0, 128);
            Assert.InRange(r.MimeType?.Length ?? 0, 0, 100);
            Assert.InRange(r.FileName?.Length ?? 0, 0, 255);
            Assert.InRange(r.Contact.Length, 1, Contact.MaxNameLength);
            foreach (var text in new[] { r.Body, r.LastMessagePreview, r.Contact }) Assert.DoesNotContain('\uFFFD', text);
        });

        // Nothing half-written: each stored message has its received event; no conversation without a message, no contact without a conversation.
        var receivedEvents = await db.AuditEvents.AsNoTracking()
            .CountAsync(a => a.Action == AuditActions.MessageReceived && a.After!.Contains(WamidPrefix));
        Assert.Equal(expected.Count, receivedEvents);
        Assert.Equal(0, await db.Conversations.CountAsync(c => !db.Messages.Any(m => m.ConversationId == c.Id)));
        Assert.Equal(0, await db.Contacts.CountAsync(contact => !db.Conversations.Any(c => c.ContactId == contact.Id)));
        Assert.True((await _app.Get<AuditVerifier>().VerifyAsync()).Ok, "The audit chain does not verify after the fuzz");

        // Still serving: health, a fresh valid delivery, and every conversation the fuzz touched reads back through the API.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var after = Base(Cases + 1, out var afterWamids);
        Assert.Null(await CheckAsync(client, Valid("after", Cases + 1, after, afterWamids)));
        Assert.Equal(afterWamids.Count, await db.Messages.CountAsync(m => afterWamids.Contains(m.WaMessageId!)));
        using var supervisor = await _app.ClientForAsync("imran@shuttlepro.test");
        var conversations = await OkAsync(await supervisor.GetAsync("/api/v1/conversations?view=all&limit=500"));
        var touched = conversations.EnumerateArray().Where(c => c.GetProperty("contact").GetProperty("phone").GetString()!.Contains("92399")).ToList();
        Assert.NotEmpty(touched);
        foreach (var conversation in touched)
            await OkAsync(await supervisor.GetAsync($"/api/v1/conversations/{conversation.GetProperty("id").GetString()}"));
    }

    /// <summary>Sends one delivery; null when the answer is what it must be, otherwise what was wrong.</summary>
    private static async Task<string?> CheckAsync(HttpClient client, Delivery delivery)
    {
        using HttpContent content = delivery.Chunked ? new StreamContent(new MemoryStream(delivery.Body)) : new ByteArrayContent(delivery.Body);
        if (delivery.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(delivery.ContentType);
        if (delivery.Signature is not null) content.Headers.TryAddWithoutValidation(WebhookSignature.Header, delivery.Signature);
        using var response = await client.PostAsync("/webhooks/whatsapp", content);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (status != delivery.Expected) return $"expected {delivery.Expected}, got {status}: {shown}";
        if (status is 400 or 401 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} without a problem body: {shown}";
        if (status != 200) return null;
        var answer = JsonDocument.Parse(text).RootElement;
        var received = answer.GetProperty("messages").GetInt32() + answer.GetProperty("duplicates").GetInt32();
        return received == delivery.Stored.Count ? null : $"answered {shown} for {delivery.Stored.Count} messages";
    }

    // ---- Generation: a valid Meta delivery per case, then one mutation, each decided from the case's own seed. ----

    private Delivery Generate(int index)
    {
        var root = Base(index, out var wamids);
        var rng = HostileInput.For(_seed, index, stream: 1);
        var total = Mutations.Sum(m => m.Weight);
        var pick = rng.Next(total);
        foreach (var (weight, apply) in Mutations)
        {
            if ((pick -= weight) < 0) return apply(this, rng, index, root, wamids);
        }
        throw new InvalidOperationException("No mutation picked.");
    }

    /// <summary>
    /// A valid delivery: one or two entries; the first change has 1–4 messages (text, image, location, reaction) from one
    /// of 40 customers and 0–2 statuses for messages we never sent; sometimes a second entry for the other number.
    /// </summary>
    private JsonObject Base(int index, out List<string> wamids)
    {
        var rng = HostileInput.For(_seed, index);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        wamids = [];
        var list = wamids;
        JsonObject Change(string number, int messages, int statuses)
        {
            var from = "92399" + (rng.Next(40) + index % 3).ToString("D7", CultureInfo.InvariantCulture);
            var value = new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["metadata"] = new JsonObject { ["display_phone_number"] = "+92 300 1112233", ["phone_number_id"] = number },
                ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = $"Fuzz Customer {from[^3..]}" }, ["wa_id"] = from }),
                ["messages"] = new JsonArray(),
            };
            for (var k = 0; k < messages; k++)
            {
                var wamid = $"{WamidPrefix}{index}.{list.Count}";
                list.Add(wamid);
                value["messages"]!.AsArray().Add(Message(rng, from, wamid, (now - rng.Next(3600)).ToString(CultureInfo.InvariantCulture)));
            }
            if (statuses > 0)
                value["statuses"] = new JsonArray(Enumerable.Range(0, statuses).Select(k => (JsonNode)Status(rng, $"wamid.fuzzstatus{_seed}.{index}.{k}", from, now)).ToArray());
            return new JsonObject { ["field"] = "messages", ["value"] = value };
        }

        var first = Numbers[rng.Next(2)];
        var entries = new JsonArray(new JsonObject { ["id"] = "102290129340398", ["changes"] = new JsonArray(Change(first, rng.Next(1, 5), rng.Next(3))) });
        if (rng.Next(5) == 0)
            entries.Add(new JsonObject { ["id"] = "102290129340399", ["changes"] = new JsonArray(Change(Numbers.First(n => n != first), 1, 0)) });
        return new JsonObject { ["object"] = "whatsapp_business_account", ["entry"] = entries };
    }

    private static JsonObject Message(Random rng, string from, string wamid, string timestamp)
    {
        var message = new JsonObject { ["from"] = from, ["id"] = wamid, ["timestamp"] = timestamp };
        switch (rng.Next(5))
        {
            case 0 or 1:
                message["type"] = "text";
                message["text"] = new JsonObject { ["body"] = $"Order ZF-{rng.Next(40000, 50000)} kab aayega? Aaj {rng.Next(1, 30)} din ho gaye" };
                break;
            case 2:
                message["type"] = "image";
                message["image"] = new JsonObject
                {
                    ["caption"] = "Box was crushed like this", ["mime_type"] = "image/jpeg", ["sha256"] = "ZmFrZQ==",
                    ["id"] = rng.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture),
                };
                break;
            case 3:
                message["type"] = "location";
                message["location"] = new JsonObject { ["latitude"] = 31.5204, ["longitude"] = 74.3587, ["name"] = "Liberty Market", ["address"] = "Gulberg III, Lahore" };
                break;
            default:
                message["type"] = "reaction";
                message["reaction"] = new JsonObject { ["message_id"] = "wamid.earlier", ["emoji"] = "👍" };
                break;
        }
        return message;
    }

    private static JsonObject Status(Random rng, string wamid, string recipient, long now)
    {
        var kind = new[] { "sent", "delivered", "read", "failed" }[rng.Next(4)];
        var status = new JsonObject { ["id"] = wamid, ["status"] = kind, ["timestamp"] = now.ToString(CultureInfo.InvariantCulture), ["recipient_id"] = recipient };
        if (kind == "failed") status["errors"] = new JsonArray(new JsonObject { ["code"] = 131026, ["title"] = "Message undeliverable" });
        return status;
    }

    /// <summary>Serialized as Meta may send it: text as UTF-8, not \u escapes (which would make 1 MB of Arabic 6 MB).</summary>
    private static byte[] Bytes(JsonNode root) => Encoding.UTF8.GetBytes(root.ToJsonString(Utf8Json));

    private static readonly JsonSerializerOptions Utf8Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Sign(byte[] body) => WebhookSignature.Sign(body, AppSecret);

    private static JsonObject FirstValue(JsonObject root) => root["entry"]![0]!["changes"]![0]!["value"]!.AsObject();

    private static JsonArray FirstMessages(JsonObject root) => FirstValue(root)["messages"]!.AsArray();

    private static JsonObject AnyMessage(Random rng, JsonObject root) => FirstMessages(root)[rng.Next(FirstMessages(root).Count)]!.AsObject();

    /// <summary>The wamids of the first change (the one mutations aim at), and of the second entry.</summary>
    private static (List<string> First, List<string> Other) Split(JsonObject root, List<string> wamids)
    {
        var first = FirstMessages(root).Select(m => m!["id"]!.GetValue<string>()).Where(wamids.Contains).ToList();
        return (first, wamids.Except(first).ToList());
    }

    private static Delivery Valid(string mutation, int index, JsonObject root, IReadOnlyList<string> stored, string? contentType = "application/json")
    {
        var body = Bytes(root);
        // A valid delivery grown past the limit by its mutation (several huge fields) is refused as too large.
        return body.Length > MaxBytes
            ? new Delivery(index, mutation, body, 413, [], Sign(body), contentType)
            : new Delivery(index, mutation, body, 200, stored, Sign(body), contentType);
    }

    private static Delivery Refused(string mutation, int index, byte[] body, int status = 400) =>
        new(index, mutation, body, status, [], Sign(body));

    private static Delivery Refused(string mutation, int index, JsonObject root) => Refused(mutation, index, Bytes(root));

    /// <summary>The body with <paramref name="placeholder"/> (a JSON string) replaced by raw text or bytes.</summary>
    private static byte[] WithRaw(JsonObject root, string placeholder, byte[] raw) => HostileInput.Splice(Bytes(root), $"\"{placeholder}\"", raw);

    private const string Placeholder = HostileInput.Placeholder;

    private delegate Delivery Mutation(HostileWebhookTests test, Random rng, int index, JsonObject root, List<string> wamids);

    private static readonly (int Weight, Mutation Apply)[] Mutations =
    [
        // ---- still valid: 200, and what is stored ----
        (10, (_, _, i, root, w) => Valid("valid", i, root, w)),
        (4, (test, rng, i, _, _) =>
        {
            var earlier = rng.Next(i + 1);
            var original = test.Base(earlier, out var wamids);
            return Valid("resend-earlier", i, original, wamids);
        }),
        (3, (_, rng, i, root, w) =>
        {
            var copy = AnyMessage(rng, root).DeepClone();
            FirstMessages(root).Add(copy);
            return Valid("same-wamid-twice", i, root, [.. w, copy["id"]!.GetValue<string>()]);
        }),
        (3, (_, rng, i, root, w) =>
        {
            FirstValue(root)["metadata"]!["phone_number_id"] = "55" + rng.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture);
            return Valid("unknown-number", i, root, Split(root, w).Other);
        }),
        (2, (_, _, i, root, w) =>
        {
            FirstValue(root).Remove("contacts");
            return Valid("no-contacts", i, root, w);
        }),
        (3, (_, rng, i, root, w) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = HostileInput.Huge(rng, rng.Next(2) == 0 ? 'x' : 'ب') };
            return Valid("huge-text", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            // Emoji are two UTF-16 units: cut at 4,096 characters, one must not be split in half.
            var message = AnyMessage(rng, root);
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = new string('a', rng.Next(2)) + string.Concat(Enumerable.Repeat("😡", 3000)) };
            return Valid("long-emoji-text", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            FirstValue(root)["contacts"]![0]!["profile"]!["name"] = HostileInput.Huge(rng);
            return Valid("huge-profile-name", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            AnyMessage(rng, root)["x_unknown"] = HostileInput.Huge(rng);
            return Valid("huge-unknown-field", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "image";
            message["image"] = new JsonObject { ["id"] = "1003383421387256", ["caption"] = HostileInput.Huge(rng), ["mime_type"] = new string('m', 5_000) };
            return Valid("huge-caption-and-mime", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            AnyMessage(rng, root).Remove("type");
            return Valid("no-type", i, root, w);
        }),
        (1, (_, rng, i, root, w) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "text";
            message["text"] = null;
            return Valid("null-text", i, root, w);
        }),
        (1, (_, _, i, root, w) =>
        {
            var other = Split(root, w).Other;
            FirstValue(root)["messages"] = null;
            return Valid("null-messages", i, root, other);
        }),
        (2, (_, rng, i, root, w) =>
        {
            var other = Split(root, w).Other;
            root["entry"]![0]!["changes"]![0]!["value"] = rng.Next(4) switch { 0 => new JsonArray(), 1 => "x", 2 => null, _ => 5 };
            return Valid("value-not-an-object", i, root, other);
        }),
        (1, (_, _, i, root, w) =>
        {
            root["entry"]![0]!["changes"]![0]!["field"] = "account_update";
            return Valid("other-field", i, root, Split(root, w).Other);
        }),
        (3, (_, rng, i, root, w) =>
            Valid("content-type", i, root, w, new[] { "text/plain", "application/x-www-form-urlencoded", null, "application/octet-stream" }[rng.Next(4)])),
        (1, (_, rng, i, root, w) =>
        {
            FirstValue(root)["statuses"] = new JsonArray(new JsonObject { ["id"] = "wamid.deleted", ["status"] = "deleted", ["timestamp"] = "1764057600" },
                new JsonObject { ["id"] = "wamid.nostatus", ["timestamp"] = "1764057600" });
            return Valid("status-kinds-ignored", i, root, w);
        }),
        (1, (_, rng, i, root, w) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "location";
            message["location"] = new JsonObject { ["latitude"] = "31.5204", ["longitude"] = "74.3587" };
            return Valid("numbers-as-strings", i, root, w);
        }),
        (1, (_, _, i, root, w) =>
        {
            root["entry"]!.AsArray().Add(new JsonObject { ["id"] = "1", ["changes"] = new JsonArray() });
            root["entry"]!.AsArray().Add(new JsonObject { ["id"] = "2" });
            return Valid("empty-entries", i, root, w);
        }),
        (2, (_, rng, i, root, w) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = "آرڈر کب آئے گا؟ \u202Eevil\u202C \u200B zero\u0000width <script>alert(1)</script> 🇵🇰" };
            return Valid("unicode-and-control-characters", i, root, w);
        }),
        (1, (_, _, i, root, w) =>
        {
            var body = Bytes(root);
            var padded = new byte[MaxBytes - 10];
            Array.Fill(padded, (byte)' ');
            body.CopyTo(padded, 0);
            return new Delivery(i, "just-under-the-limit", padded, 200, w, Sign(padded));
        }),

        // ---- not a WhatsApp payload: 400, nothing stored ----
        (2, (_, rng, i, root, _) =>
        {
            if (rng.Next(5) == 0) root.Remove("object");
            else root["object"] = rng.Next(4) switch { 0 => 123, 1 => "page", 2 => null, _ => true };
            return Refused("object-wrong", i, root);
        }),
        (2, (_, rng, i, root, _) =>
        {
            if (rng.Next(5) == 0) root.Remove("entry");
            else root["entry"] = rng.Next(4) switch { 0 => null, 1 => new JsonObject(), 2 => "entries", _ => 7 };
            return Refused("entry-wrong", i, root);
        }),
        (4, (_, rng, i, root, _) =>
        {
            var value = FirstValue(root);
            switch (rng.Next(5))
            {
                case 0: root["entry"]!.AsArray().Add(null); break;
                case 1: root["entry"]![0]!["changes"]!.AsArray().Add(null); break;
                case 2: FirstMessages(root).Insert(rng.Next(FirstMessages(root).Count + 1), null); break;
                case 3: value["statuses"] = new JsonArray((JsonNode?)null); break;
                default: value["contacts"]!.AsArray().Add(null); break;
            }
            return Refused("null-element", i, root);
        }),
        (5, (_, rng, i, root, _) =>
        {
            var value = FirstValue(root);
            switch (rng.Next(6))
            {
                case 0: AnyMessage(rng, root).Remove("id"); break;
                case 1: AnyMessage(rng, root).Remove("from"); break;
                case 2: AnyMessage(rng, root).Remove("timestamp"); break;
                case 3: value["metadata"]!.AsObject().Remove("phone_number_id"); break;
                case 4: value.Remove("metadata"); break;
                default: value["statuses"] = new JsonArray(new JsonObject { ["status"] = "read", ["timestamp"] = "1764057600" }); break;
            }
            return Refused("required-field-missing", i, root);
        }),
        (6, (_, rng, i, root, _) =>
        {
            var value = FirstValue(root);
            var message = AnyMessage(rng, root);
            switch (rng.Next(12))
            {
                case 0: message["id"] = 12345; break;
                case 1: message["timestamp"] = 1764057600; break;
                case 2: message["type"] = "text"; message["text"] = "just a string"; break;
                case 3: value["messages"] = new JsonObject(); break;
                case 4: value["metadata"] = "x"; break;
                case 5: message["from"] = 923001234567; break;
                case 6: value["contacts"] = "x"; break;
                case 7: value["statuses"] = 5; break;
                case 8: message["type"] = "image"; message["image"] = new JsonArray(); break;
                case 9: message["type"] = "location"; message["location"] = new JsonObject { ["latitude"] = "north" }; break;
                case 10: value["contacts"]![0]!["profile"] = new JsonArray(); break;
                default: message["id"] = new JsonObject { ["nested"] = true }; break;
            }
            return Refused("wrong-type", i, root);
        }),
        (3, (_, rng, i, root, _) =>
        {
            AnyMessage(rng, root)["timestamp"] = new[] { "abc", "", "-1", "0", "99999999999999", "1e9", "17640576000000000000000", "2026-11-25T10:00:00Z" }[rng.Next(8)];
            return Refused("bad-timestamp", i, root);
        }),
        (3, (_, rng, i, root, _) =>
        {
            AnyMessage(rng, root)["from"] = rng.Next(6) switch
            {
                0 => "abc", 1 => "12345", 2 => "", 3 => new string('9', 21), 4 => "+", _ => HostileInput.Huge(rng, '9'),
            };
            return Refused("from-not-a-phone-number", i, root);
        }),
        (4, (test, rng, i, root, _) =>
        {
            var value = FirstValue(root);
            switch (rng.Next(4))
            {
                case 0: AnyMessage(rng, root)["id"] = test.WamidPrefix + HostileInput.Huge(rng); break;
                case 1:
                    var message = AnyMessage(rng, root);
                    message["type"] = "image";
                    message["image"] = new JsonObject { ["id"] = HostileInput.Huge(rng, '1'), ["mime_type"] = "image/jpeg" };
                    break;
                case 2: value["metadata"]!["phone_number_id"] = HostileInput.Huge(rng, '1'); break;
                default: value["statuses"] = new JsonArray(new JsonObject { ["id"] = HostileInput.Huge(rng), ["status"] = "read", ["timestamp"] = "1764057600" }); break;
            }
            return Refused("huge-identifier", i, root);
        }),
        (3, (_, rng, i, root, _) =>
        {
            if (rng.Next(3) == 0) return Refused("deep-nesting", i, Encoding.UTF8.GetBytes(HostileInput.Nesting(rng)));
            AnyMessage(rng, root)["x_deep"] = Placeholder;
            return Refused("deep-nesting", i, WithRaw(root, Placeholder, Encoding.UTF8.GetBytes(HostileInput.Nesting(rng))));
        }),
        (4, (_, rng, i, root, _) =>
        {
            var message = AnyMessage(rng, root);
            var bad = HostileInput.InvalidUtf8(rng);
            switch (rng.Next(3))
            {
                case 0: message["type"] = "text"; message["text"] = new JsonObject { ["body"] = "kab" + Placeholder + "aayega" }; break;
                case 1: FirstValue(root)["contacts"]![0]!["profile"]!["name"] = Placeholder; break;
                default: message[Placeholder] = 1; break;
            }
            return Refused("invalid-utf8", i, HostileInput.Splice(Bytes(root), Placeholder, bad));
        }),
        (2, (_, rng, i, root, _) =>
        {
            var message = AnyMessage(rng, root);
            message["type"] = "text";
            message["text"] = new JsonObject { ["body"] = "kab" + Placeholder };
            return Refused("lone-surrogate", i, HostileInput.Splice(Bytes(root), Placeholder, Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? "\\ud800" : "\\udc00x")));
        }),
        (4, (_, rng, i, root, _) => Refused("truncated", i, HostileInput.Truncate(rng, Bytes(root)))),
        (2, (_, rng, i, root, _) => Refused("trailing-garbage", i, [.. Bytes(root), .. rng.Next(3) switch
        {
            0 => "}"u8.ToArray(), 1 => "x"u8.ToArray(), _ => Bytes(root),
        }])),
        (3, (_, rng, i, _, _) =>
        {
            var junk = new byte[rng.Next(0, 2_000)];
            rng.NextBytes(junk);
            return Refused("not-json", i, rng.Next(4) switch
            {
                0 => junk, 1 => [], 2 => "<xml>hello</xml>"u8.ToArray(), _ => "object=whatsapp_business_account&entry=1"u8.ToArray(),
            });
        }),
        (2, (_, rng, i, _, _) => Refused("not-an-object", i, Encoding.UTF8.GetBytes(new[] { "[]", "null", "\"whatsapp\"", "42", "[{\"object\":\"whatsapp_business_account\"}]" }[rng.Next(5)]))),
        (5, (_, rng, i, root, _) =>
        {
            // Several good messages and one bad one: the delivery is refused whole, none of its messages stored.
            var messages = FirstMessages(root);
            messages.Add(messages[0]!.DeepClone());
            messages[^1]!["id"] = messages[0]!["id"]!.GetValue<string>() + ".extra";
            var bad = messages[rng.Next(messages.Count)]!.AsObject();
            switch (rng.Next(4))
            {
                case 0: bad["from"] = "not-a-number"; break;
                case 1: bad["timestamp"] = "yesterday"; break;
                case 2: bad.Remove("id"); break;
                default: bad["timestamp"] = "99999999999999"; break;
            }
            return Refused("one-bad-message-among-good-ones", i, root);
        }),

        // ---- not from Meta: 401, nothing stored ----
        (2, (_, _, i, root, _) => Refused("unsigned", i, Bytes(root)) with { Expected = 401, Signature = null }),
        (2, (_, _, i, root, _) =>
        {
            var body = Bytes(root);
            return new Delivery(i, "wrong-secret", body, 401, [], WebhookSignature.Sign(body, "not-the-app-secret"));
        }),
        (2, (_, rng, i, root, _) =>
        {
            var body = Bytes(root);
            var hex = Sign(body)["sha256=".Length..];
            var signature = rng.Next(7) switch
            {
                0 => "sha256=", 1 => "sha256=" + new string('z', 64), 2 => "sha1=" + hex[..40], 3 => hex, 4 => "sha256=" + hex[..63],
                5 => "sha256=" + hex + "00", _ => "sha256 " + hex,
            };
            return new Delivery(i, "malformed-signature", body, 401, [], signature);
        }),
        (2, (test, rng, i, root, _) =>
        {
            var other = Bytes(test.Base(rng.Next(i + 1), out _));
            var body = Bytes(root);
            // Signed as another delivery, or signed and then changed on the way.
            var signature = rng.Next(2) == 0 ? Sign(other) : Sign(body);
            if (signature == Sign(body)) body[rng.Next(body.Length)] ^= 0x01;
            return new Delivery(i, "signature-does-not-match", body, 401, [], signature);
        }),

        // ---- too large: 413, nothing stored ----
        (1, (_, rng, i, root, _) =>
        {
            var body = Bytes(root);
            var padded = new byte[MaxBytes + rng.Next(1, 200_000)];
            Array.Fill(padded, (byte)' ');
            body.CopyTo(padded, 0);
            return new Delivery(i, "over-3-mb", padded, 413, [], Sign(padded), Chunked: rng.Next(2) == 0);
        }),
    ];
}
