using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using ShuttlePro.Core.Queues;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.QueueFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>A page with a minimum render interval turns a burst of live changes into a few renders, the last showing the latest state.</summary>
public sealed class RenderThrottleTests : ComponentTestContext
{
    private sealed class Throttled : StoreComponent
    {
        [Inject] public IState<QueueState> Queue { get; set; } = null!;

        public int Renders { get; private set; }

        protected override TimeSpan MinRenderInterval => TimeSpan.FromMilliseconds(300);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            Renders++;
            builder.AddContent(0, Queue.Value.Updates);
        }
    }

    [Fact]
    public async Task ABurstOfFiftyChangesShouldBeAFewRendersEndingOnTheLatest()
    {
        var cut = Render<Throttled>();
        var stats = new QueueStats(Now, [], [], [], []);

        await Task.Run(() =>
        {
            for (var i = 1; i <= 50; i++) Store.Dispatch(new LiveQueueStatsAction(stats with { At = Now.AddSeconds(i) }));
        });

        cut.WaitForAssertion(() => Assert.Equal("50", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.InRange(cut.Instance.Renders, 2, 6); // the first render, then one right away and a few coalesced ones
    }
}
