using Microsoft.AspNetCore.DataProtection;

namespace ShuttlePro.Core.Channels;

/// <summary>Access tokens are stored protected (Data Protection, keys in the database) and never shown back in full.</summary>
public sealed class ChannelSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("ShuttlePro.Channels.AccessToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string? Unprotect(string? protectedToken) => protectedToken is null ? null : _protector.Unprotect(protectedToken);

    /// <summary>"…a1b2": enough to recognise a token, not to use it.</summary>
    public static string Hint(string token) => token.Length <= 4 ? "…" : "…" + token[^4..];
}
