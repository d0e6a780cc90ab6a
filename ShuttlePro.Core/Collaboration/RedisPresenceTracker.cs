using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Live;
using StackExchange.Redis;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// Presence and reply locks shared by every instance (<c>LiveEvents:Redis</c> set), so a collision between agents on two
/// servers is seen and refused as on one. The state lives in Redis: a hash per conversation (a field per session viewing
/// or typing, its expiry inside), the reply lock as a key taken with SET-if-free-or-mine and a lease (atomic, in a
/// script), a set of conversations per session (for a closed tab) and a set of conversations anyone is in (for sweeps).
/// After each change the conversation's whole presence is read back and published; every instance keeps the latest
/// published presence per conversation for the synchronous reads. While Redis is away, presence is this instance's
/// own (an in-memory tracker); when it returns, those entries are written to Redis and the local ones dropped.
/// </summary>
public sealed class RedisPresenceTracker : IPresenceTracker, IDisposable
{
    private const string Prefix = "shuttlepro:presence:";
    private static readonly RedisKey ActiveSet = Prefix + "active";

    // Take or renew the lock when it is free or already this agent's. KEYS[1] lock; ARGV[1] "agentId|"; ARGV[2] value; ARGV[3] lease ms.
    private static readonly LuaScript Acquire = LuaScript.Prepare("""
        local current = redis.call('GET', @key)
        if (not current) or string.sub(current, 1, string.len(@owner)) == @owner then
          redis.call('SET', @key, @value, 'PX', @lease)
          return 1
        end
        return 0
        """);

    // Release the lock only when it holds the given marker ("agentId|" or "|sessionId|").
    private static readonly LuaScript Release = LuaScript.Prepare("""
        local current = redis.call('GET', @key)
        if current and string.find(current, @marker, 1, true) then
          redis.call('DEL', @key)
          return 1
        end
        return 0
        """);

    private readonly RedisLiveEvents _bus;
    private readonly InMemoryPresenceTracker _local;
    private readonly TimeProvider _clock;
    private readonly IOptions<PresenceOptions> _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Guid, ConversationPresence> _latest = new();
    private readonly IDisposable _subscription;

    public RedisPresenceTracker(RedisLiveEvents bus, TimeProvider clock, IOptions<PresenceOptions> options, ILogger<RedisPresenceTracker> logger)
    {
        _bus = bus;
        _clock = clock;
        _options = options;
        _logger = logger;
        // Presence kept while Redis is away is this instance's alone: its changes are published here only.
        _local = new InMemoryPresenceTracker(bus.Local, clock, options);
        _subscription = bus.Subscribe(e => e is PresenceChanged or LiveBusStatusChanged, async (e, _) =>
        {
            if (e is PresenceChanged changed) Remember(changed.Presence);
            else if (e is LiveBusStatusChanged { Shared: true }) await HandOverLocalEntriesAsync();
        });
    }

