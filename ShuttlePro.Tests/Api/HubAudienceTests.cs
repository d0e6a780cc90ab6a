using System.Text.Json;
using System.Text.Json.Serialization;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Queues;
using ShuttlePro.Tests.Core;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Api;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// The hub serializes each event once per audience and sends those bytes to everyone in it, so two actors of one
/// audience must be owed exactly the same payload — for every event every Core operation publishes.
/// </summary>
public sealed class HubAudienceTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly AuditCoverageTests.World _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ActorsOfOneAudienceShouldBeOwedTheSamePayloadForEveryEvent()
    {
        var opsAgent = await _world.App.CreateAgentAsync("Hamza Ops", Roles.Agent, _world.Ops);
        var opsLead = await _world.App.CreateAgentAsync("Zara Ops Lead", Roles.ShiftLead, _world.Ops);
        var supervisor = await _world.App.CreateAgentAsync("Imran Supervisor", Roles.Supervisor, _world.Support);
        Actor[] actors = [_world.Admin, supervisor, _world.Lead, opsLead, _world.Ayesha, _world.Bilal, opsAgent];

        using var recorder = new LiveEventRecorder(_world.App.Get<ILiveEvents>());
        foreach (var (_, row) in AuditCoverageTests.Table)
        {
            _world.App.Clock.Advance(TimeSpan.FromSeconds(1));
            await row.Act(_world);
        }
        var conversation = await _world.OwnedByAyeshaAsync();
        await _world.App.Get<CollaborationService>().TypingAsync(_world.Ayesha, "tab-1", conversation, true);
        var queues = _world.App.Get<QueueStatsTracker>();
        await queues.ReconcileAsync();
        await _world.App.Get<ILiveEvents>().PublishAsync(new QueueStatsChanged(queues.Snapshot(), _world.App.Clock.GetUtcNow()));
        await _world.App.Get<ILiveEvents>().PublishAsync(new ResyncRequired(_world.App.Clock.GetUtcNow()));
        await recorder.WaitForAsync<ResyncRequired>();

        var split = new HashSet<string>();
        foreach (var liveEvent in recorder.Events)
        {
            var byAudience = actors.Where(liveEvent.IsVisibleTo)
                .GroupBy(actor => liveEvent.AudienceOf(actor))
                .ToDictionary(g => g.Key, g => g.Select(actor => JsonSerializer.Serialize(liveEvent.ToApiFor(actor), Json)).Distinct().ToList());
            foreach (var (audience, payloads) in byAudience)
                Assert.True(payloads.Count == 1, $"{liveEvent.GetType().Name}: audience '{audience}' is owed {payloads.Count} different payloads");
            if (byAudience.Values.Select(p => p[0]).Distinct().Count() > 1) split.Add(liveEvent.GetType().Name);
        }
        // A handoff to another team and the queue figures of leads of different teams do differ: the check above bites.
        Assert.Superset(new HashSet<string> { nameof(ConversationUpdated), nameof(QueueStatsChanged) }, split);
        Assert.Contains(recorder.Events, e => e is ResyncRequired && e.ToApi()?.Type == "resync");
    }
}
