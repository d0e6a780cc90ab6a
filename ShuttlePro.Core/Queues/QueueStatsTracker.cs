using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>
/// The live queue figures. Holds one entry per conversation, open ticket and agent, updated from live events (the
/// events carry the summaries, so no query per event) with counters kept incrementally; time-based figures (longest
/// wait, window closing, SLA) are computed from the stored timestamps when read. <see cref="ReconcileAsync"/> reloads
/// from the database (on start, periodically, and when the bus says events were dropped).
/// </summary>
public sealed class QueueStatsTracker : IDisposable
{
    private sealed record Stamped<T>(T Value, long Seq);

    private sealed class Counters
    {
        public int Open;
        public int Unassigned;
        public int Waiting;
    }

    private readonly QueueStatsCalculator _calculator;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _reconciling = new(1, 1);

    private Dictionary<int, string> _teams = [];
    private Dictionary<Guid, Stamped<ConversationEntry>> _conversations = [];
    private Dictionary<Guid, Stamped<TicketEntry>> _tickets = [];
    private Dictionary<Guid, Stamped<AgentEntry>> _agents = [];
    private readonly Dictionary<int, Counters> _byTeam = [];
    private readonly Dictionary<Guid, int> _ownedOpen = [];
    private long _seq;
    private TaskCompletionSource _changed = NewSignal();

    public QueueStatsTracker(QueueStatsCalculator calculator, ILiveEvents live, TimeProvider clock, ILogger<QueueStatsTracker> logger)
    {
        _calculator = calculator;
        _clock = clock;
        _logger = logger;
        _subscription = live.Subscribe(
            e => e is ConversationUpdated or TicketUpdated or AgentChanged or ResyncRequired,
            (e, _) =>
            {
                Apply(e);
                return ValueTask.CompletedTask;
            });
    }

    public bool IsLoaded { get; private set; }

    public int Reconciliations { get; private set; }

    /// <summary>Completes at the next change of the figures; take it before reading, then await it.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    /// <summary>The figures as <paramref name="actor"/> may see them; agents may not.</summary>
    public Result<QueueStats> Current(Actor actor) =>
        QueueStats.MayView(actor) ? Snapshot().VisibleTo(actor) : Problem.Forbidden("The queue board is for shift leads, supervisors and admins.");

