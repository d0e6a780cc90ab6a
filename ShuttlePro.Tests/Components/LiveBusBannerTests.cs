using Bunit;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Components.Layout;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The banner that tells supervisors live updates from other servers are paused, and goes when they resume.</summary>
public sealed class LiveBusBannerTests : ComponentTestContext
{
    [Fact]
    public void ShouldShowWhileTheBusAcrossServersIsPausedAndGoWhenItResumes()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor));
        var cut = Render<LiveBusBanner>();
        Assert.Empty(cut.FindAll("[data-testid=live-bus-paused]"));

        Store.Dispatch(new LiveBusStatusAction(false, RedisLiveEvents.PausedMessage));
        cut.WaitForAssertion(() => Assert.Contains("paused", cut.Find("[data-testid=live-bus-paused]").TextContent));

        Store.Dispatch(new LiveBusStatusAction(true, "Live updates are shared across servers again."));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=live-bus-paused]")));
    }
}
