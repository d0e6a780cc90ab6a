using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>
/// The live queue figures. Holds one entry per conversation, open ticket, agent, recent reply and present conversation,
/// kept from live events (the events carry the summaries, so no query per event); the figures are computed from the
/// entries when read (<see cref="QueueFigures.Compute"/>, the same function the database reconciliation uses), so
/// time-based figures follow the clock. <see cref="ReconcileAsync"/> reloads from the database (on start, periodically,
/// and when the bus says events were dropped).
/// </summary>
public sealed class QueueStatsTracker : IDisposable
{
    private sealed record Stamped<T>(T Value, long Seq);

    private readonly QueueStatsCalculator _calculator;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _reconciling = new(1, 1);

    private List<TeamView> _teams = [];
    private Dictionary<Guid, Stamped<ConversationEntry>> _conversations = [];
    private Dictionary<Guid, Stamped<TicketEntry>> _tickets = [];
    private Dictionary<Guid, Stamped<AgentEntry>> _agents = [];
    private Dictionary<Guid, Stamped<ReplyEntry>> _replies = [];
    private Dictionary<Guid, Stamped<ConversationPresence>> _presence = [];
    private long _seq;
    private TaskCompletionSource _changed = NewSignal();

    public QueueStatsTracker(QueueStatsCalculator calculator, ILiveEvents live, TimeProvider clock, ILogger<QueueStatsTracker> logger)
    {
        _calculator = calculator;
        _clock = clock;
        _logger = logger;
        _subscription = live.Subscribe(
            e => e is ConversationUpdated or TicketUpdated or AgentChanged or PresenceChanged or ResyncRequired
                || e is MessageAdded { Message: { Direction: MessageDirection.Outbound, AuthorId: not null } },
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

    /// <summary>Every team's, channel's and agent's figures now.</summary>
    public QueueStats Snapshot()
    {
        var now = _clock.GetUtcNow();
        QueueData data;
        lock (_lock)
        {
            PruneRepliesLocked(now);
            data = new QueueData(_teams, Values(_conversations), Values(_tickets), Values(_agents), Values(_replies), Values(_presence));
        }
        return QueueFigures.Compute(data, now);
    }

    private static List<T> Values<T>(Dictionary<Guid, Stamped<T>> entries) => entries.Values.Select(e => e.Value).ToList();

    private void PruneRepliesLocked(DateTimeOffset now)
    {
        var since = now - QueueStats.RepliesWindow;
        foreach (var (id, reply) in _replies)
            if (reply.Value.At <= since) _replies.Remove(id);
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
                _teams = data.Teams.ToList();
                _conversations = Merge(_conversations, data.Conversations, c => c.Id, start, (mine, loaded) => mine.Version > loaded.Version);
                _tickets = Merge(_tickets, data.Tickets, t => t.Id, start, (mine, loaded) => mine.Version > loaded.Version);
                _agents = Merge(_agents, data.Agents, a => a.Id, start, (_, _) => true);
                _replies = Merge(_replies, data.Replies, r => r.MessageId, start, (_, _) => true);
                // Presence is not in the database: the presence tracker's own view, with changes heard during the load kept.
                _presence = Merge(_presence, data.Presence, p => p.ConversationId, start, (_, _) => true);
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
                    if (_conversations.TryGetValue(entry.Id, out var old) && old.Value.Version > entry.Version) return;
                    _conversations[entry.Id] = new(entry, seq);
                    if (_teams.All(t => t.Id != e.Summary.TeamId)) _teams = [.. _teams, new TeamView(e.Summary.TeamId, e.Summary.TeamName)];
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
                case MessageAdded e:
                    _replies[e.Message.Id] = new(new ReplyEntry(e.Message.Id, e.Message.AuthorId!.Value, e.Message.CreatedAt), seq);
                    break;
                case PresenceChanged e:
                    // An emptied conversation is kept (as empty) until the next reconciliation, so a late load cannot bring it back.
                    _presence[e.Presence.ConversationId] = new(e.Presence, seq);
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
