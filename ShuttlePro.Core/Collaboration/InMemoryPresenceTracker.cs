using Microsoft.Extensions.Options;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

/// <summary>Presence for a single instance, in memory, under one lock (entries are few and operations tiny).</summary>
public sealed class InMemoryPresenceTracker(ILiveEvents live, TimeProvider clock, IOptions<PresenceOptions> options) : IPresenceTracker
{
    private sealed record Entry(PresenceSession Session, DateTimeOffset ExpiresAt);

    private sealed record LockEntry(Guid AgentId, string Name, string SessionId, DateTimeOffset ExpiresAt);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Session, Guid Conversation), Entry> _viewing = [];
    private readonly Dictionary<(string Session, Guid Conversation), Entry> _typing = [];
    private readonly Dictionary<Guid, LockEntry> _locks = [];
    private readonly Dictionary<Guid, ConversationAccess> _access = [];
    private readonly Dictionary<Guid, ConversationPresence> _published = [];

    private PresenceOptions Options => options.Value;

    public ValueTask WatchAsync(PresenceSession session, Guid conversationId, ConversationAccess access) =>
        Change(() =>
        {
            _access[conversationId] = access;
            _viewing[(session.SessionId, conversationId)] = new Entry(session, Now + Options.ViewerTimeToLive);
            return [conversationId];
        });

    public ValueTask UnwatchAsync(string sessionId, Guid conversationId) =>
        Change(() =>
        {
            _viewing.Remove((sessionId, conversationId));
            _typing.Remove((sessionId, conversationId));
            if (_locks.TryGetValue(conversationId, out var held) && held.SessionId == sessionId) _locks.Remove(conversationId);
            return [conversationId];
        });

    public async ValueTask<ReplyLock?> TypingAsync(PresenceSession session, Guid conversationId, ConversationAccess access, bool typing,
        bool mayHoldLock)
    {
        await Change(() =>
        {
            _access[conversationId] = access;
            var key = (session.SessionId, conversationId);
            var agentId = session.Actor.AgentId;
            if (typing)
            {
                _typing[key] = new Entry(session, Now + Options.TypingTimeToLive);
                _viewing[key] = new Entry(session, Now + Options.ViewerTimeToLive);
                var free = !_locks.TryGetValue(conversationId, out var held) || held.ExpiresAt <= Now || held.AgentId == agentId;
                if (mayHoldLock && free)
                    _locks[conversationId] = new LockEntry(agentId, session.Actor.Name, session.SessionId, Now + Options.ReplyLockLease);
            }
            else
            {
                _typing.Remove(key);
                if (_locks.TryGetValue(conversationId, out var held) && held.AgentId == agentId) _locks.Remove(conversationId);
            }
            return [conversationId];
        });
        return Get(conversationId).Lock;
    }

    public ValueTask ReleaseLockAsync(Guid agentId, Guid conversationId) =>
        Change(() =>
        {
            if (_locks.TryGetValue(conversationId, out var held) && held.AgentId == agentId) _locks.Remove(conversationId);
            foreach (var key in _typing.Keys.Where(k => k.Conversation == conversationId && _typing[k].Session.Actor.AgentId == agentId).ToList())
                _typing.Remove(key);
            return [conversationId];
        });

    public ValueTask HeartbeatAsync(string sessionId) =>
        Change(() =>
        {
            foreach (var key in _viewing.Keys.Where(k => k.Session == sessionId).ToList())
                _viewing[key] = _viewing[key] with { ExpiresAt = Now + Options.ViewerTimeToLive };
            return [];
        });

    public ValueTask DisconnectAsync(string sessionId) =>
        Change(() =>
        {
            var touched = new HashSet<Guid>();
            foreach (var key in _viewing.Keys.Where(k => k.Session == sessionId).ToList())
            {
                _viewing.Remove(key);
                touched.Add(key.Conversation);
            }
            foreach (var key in _typing.Keys.Where(k => k.Session == sessionId).ToList())
            {
                _typing.Remove(key);
                touched.Add(key.Conversation);
            }
            foreach (var (conversationId, _) in _locks.Where(l => l.Value.SessionId == sessionId).ToList())
            {
                _locks.Remove(conversationId);
                touched.Add(conversationId);
            }
            return touched;
        });

    public ConversationPresence Get(Guid conversationId)
    {
        lock (_gate) return Build(conversationId);
    }

    /// <summary>Every session's entries (viewing, and whether typing), for handing them over to a shared store.</summary>
    internal IReadOnlyList<(PresenceSession Session, Guid ConversationId, ConversationAccess Access, bool Typing)> Entries()
    {
        lock (_gate)
        {
            var now = Now;
            return _viewing.Where(e => e.Value.ExpiresAt > now)
                .Select(e => (e.Value.Session, e.Key.Conversation, _access.GetValueOrDefault(e.Key.Conversation) ?? ConversationAccess.OfTeam(0),
                    _typing.TryGetValue(e.Key, out var typing) && typing.ExpiresAt > now))
                .ToList();
        }
    }

    public IReadOnlyList<ConversationPresence> Active()
    {
        lock (_gate)
        {
            return _viewing.Keys.Select(k => k.Conversation).Concat(_locks.Keys).Distinct()
                .Select(Build).Where(p => !p.IsEmpty).ToList();
        }
    }

    public ValueTask SweepAsync() =>
        Change(() =>
        {
            var now = Now;
            var touched = new HashSet<Guid>();
            foreach (var (key, entry) in _viewing.Where(e => e.Value.ExpiresAt <= now).ToList())
            {
                _viewing.Remove(key);
                touched.Add(key.Conversation);
            }
            foreach (var (key, entry) in _typing.Where(e => e.Value.ExpiresAt <= now).ToList())
            {
                _typing.Remove(key);
                touched.Add(key.Conversation);
            }
            foreach (var (conversationId, _) in _locks.Where(l => l.Value.ExpiresAt <= now).ToList())
            {
                _locks.Remove(conversationId);
                touched.Add(conversationId);
            }
            return touched;
        });

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Applies a change under the lock, then publishes every conversation whose visible presence differs.</summary>
    private async ValueTask Change(Func<IEnumerable<Guid>> change)
    {
        List<PresenceChanged> changes = [];
        lock (_gate)
        {
            foreach (var conversationId in change().ToList())
            {
                var presence = Build(conversationId);
                var before = _published.GetValueOrDefault(conversationId) ?? ConversationPresence.Nobody(conversationId);
                if (presence.LooksLike(before)) continue;
                if (presence.IsEmpty) _published.Remove(conversationId);
                else _published[conversationId] = presence;
                if (_access.ContainsKey(conversationId)) changes.Add(new PresenceChanged(presence, Now));
                if (presence.IsEmpty) _access.Remove(conversationId);
            }
        }
        foreach (var changed in changes) await live.PublishAsync(changed);
    }

    /// <summary>Agents once each (several tabs of one agent count once), in name order; expired entries left out.</summary>
    private ConversationPresence Build(Guid conversationId)
    {
        var now = Now;
        static List<PresentAgent> Agents(IEnumerable<Entry> entries) =>
            PresentAgent.Distinct(entries.Select(e => new PresentAgent(e.Session.Actor.AgentId, e.Session.Actor.Name)));
        var viewers = Agents(_viewing.Where(e => e.Key.Conversation == conversationId && e.Value.ExpiresAt > now).Select(e => e.Value));
        var typing = Agents(_typing.Where(e => e.Key.Conversation == conversationId && e.Value.ExpiresAt > now).Select(e => e.Value));
        var held = _locks.TryGetValue(conversationId, out var l) && l.ExpiresAt > now ? new ReplyLock(l.AgentId, l.Name, l.ExpiresAt) : null;
        return new ConversationPresence(conversationId, _access.GetValueOrDefault(conversationId) ?? ConversationAccess.OfTeam(0), viewers, typing,
            held);
    }
}
