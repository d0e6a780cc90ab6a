using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Web.Store.SessionFeature;

/// <summary>Who is signed in on this circuit, with the actor every Core call is made as.</summary>
public sealed record SessionState(AgentView? Me, Actor? Actor, bool Loading, string? Error, bool LiveConnected)
{
    public static readonly SessionState Initial = new(null, null, Loading: true, Error: null, LiveConnected: false);

    public bool IsSignedIn => Actor is not null;
}
