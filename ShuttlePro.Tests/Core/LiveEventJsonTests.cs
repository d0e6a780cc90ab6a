using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>
/// Live events cross instances as JSON: every event that every Core operation publishes must come back from the wire
/// the same, or agents on another instance would see something else.
/// </summary>
public sealed class LiveEventJsonTests : IAsyncLifetime
{
    private readonly AuditCoverageTests.World _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task EveryEventEveryOperationPublishesShouldSurviveTheWireUnchanged()
    {
        using var recorder = new LiveEventRecorder(_world.App.Get<ILiveEvents>());
        foreach (var (operation, row) in AuditCoverageTests.Table)
        {
            _world.App.Clock.Advance(TimeSpan.FromSeconds(1));
            await row.Act(_world);
        }
        var conversation = await _world.OwnedByAyeshaAsync();
        var collaboration = _world.App.Get<CollaborationService>();
        await collaboration.WatchAsync(_world.Ayesha, "tab-1", conversation);
        await collaboration.TypingAsync(_world.Ayesha, "tab-1", conversation, true);
        await _world.App.Get<NoteService>().WriteAsync(_world.Ayesha, conversation, "@Bilal Ahmed please check the courier");
        await recorder.WaitForAsync<NotificationCreated>();
        await _world.App.Get<NotificationService>().MarkReadAsync(_world.Bilal);
        await _world.App.Get<ILiveEvents>().PublishAsync(new QueueStatsChanged(_world.App.Get<QueueStatsTracker>().Snapshot(), _world.App.Clock.GetUtcNow()));
        await _world.App.Get<ILiveEvents>().PublishAsync(new LiveBusStatusChanged(false, "Redis is unreachable", _world.App.Clock.GetUtcNow()));
        await _world.App.Get<ILiveEvents>().PublishAsync(new ResyncRequired(_world.App.Clock.GetUtcNow()));
        await recorder.WaitForAsync<ResyncRequired>();

        foreach (var original in recorder.Events)
        {
            var wire = LiveEventJson.Serialize(original, "instance-a");
            var (origin, back) = LiveEventJson.Deserialize(wire);
            Assert.Equal("instance-a", origin);
            Assert.NotNull(back);
            Assert.Equal(original.GetType(), back.GetType());
            Assert.Equal(System.Text.Encoding.UTF8.GetString(wire), System.Text.Encoding.UTF8.GetString(LiveEventJson.Serialize(back, "instance-a")));
        }
        var unseen = LiveEventJson.EventTypes.Except(recorder.Events.Select(e => e.GetType())).Select(t => t.Name).Order().ToList();
        Assert.True(unseen.Count == 0, $"No operation published {string.Join(", ", unseen)}: add one that does, so its wire form is checked.");
    }

    [Fact]
    public void AnEventOfANameThisVersionDoesNotKnowShouldBeSkippedNotCrashTheReader()
    {
        var (origin, liveEvent) = LiveEventJson.Deserialize("""{"origin":"newer","type":"SomethingFromTheFuture","event":{"at":"2026-11-25T09:00:00+00:00"}}"""u8);

        Assert.Equal("newer", origin);
        Assert.Null(liveEvent);
    }
}
