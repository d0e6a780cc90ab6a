using System.Globalization;
using System.Text;

namespace ShuttlePro.Tests.Support;

/// <summary>
/// The raw material of the fuzz tests: a seed (fixed, or <c>SHUTTLE_FUZZ_SEED</c> to replay a failure), huge strings,
/// deep nesting, invalid UTF-8, truncation, and splicing raw bytes into a serialized body where a placeholder stands.
/// </summary>
public static class HostileInput
{
    public const string SeedVariable = "SHUTTLE_FUZZ_SEED";

    /// <summary>Stands in a serialized body where raw bytes are spliced in afterwards (<see cref="Splice"/>).</summary>
    public const string Placeholder = "@@RAW@@";

    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20261204;

    /// <summary>A deterministic generator for one case of a run (independent of the order cases run in).</summary>
    public static Random For(int seed, int index, int stream = 0) => new(unchecked(seed * 1_000_003 + index * 31 + stream));

    /// <summary>100,000 to 500,000 characters: far past every limit, small enough for thousands of cases.</summary>
    public static string Huge(Random rng, char fill = 'x') => new(fill, rng.Next(100_000, 500_001));

    /// <summary>JSON nested <paramref name="depth"/> levels deep (arrays or objects), far beyond any parser's limit.</summary>
    public static string Nesting(Random rng, int depth = 10_000)
    {
        var objects = rng.Next(2) == 0;
        var text = new StringBuilder(depth * 6);
        for (var i = 0; i < depth; i++) text.Append(objects ? "{\"a\":" : "[");
        text.Append('0');
        for (var i = 0; i < depth; i++) text.Append(objects ? '}' : ']');
        return text.ToString();
    }

    /// <summary>Byte sequences that are not UTF-8: a stray continuation byte, 0xFF, an overlong slash, an encoded surrogate, a cut sequence.</summary>
    public static byte[] InvalidUtf8(Random rng) => rng.Next(6) switch
    {
        0 => [0x80],
        1 => [0xFF, 0xFE],
        2 => [0xC0, 0xAF],
        3 => [0xED, 0xA0, 0x80],
        4 => [0xC3, 0x28],
        _ => [0xF0, 0x9F, 0x98],
    };

    /// <summary>The body with the first occurrence of <paramref name="placeholder"/> replaced by raw bytes.</summary>
    public static byte[] Splice(byte[] body, string placeholder, byte[] replacement)
    {
        var at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(placeholder));
        if (at < 0) throw new InvalidOperationException($"No {placeholder} in the body.");
        return [.. body.AsSpan(0, at), .. replacement, .. body.AsSpan(at + Encoding.UTF8.GetByteCount(placeholder))];
    }

    /// <summary>The body cut somewhere before its end.</summary>
    public static byte[] Truncate(Random rng, byte[] body) => body[..rng.Next(1, body.Length - 1)];
}