    private PresenceOptions Options => _options.Value;

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Redis when the instances share it; null while it is away (this instance's own presence meanwhile).</summary>
    private IDatabase? Shared => _bus.IsShared ? _bus.Database : null;

    private static RedisKey ConversationKey(Guid conversationId) => Prefix + conversationId.ToString("N");

    private static RedisKey LockKey(Guid conversationId) => Prefix + "lock:" + conversationId.ToString("N");

    private static RedisKey SessionKey(string sessionId) => Prefix + "session:" + sessionId;

    private static string Entry(PresenceSession session, DateTimeOffset expiresAt) =>
        $"{session.Actor.AgentId:N}|{expiresAt.ToUnixTimeMilliseconds()}|{session.Actor.Name}";

    public async ValueTask WatchAsync(PresenceSession session, Guid conversationId, ConversationAccess access)
    {
        if (Shared is not { } redis)
        {
            await _local.WatchAsync(session, conversationId, access);
            return;
        }
        await RunAsync(async () =>
        {
            await AddAsync(redis, session, conversationId, access, typing: false);
            await PublishAsync(redis, conversationId);
        }, () => _local.WatchAsync(session, conversationId, access));
    }

    public async ValueTask UnwatchAsync(string sessionId, Guid conversationId)
    {
        if (Shared is not { } redis)
        {
            await _local.UnwatchAsync(sessionId, conversationId);
            return;
        }
        await RunAsync(async () =>
        {
            await RemoveAsync(redis, sessionId, conversationId);
            await PublishAsync(redis, conversationId);
        }, () => _local.UnwatchAsync(sessionId, conversationId));
    }

    public async ValueTask<ReplyLock?> TypingAsync(PresenceSession session, Guid conversationId, ConversationAccess access, bool typing,
        bool mayHoldLock)
    {
        if (Shared is not { } redis) return await _local.TypingAsync(session, conversationId, access, typing, mayHoldLock);
        ReplyLock? held = null;
        await RunAsync(async () =>
        {
            var agent = $"{session.Actor.AgentId:N}|";
            if (typing)
            {
                await AddAsync(redis, session, conversationId, access, typing: true);
                if (mayHoldLock)
                    await Acquire.EvaluateAsync(redis, new
                    {
                        key = LockKey(conversationId),
                        owner = agent,
                        value = $"{agent}{session.SessionId}|{session.Actor.Name}",
                        lease = (long)Options.ReplyLockLease.TotalMilliseconds,
                    });
            }
            else
            {
                await redis.HashDeleteAsync(ConversationKey(conversationId), "t:" + session.SessionId);
                await Release.EvaluateAsync(redis, new { key = LockKey(conversationId), marker = agent });
            }
            held = (await PublishAsync(redis, conversationId)).Lock;
        }, async () => held = await _local.TypingAsync(session, conversationId, access, typing, mayHoldLock));
        return held;
    }

    public async ValueTask ReleaseLockAsync(Guid agentId, Guid conversationId)
    {
        if (Shared is not { } redis)
        {
            await _local.ReleaseLockAsync(agentId, conversationId);
            return;
        }
        await RunAsync(async () =>
        {
            await Release.EvaluateAsync(redis, new { key = LockKey(conversationId), marker = $"{agentId:N}|" });
            var fields = await redis.HashGetAllAsync(ConversationKey(conversationId));
            var typing = fields.Where(f => f.Name.ToString().StartsWith("t:", StringComparison.Ordinal) && f.Value.ToString().StartsWith($"{agentId:N}|"))
                .Select(f => f.Name).ToArray();
            if (typing.Length > 0) await redis.HashDeleteAsync(ConversationKey(conversationId), typing);
            await PublishAsync(redis, conversationId);
        }, () => _local.ReleaseLockAsync(agentId, conversationId));
    }

    public async ValueTask HeartbeatAsync(string sessionId)
    {
        await _local.HeartbeatAsync(sessionId);
        if (Shared is not { } redis) return;
        await RunAsync(async () =>
        {
            var expires = (Now + Options.ViewerTimeToLive).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            foreach (var member in await redis.SetMembersAsync(SessionKey(sessionId)))
            {
                var key = ConversationKey(Guid.Parse(member.ToString()));
                var viewing = await redis.HashGetAsync(key, "v:" + sessionId);
                if (viewing.IsNull) continue;
                var parts = viewing.ToString().Split('|', 3);
                await redis.HashSetAsync(key, "v:" + sessionId, $"{parts[0]}|{expires}|{parts[2]}");
            }
            await redis.KeyExpireAsync(SessionKey(sessionId), Options.ViewerTimeToLive * 4);
        }, () => ValueTask.CompletedTask);
    }

    public async ValueTask DisconnectAsync(string sessionId)
    {
        await _local.DisconnectAsync(sessionId);
        if (Shared is not { } redis) return;
        await RunAsync(async () =>
        {
            var conversations = await redis.SetMembersAsync(SessionKey(sessionId));
            await redis.KeyDeleteAsync(SessionKey(sessionId));
            foreach (var member in conversations)
            {
                var conversationId = Guid.Parse(member.ToString());
                await RemoveAsync(redis, sessionId, conversationId);
                await PublishAsync(redis, conversationId);
            }
        }, () => ValueTask.CompletedTask);
    }

    public ConversationPresence Get(Guid conversationId)
    {
        if (!_bus.IsShared) return _local.Get(conversationId);
        if (!_latest.TryGetValue(conversationId, out var presence)) return ConversationPresence.Nobody(conversationId);
        // An expired lock is no lock, even before the sweep publishes it.
        return presence.Lock is { } held && held.ExpiresAt <= Now ? presence with { Lock = null } : presence;
    }

    public IReadOnlyList<ConversationPresence> Active() =>
        _bus.IsShared ? _latest.Values.Where(p => !p.IsEmpty).ToList() : _local.Active();

    public async ValueTask SweepAsync()
    {
        await _local.SweepAsync();
        if (Shared is not { } redis) return;
        await RunAsync(async () =>
        {
            foreach (var member in await redis.SetMembersAsync(ActiveSet))
                await PublishAsync(redis, Guid.Parse(member.ToString()));
        }, () => ValueTask.CompletedTask);
    }

    private async Task AddAsync(IDatabase redis, PresenceSession session, Guid conversationId, ConversationAccess access, bool typing)
    {
        var key = ConversationKey(conversationId);
        List<HashEntry> fields =
        [
            new("v:" + session.SessionId, Entry(session, Now + Options.ViewerTimeToLive)),
            new("access", JsonSerializer.Serialize(access)),
        ];
        if (typing) fields.Add(new("t:" + session.SessionId, Entry(session, Now + Options.TypingTimeToLive)));
        await redis.HashSetAsync(key, [.. fields]);
        await redis.SetAddAsync(SessionKey(session.SessionId), conversationId.ToString("N"));
        await redis.KeyExpireAsync(SessionKey(session.SessionId), Options.ViewerTimeToLive * 4);
        await redis.SetAddAsync(ActiveSet, conversationId.ToString("N"));
    }

    private static async Task RemoveAsync(IDatabase redis, string sessionId, Guid conversationId)
    {
        await redis.HashDeleteAsync(ConversationKey(conversationId), ["v:" + sessionId, "t:" + sessionId]);
        await Release.EvaluateAsync(redis, new { key = LockKey(conversationId), marker = $"|{sessionId}|" });
        await redis.SetRemoveAsync(SessionKey(sessionId), conversationId.ToString("N"));
    }

    /// <summary>Reads the conversation's presence back (dropping expired entries) and publishes it when it looks different.</summary>
    private async Task<ConversationPresence> PublishAsync(IDatabase redis, Guid conversationId, bool always = false)
    {
        var presence = await ReadAsync(redis, conversationId);
        var before = _latest.GetValueOrDefault(conversationId) ?? ConversationPresence.Nobody(conversationId);
        Remember(presence);
        if (always || !presence.LooksLike(before)) await _bus.PublishAsync(new PresenceChanged(presence, Now));
        return presence;
    }

    private async Task<ConversationPresence> ReadAsync(IDatabase redis, Guid conversationId)
    {
        var now = Now.ToUnixTimeMilliseconds();
        var key = ConversationKey(conversationId);
        var fields = await redis.HashGetAllAsync(key);
        var access = ConversationAccess.OfTeam(0);
        List<(string Kind, Guid AgentId, string Name)> present = [];
        List<RedisValue> expired = [];
        foreach (var field in fields)
        {
            var name = field.Name.ToString();
            if (name == "access")
            {
                access = JsonSerializer.Deserialize<ConversationAccess>(field.Value.ToString()) ?? access;
                continue;
            }
            var parts = field.Value.ToString().Split('|', 3);
            if (long.Parse(parts[1], CultureInfo.InvariantCulture) <= now) expired.Add(field.Name);
            else present.Add((name[..2], Guid.ParseExact(parts[0], "N"), parts[2]));
        }
        if (expired.Count > 0) await redis.HashDeleteAsync(key, [.. expired]);

        var lockValue = await redis.StringGetWithExpiryAsync(LockKey(conversationId));
        ReplyLock? held = null;
        if (!lockValue.Value.IsNull && lockValue.Expiry is { } left)
        {
            var parts = lockValue.Value.ToString().Split('|', 3);
            held = new ReplyLock(Guid.ParseExact(parts[0], "N"), parts[2], Now + left);
        }
        static List<PresentAgent> Agents(IEnumerable<(string Kind, Guid AgentId, string Name)> entries) =>
            PresentAgent.Distinct(entries.Select(e => new PresentAgent(e.AgentId, e.Name)));
        var presence = new ConversationPresence(conversationId, access, Agents(present.Where(p => p.Kind == "v:")),
            Agents(present.Where(p => p.Kind == "t:")), held);
        if (presence.IsEmpty)
        {
            await redis.SetRemoveAsync(ActiveSet, conversationId.ToString("N"));
            if (present.Count == 0) await redis.KeyDeleteAsync(key);
        }
        return presence;
    }

    private void Remember(ConversationPresence presence)
    {
        if (presence.IsEmpty) _latest.TryRemove(presence.ConversationId, out _);
        else _latest[presence.ConversationId] = presence;
    }

    /// <summary>
    /// Redis is back: what this instance's agents did meanwhile goes to the shared store (and the local copy goes), then
    /// this instance re-reads everyone's presence, since other servers' changes meanwhile never reached it.
    /// </summary>
    private async Task HandOverLocalEntriesAsync()
    {
        // Redis may answer the bus before every connection is back: a few tries, half a second apart.
        for (var attempt = 1; attempt <= 5 && Shared is { } redis; attempt++)
        {
            if (await TryHandOverAsync(redis)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // real time: Redis reconnects on the wall clock
        }
    }

    private async Task<bool> TryHandOverAsync(IDatabase redis)
    {
        try
        {
            var entries = _local.Entries();
            foreach (var (session, conversationId, access, typing) in entries)
                await AddAsync(redis, session, conversationId, access, typing);
            foreach (var session in entries.Select(e => e.Session.SessionId).Distinct()) await _local.DisconnectAsync(session);
            foreach (var conversationId in entries.Select(e => e.ConversationId).Distinct()) await PublishAsync(redis, conversationId, always: true);

            var known = (await redis.SetMembersAsync(ActiveSet)).Select(m => Guid.Parse(m.ToString())).ToHashSet();
            foreach (var stale in _latest.Keys.Where(id => !known.Contains(id)).ToList())
                await _bus.Local.PublishAsync(new PresenceChanged(ConversationPresence.Nobody(stale, _latest[stale].Access), Now));
            foreach (var conversationId in known)
            {
                var presence = await ReadAsync(redis, conversationId);
                Remember(presence);
                await _bus.Local.PublishAsync(new PresenceChanged(presence, Now)); // this server's screens catch up
            }
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Handing presence over to Redis failed; trying again");
            return false;
        }
    }

    /// <summary>Runs against Redis; if Redis fails midway, this one change is kept on this instance instead.</summary>
    private async Task RunAsync(Func<Task> shared, Func<ValueTask> local)
    {
        try
        {
            await shared();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Presence could not be shared through Redis; keeping it on this instance");
            await local();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
