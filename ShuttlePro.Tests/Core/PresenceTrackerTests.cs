using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>Presence and reply locks: who is here, who types, who holds the lease; and nothing stale.</summary>
public sealed class PresenceTrackerTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessLiveEvents _live;
    private readonly InMemoryPresenceTracker _presence;
    private readonly Guid _conversation = Guid.NewGuid();
    private readonly PresenceSession _ayeshaTab1;
    private readonly PresenceSession _ayeshaTab2;
    private readonly PresenceSession _bilal;
    private static readonly ConversationAccess Team = ConversationAccess.OfTeam(1);

    public PresenceTrackerTests()
    {
        _live = new InProcessLiveEvents(Options.Create(new LiveEventsOptions()), _clock, NullLogger<InProcessLiveEvents>.Instance);
        _presence = new InMemoryPresenceTracker(_live, _clock, Options.Create(new PresenceOptions()));
        var ayesha = new Actor(Guid.NewGuid(), "Ayesha", new HashSet<string> { Roles.Agent }, new HashSet<int> { Team.TeamId });
        _ayeshaTab1 = new PresenceSession("tab-1", ayesha);
        _ayeshaTab2 = new PresenceSession("tab-2", ayesha);
        _bilal = new PresenceSession("tab-3", new Actor(Guid.NewGuid(), "Bilal", new HashSet<string> { Roles.Agent }, new HashSet<int> { Team.TeamId }));
    }

    public void Dispose() => _live.Dispose();

    private ConversationPresence Now => _presence.Get(_conversation);

    [Fact]
    public async Task ViewersAreListedOncePerAgentWhateverTheirTabs()
    {
        await _presence.WatchAsync(_ayeshaTab1, _conversation, Team);
        await _presence.WatchAsync(_ayeshaTab2, _conversation, Team);
        await _presence.WatchAsync(_bilal, _conversation, Team);

        Assert.Equal(["Ayesha", "Bilal"], Now.Viewers.Select(v => v.Name));

        await _presence.UnwatchAsync(_ayeshaTab1.SessionId, _conversation);
        Assert.Equal(["Ayesha", "Bilal"], Now.Viewers.Select(v => v.Name)); // her other tab is still there
        await _presence.UnwatchAsync(_ayeshaTab2.SessionId, _conversation);
        Assert.Equal(["Bilal"], Now.Viewers.Select(v => v.Name));
    }

    [Fact]
    public async Task AClosedTabDisappearsAtOnceWithEverythingItHeld()
    {
        await _presence.WatchAsync(_ayeshaTab1, _conversation, Team);
        await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: true, mayHoldLock: true);

        await _presence.DisconnectAsync(_ayeshaTab1.SessionId);

        Assert.True(Now.IsEmpty);
    }

    [Fact]
    public async Task AViewerNotHeardFromExpiresAndHeartbeatsKeepOneAlive()
    {
        await _presence.WatchAsync(_ayeshaTab1, _conversation, Team);
        await _presence.WatchAsync(_bilal, _conversation, Team);

        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await _presence.HeartbeatAsync(_bilal.SessionId);
            await _presence.SweepAsync();
        }

        Assert.Equal(["Bilal"], Now.Viewers.Select(v => v.Name));
    }

    [Fact]
    public async Task TypingTakesTheReplyLockAndASecondAgentCannotHaveIt()
    {
        var first = await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: true, mayHoldLock: true);
        var second = await _presence.TypingAsync(_bilal, _conversation, Team, typing: true, mayHoldLock: true);

        Assert.Equal("Ayesha", first!.Name);
        Assert.Equal("Ayesha", second!.Name);
        Assert.Equal(["Ayesha", "Bilal"], Now.Typing.Select(t => t.Name));
    }

    [Fact]
    public async Task TheLeaseExpiresUnlessRenewedByTyping()
    {
        var taken = await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: true, mayHoldLock: true);
        _clock.Advance(TimeSpan.FromSeconds(15));
        var renewed = await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: true, mayHoldLock: true);
        Assert.True(renewed!.ExpiresAt > taken!.ExpiresAt);

        _clock.Advance(TimeSpan.FromSeconds(21));
        await _presence.SweepAsync();

        Assert.Null(Now.Lock);
        Assert.Equal("Bilal", (await _presence.TypingAsync(_bilal, _conversation, Team, typing: true, mayHoldLock: true))!.Name);
    }

    [Fact]
    public async Task StoppingOrSendingReleasesTheLock()
    {
        await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: true, mayHoldLock: true);
        await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, typing: false, mayHoldLock: true);
        Assert.Null(Now.Lock);

        await _presence.TypingAsync(_bilal, _conversation, Team, typing: true, mayHoldLock: true);
        await _presence.ReleaseLockAsync(_bilal.Actor.AgentId, _conversation);
        Assert.Null(Now.Lock);
        Assert.Empty(Now.Typing);
    }

    [Fact]
    public async Task AnAgentWhoMayNotReplyShowsTypingButNeverHoldsTheLock()
    {
        var held = await _presence.TypingAsync(_bilal, _conversation, Team, typing: true, mayHoldLock: false);

        Assert.Null(held);
        Assert.Equal(["Bilal"], Now.Typing.Select(t => t.Name));
    }

    [Fact]
    public async Task ChangesArePublishedOnceEachAndOnlyWhenSomethingVisibleChanged()
    {
        using var recorder = new LiveEventRecorder(_live);

        await _presence.WatchAsync(_ayeshaTab1, _conversation, Team);
        await _presence.WatchAsync(_ayeshaTab2, _conversation, Team);  // same agent: nothing new to show
        await _presence.HeartbeatAsync(_ayeshaTab1.SessionId);         // nothing new either
        await _presence.TypingAsync(_ayeshaTab1, _conversation, Team, true, true);
        await _presence.DisconnectAsync(_ayeshaTab1.SessionId);
        await _presence.DisconnectAsync(_ayeshaTab2.SessionId);

        await recorder.WaitForAsync<PresenceChanged>(e => e.Presence.IsEmpty);
        var published = recorder.OfType<PresenceChanged>().ToList();
        Assert.Equal(4, published.Count); // viewing; typing with lock; the other tab only viewing; nobody
        Assert.All(published, e => Assert.Equal(Team.TeamId, e.TeamId));
        Assert.Equal("Ayesha", published[1].Presence.Lock?.Name);
    }
}
