using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Store.SessionFeature;

/// <summary>
/// Who is signed in on this circuit, with the actor every Core call is made as; <see cref="BusPaused"/> says why live
/// updates from other servers are not arriving (shown to supervisors and shift leads), null when they are.
/// </summary>
public sealed record SessionState(AgentView? Me, Actor? Actor, bool Loading, string? Error, bool LiveConnected, string? BusPaused = null)
{
    public static readonly SessionState Initial = new(null, null, Loading: true, Error: null, LiveConnected: false);

    public bool IsSignedIn => Actor is not null;
}
