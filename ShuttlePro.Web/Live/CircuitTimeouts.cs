using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Core.Collaboration;

namespace ShuttlePro.Web.Live;

/// <summary>
/// How soon a circuit's connection that silently died (a network gone, a laptop shut) is noticed. The browser pings
/// every <see cref="KeepAlive"/> (reconnect.js); the server gives up on a tab not heard from for the viewer's time to
/// live, so its presence and reply lock go within that time (<see cref="PresenceCircuitHandler"/> clears them), and
/// not after SignalR's default 30 seconds during which the server-side heartbeats would keep it "viewing".
/// </summary>
public static class CircuitTimeouts
{
    /// <summary>Matches <c>withKeepAliveInterval(5000)</c> in reconnect.js.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    /// <summary>Three missed pings at the least, so a busy moment does not drop a healthy tab.</summary>
    public static TimeSpan ClientTimeout(PresenceOptions presence) =>
        presence.ViewerTimeToLive > 3 * KeepAlive ? presence.ViewerTimeToLive : 3 * KeepAlive;

    public static void Apply(HubOptions options, IConfiguration configuration)
    {
        var presence = configuration.GetSection(PresenceOptions.Section).Get<PresenceOptions>() ?? new PresenceOptions();
        options.KeepAliveInterval = KeepAlive;
        options.ClientTimeoutInterval = ClientTimeout(presence);
    }
}
