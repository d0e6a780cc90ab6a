using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShuttlePro.Core.Live;

/// <summary>
/// Live events on the wire between instances: a small envelope (which instance sent it, which event it is) around the
/// event's own JSON. Serialized once per publish, whatever the number of instances and subscribers.
/// </summary>
public static class LiveEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Every concrete event, by name; an event of an unknown name (a newer instance during a rolling deploy) is skipped.</summary>
    private static readonly FrozenDictionary<string, Type> Types = typeof(LiveEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(LiveEvent).IsAssignableFrom(t))
        .ToFrozenDictionary(t => t.Name);

    public static IReadOnlyCollection<Type> EventTypes => Types.Values;

    private sealed record Envelope(string Origin, string Type, JsonElement Event);

    public static byte[] Serialize(LiveEvent liveEvent, string origin) => JsonSerializer.SerializeToUtf8Bytes(
        new Envelope(origin, liveEvent.GetType().Name, JsonSerializer.SerializeToElement(liveEvent, liveEvent.GetType(), Options)), Options);

    /// <summary>The sender and the event; null for an event this version does not know.</summary>
    public static (string Origin, LiveEvent? Event) Deserialize(ReadOnlySpan<byte> json)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(json, Options) ?? throw new JsonException("An empty live-event envelope.");
        return Types.TryGetValue(envelope.Type, out var type)
            ? (envelope.Origin, (LiveEvent?)envelope.Event.Deserialize(type, Options))
            : (envelope.Origin, null);
    }
}
