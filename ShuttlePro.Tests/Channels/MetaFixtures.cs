using System.Text;
using ShuttlePro.Core.Channels.WhatsApp;

namespace ShuttlePro.Tests.Channels;

/// <summary>Webhook bodies shaped as Meta documents them (Channels/Fixtures), for the number <see cref="PhoneNumberId"/>.</summary>
public static class MetaFixtures
{
    public const string PhoneNumberId = "106540352242922";
    public const string CustomerWaId = "923001234567";

    public static byte[] Bytes(string name)
    {
        using var stream = typeof(MetaFixtures).Assembly.GetManifestResourceStream($"Fixtures.{name}.json")
                           ?? throw new InvalidOperationException($"No fixture {name}.json");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    /// <summary>When the fixtures' messages were sent (Unix seconds), and their statuses reported.</summary>
    public const string SentAtUnix = "1764057600";
    public const string StatusAtUnix = "1764057700";

    /// <summary>
    /// The fixture with its wamids made unique (so one test's messages never collide with another's) and, when
    /// <paramref name="at"/> is given, sent at that time (the 24-hour window counts from it).
    /// </summary>
    public static byte[] Fresh(string name, string suffix, DateTimeOffset? at = null)
    {
        var text = Text(name).Replace("\"wamid.", $"\"wamid.{suffix}.");
        if (at is { } time)
            text = text.Replace($"\"{SentAtUnix}\"", $"\"{time.ToUnixTimeSeconds()}\"")
                .Replace($"\"{StatusAtUnix}\"", $"\"{time.ToUnixTimeSeconds() + 100}\"");
        return Encoding.UTF8.GetBytes(text);
    }

    public static string Sign(byte[] body, string secret) => WebhookSignature.Sign(body, secret);
}
