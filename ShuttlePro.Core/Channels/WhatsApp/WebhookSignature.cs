using System.Security.Cryptography;
using System.Text;

namespace ShuttlePro.Core.Channels.WhatsApp;

/// <summary>Meta's webhook signature: <c>sha256=</c> + hex HMAC-SHA256 of the raw body bytes with the app secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>Constant-time comparison; false for a missing, malformed or wrong signature, or when no secret is set.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var hex = header.AsSpan(Prefix.Length).Trim();
        if (hex.Length != 64) return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
