using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShuttlePro.Core.Audit;

/// <summary>Everything an event's hash covers, as exported (docs/audit.md: "Offline verification").</summary>
public readonly record struct AuditContent(string PreviousHash, long Sequence, DateTimeOffset At, Guid? ActorId, string ActorName,
    string Action, string SubjectType, string SubjectId, Guid? ConversationId, int? TeamId, string? Before, string? After);

/// <summary>
/// The chain's hash function. The canonical content is each field as a netstring (<c>byteLength:utf8Bytes,</c>), in the
/// order of <see cref="AuditContent"/>, with null written as the empty string, the time as UTC ISO-8601 with seven
/// fraction digits and ids as lowercase hyphenated Guids — simple enough to re-implement in a few lines anywhere.
/// </summary>
public static class AuditHash
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string FormatId(Guid? id) => id?.ToString("D") ?? "";

    internal static AuditContent ContentOf(AuditEvent e) => new(e.PreviousHash, e.Sequence, e.At, e.ActorId, e.ActorName, e.Action,
        e.SubjectType, e.SubjectId, e.ConversationId, e.TeamId, e.Before, e.After);

    public static string Compute(in AuditContent content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeInto(content, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True when <paramref name="storedHash"/> is the hash of <paramref name="content"/> (no string made).</summary>
    public static bool Matches(in AuditContent content, string storedHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeInto(content, hash);
        return storedHash.Length == 2 * SHA256.HashSizeInBytes
               && Convert.FromHexString(storedHash, stored, out _, out var written) == OperationStatus.Done
               && written == stored.Length
               && hash.SequenceEqual(stored);
    }

    private static void ComputeInto(in AuditContent c, Span<byte> destination)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Field(buffer, c.PreviousHash);
        Field(buffer, c.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, FormatTime(c.At));
        Field(buffer, FormatId(c.ActorId));
        Field(buffer, c.ActorName);
        Field(buffer, c.Action);
        Field(buffer, c.SubjectType);
        Field(buffer, c.SubjectId);
        Field(buffer, FormatId(c.ConversationId));
        Field(buffer, c.TeamId?.ToString(CultureInfo.InvariantCulture));
        Field(buffer, c.Before);
        Field(buffer, c.After);
        SHA256.HashData(buffer.WrittenSpan, destination);
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string? value)
    {
        value ??= "";
        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = length.ToString(CultureInfo.InvariantCulture);
        var span = buffer.GetSpan(prefix.Length + length + 2);
        var written = Encoding.ASCII.GetBytes(prefix, span);
        span[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(value, span[written..]);
        span[written++] = (byte)',';
        buffer.Advance(written);
    }
}