    /// <summary>As <see cref="Current"/>, loading from the database first if the tracker has not been reconciled yet.</summary>
    public async Task<Result<QueueStats>> CurrentAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!QueueStats.MayView(actor)) return Current(actor);
        if (!IsLoaded) await ReconcileAsync(cancellationToken);
        return Current(actor);
    }

    /// <summary>Every team's and agent's figures now.</summary>
    public QueueStats Snapshot()
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            var longest = new Dictionary<int, long>();
            var closing = new Dictionary<int, int>();
            foreach (var (entry, _) in _conversations.Values)
            {
                if (QueueStats.IsWaiting(entry))
                    longest[entry.TeamId] = Math.Max(longest.GetValueOrDefault(entry.TeamId), QueueStats.WaitSeconds(entry.AwaitingReplySince!.Value, now));
                if (QueueStats.WindowClosesSoon(entry, now)) closing[entry.TeamId] = closing.GetValueOrDefault(entry.TeamId) + 1;
            }
            var atRisk = new Dictionary<int, int>();
            var breached = new Dictionary<int, int>();
            foreach (var (ticket, _) in _tickets.Values)
            {
                if (!ticket.IsOpen) continue;
                var state = ticket.SlaAt(now);
                if (state == SlaState.Approaching) atRisk[ticket.TeamId] = atRisk.GetValueOrDefault(ticket.TeamId) + 1;
                else if (state == SlaState.Breached) breached[ticket.TeamId] = breached.GetValueOrDefault(ticket.TeamId) + 1;
            }
            var teams = QueueStats.Ordered(_teams, t => t.Value, t => t.Key).Select(t =>
            {
                var counters = _byTeam.GetValueOrDefault(t.Key) ?? new Counters();
                return new TeamQueueStats(t.Key, t.Value, counters.Open, counters.Unassigned, counters.Waiting, longest.GetValueOrDefault(t.Key),
                    closing.GetValueOrDefault(t.Key), atRisk.GetValueOrDefault(t.Key), breached.GetValueOrDefault(t.Key));
            }).ToList();
            var agents = QueueStats.Ordered(_agents.Values.Select(a => a.Value).Where(a => a.IsActive), a => a.Name, a => a.Id)
                .Select(a => new AgentQueueStats(a.Id, a.Name, a.Status, a.OnShift, _ownedOpen.GetValueOrDefault(a.Id), a.Capacity, a.TeamIds))
                .ToList();
            return new QueueStats(now, teams, agents);
        }
    }

    /// <summary>
    /// Reloads everything from the database. Events that arrive while it loads are not lost: per entry the higher version wins,
    /// and entries touched during the load survive even when the load did not see them.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken = default)
    {
        await _reconciling.WaitAsync(cancellationToken);
        try
        {
            long start;
            lock (_lock) start = _seq;
            var data = await _calculator.LoadAsync(cancellationToken);
            lock (_lock)
            {
                _teams = data.Teams.ToDictionary(t => t.Id, t => t.Name);
                _conversations = Merge(_conversations, data.Conversations, c => c.Id, start, (mine, loaded) => mine.Version > loaded.Version);
                _tickets = Merge(_tickets, data.Tickets, t => t.Id, start, (mine, loaded) => mine.Version > loaded.Version);
                _agents = Merge(_agents, data.Agents, a => a.Id, start, (_, _) => true);
                RecountLocked();
                IsLoaded = true;
                Reconciliations++;
            }
        }
        finally
        {
            _reconciling.Release();
        }
        Signal();
    }

    private Dictionary<Guid, Stamped<T>> Merge<T>(Dictionary<Guid, Stamped<T>> current, IEnumerable<T> loaded, Func<T, Guid> id, long start,
        Func<T, T, bool> keepMine)
    {
        var merged = new Dictionary<Guid, Stamped<T>>();
        foreach (var row in loaded)
            merged[id(row)] = current.TryGetValue(id(row), out var mine) && mine.Seq > start && keepMine(mine.Value, row) ? mine : new(row, _seq);
        foreach (var (key, mine) in current)
            if (mine.Seq > start && !merged.ContainsKey(key)) merged[key] = mine;
        return merged;
    }

    private void RecountLocked()
    {
        _byTeam.Clear();
        _ownedOpen.Clear();
        foreach (var (entry, _) in _conversations.Values) Count(entry, +1);
    }

    private void Count(ConversationEntry entry, int sign)
    {
        if (!entry.IsOpen) return;
        if (!_byTeam.TryGetValue(entry.TeamId, out var counters)) _byTeam[entry.TeamId] = counters = new Counters();
        counters.Open += sign;
        if (entry.AwaitingReplySince is not null) counters.Waiting += sign;
        if (entry.OwnerId is { } owner) _ownedOpen[owner] = _ownedOpen.GetValueOrDefault(owner) + sign;
        else counters.Unassigned += sign;
    }

    private void Apply(LiveEvent liveEvent)
    {
        if (liveEvent is ResyncRequired)
        {
            _ = ReconcileQuietlyAsync();
            return;
        }
        lock (_lock)
        {
            var seq = ++_seq;
            switch (liveEvent)
            {
                case ConversationUpdated e:
                {
                    var entry = ConversationEntry.Of(e.Summary);
                    if (_conversations.TryGetValue(entry.Id, out var old))
                    {
                        if (old.Value.Version > entry.Version) return;
                        Count(old.Value, -1);
                    }
                    _conversations[entry.Id] = new(entry, seq);
                    Count(entry, +1);
                    _teams.TryAdd(e.Summary.TeamId, e.Summary.TeamName);
                    break;
                }
                case TicketUpdated e:
                {
                    var entry = TicketEntry.Of(e.Ticket);
                    if (_tickets.TryGetValue(entry.Id, out var old) && old.Value.Version > entry.Version) return;
                    _tickets[entry.Id] = new(entry, seq);
                    break;
                }
                case AgentChanged e:
                    _agents[e.Agent.Id] = new(AgentEntry.Of(e.Agent), seq);
                    break;
            }
        }
        Signal();
    }

    private async Task ReconcileQuietlyAsync()
    {
        try
        {
            await ReconcileAsync();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Reconciling the queue figures after dropped events failed; the next periodic run will retry");
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _subscription.Dispose();
}

/// <summary>
/// Publishes <see cref="QueueStatsChanged"/> when the figures change, at most once per <see cref="MinInterval"/>; changes in
/// between are coalesced into the next publication (the latest state wins).
/// </summary>
public sealed class QueueStatsPublisher(QueueStatsTracker tracker, ILiveEvents live, TimeProvider clock)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = tracker.NextChange;
        while (!cancellationToken.IsCancellationRequested)
        {
            await next.WaitAsync(cancellationToken);
            // Taken before the snapshot: a change after it triggers the next publication.
            next = tracker.NextChange;
            await live.PublishAsync(new QueueStatsChanged(tracker.Snapshot(), clock.GetUtcNow()), cancellationToken);
            await Task.Delay(MinInterval, clock, cancellationToken);
        }
    }
}
