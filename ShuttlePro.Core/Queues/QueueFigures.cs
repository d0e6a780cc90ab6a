using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Queues;

/// <summary>
/// Computes the board from rows in one pass over the conversations and one over the tickets (10,000 open conversations take a
/// few milliseconds, and the publisher does it at most twice a second, whatever the event rate).
/// </summary>
public static class QueueFigures
{
    private sealed class Cell
    {
        public int Open;
        public int Unassigned;
        public int Waiting;
        public long LongestWait;
        public int WindowClosingSoon;
        public int SlaAtRisk;
        public int SlaBreached;

        public void Add(ConversationEntry c, DateTimeOffset now)
        {
            Open++;
            if (c.OwnerId is null) Unassigned++;
            if (QueueStats.IsWaiting(c))
            {
                Waiting++;
                LongestWait = Math.Max(LongestWait, QueueStats.WaitSeconds(c.AwaitingReplySince!.Value, now));
            }
            if (QueueStats.WindowClosesSoon(c, now)) WindowClosingSoon++;
        }

        public void Add(SlaState sla)
        {
            if (sla == SlaState.Approaching) SlaAtRisk++;
            else if (sla == SlaState.Breached) SlaBreached++;
        }
    }

    public static QueueStats Compute(QueueData data, DateTimeOffset now)
    {
        var open = new Dictionary<Guid, ConversationEntry>();
        var byTeam = new Dictionary<int, Cell>();
        var byChannel = new Dictionary<(int TeamId, int ChannelId), (ConversationEntry Sample, Cell Cell)>();
        var owned = new Dictionary<Guid, int>();
        foreach (var c in data.Conversations)
        {
            if (!c.IsOpen) continue;
            open[c.Id] = c;
            CellOf(byTeam, c.TeamId).Add(c, now);
            var key = (c.TeamId, c.ChannelId);
            if (!byChannel.TryGetValue(key, out var channel)) byChannel[key] = channel = (c, new Cell());
            channel.Cell.Add(c, now);
            if (c.OwnerId is { } owner) owned[owner] = owned.GetValueOrDefault(owner) + 1;
        }

        var slaOf = new Dictionary<Guid, (SlaState State, TicketEntry Ticket)>();
        foreach (var t in data.Tickets)
        {
            if (!t.IsOpen) continue;
            var state = t.SlaAt(now);
            CellOf(byTeam, t.TeamId).Add(state);
            // A ticket's channel is its conversation's; a ticket of a conversation resolved meanwhile counts for its team only.
            if (open.TryGetValue(t.ConversationId, out var c) && byChannel.TryGetValue((t.TeamId, c.ChannelId), out var channel)) channel.Cell.Add(state);
            if (state is SlaState.Breached or SlaState.Approaching
                && (!slaOf.TryGetValue(t.ConversationId, out var worst) || Rank(state, t).CompareTo(Rank(worst.State, worst.Ticket)) < 0))
                slaOf[t.ConversationId] = (state, t);
        }

        var presence = data.Presence.Where(p => !p.IsEmpty).ToDictionary(p => p.ConversationId);
        var teamNames = data.Teams.ToDictionary(t => t.Id, t => t.Name);

        var teams = QueueStats.Ordered(data.Teams, t => t.Name, t => t.Id).Select(team =>
        {
            var cell = byTeam.GetValueOrDefault(team.Id) ?? new Cell();
            return new TeamQueueStats(team.Id, team.Name, cell.Open, cell.Unassigned, cell.Waiting, cell.LongestWait, cell.WindowClosingSoon,
                cell.SlaAtRisk, cell.SlaBreached);
        }).ToList();

        var channels = byChannel
            .OrderBy(c => c.Value.Sample.Brand, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Value.Sample.ChannelName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Key.ChannelId).ThenBy(c => c.Key.TeamId)
            .Select(c => new ChannelQueueStats(c.Key.TeamId, c.Key.ChannelId, c.Value.Sample.ChannelName, c.Value.Sample.Brand, c.Value.Cell.Open,
                c.Value.Cell.Unassigned, c.Value.Cell.Waiting, c.Value.Cell.LongestWait, c.Value.Cell.WindowClosingSoon, c.Value.Cell.SlaAtRisk,
                c.Value.Cell.SlaBreached))
            .ToList();

        var since = now - QueueStats.RepliesWindow;
        var replies = data.Replies.Where(r => r.At > since && r.At <= now).GroupBy(r => r.AgentId).ToDictionary(g => g.Key, g => g.Count());
        var viewing = new Dictionary<Guid, List<ConversationRef>>();
        var typing = new Dictionary<Guid, List<ConversationRef>>();
        foreach (var p in presence.Values.OrderBy(p => open.GetValueOrDefault(p.ConversationId)?.Number ?? int.MaxValue).ThenBy(p => p.ConversationId))
        {
            var reference = new ConversationRef(p.ConversationId, open.GetValueOrDefault(p.ConversationId)?.Number, p.Access.TeamId);
            foreach (var agent in p.Viewers) ListOf(viewing, agent.AgentId).Add(reference);
            foreach (var agent in p.Typing) ListOf(typing, agent.AgentId).Add(reference);
        }
        var agents = QueueStats.Ordered(data.Agents.Where(a => a.IsActive), a => a.Name, a => a.Id)
            .Select(a => new AgentQueueStats(a.Id, a.Name, a.Status, a.OnShift, owned.GetValueOrDefault(a.Id), a.Capacity, a.TeamIds,
                replies.GetValueOrDefault(a.Id), viewing.GetValueOrDefault(a.Id) ?? [], typing.GetValueOrDefault(a.Id) ?? []))
            .ToList();

        return new QueueStats(now, teams, agents, channels, Attention(open.Values, slaOf, presence, teamNames, now));
    }

    private static List<AttentionItem> Attention(IEnumerable<ConversationEntry> open, Dictionary<Guid, (SlaState State, TicketEntry Ticket)> slaOf,
        Dictionary<Guid, ConversationPresence> presence, Dictionary<int, string> teamNames, DateTimeOffset now)
    {
        var candidates = new List<(AttentionItem Item, int Rank, DateTimeOffset Urgency)>();
        foreach (var c in open)
        {
            var reasons = new List<AttentionReason>(2);
            slaOf.TryGetValue(c.Id, out var sla);
            if (sla.Ticket is not null) reasons.Add(sla.State == SlaState.Breached ? AttentionReason.SlaBreached : AttentionReason.SlaAtRisk);
            if (c.OwnerId is null && QueueStats.IsWaiting(c)) reasons.Add(AttentionReason.WaitingUnowned);
            if (QueueStats.IsWaiting(c) && QueueStats.WindowClosesSoon(c, now)) reasons.Add(AttentionReason.WindowClosing);
            if (reasons.Count == 0) continue;

            var reason = reasons[0];
            var windowClosesAt = c.LastInboundAt + Conversations.Conversation.CustomerServiceWindow;
            // Within a reason, the earliest moment first: the oldest deadline, the longest wait, the window closing first.
            var urgency = reason switch
            {
                AttentionReason.SlaBreached or AttentionReason.SlaAtRisk => sla.Ticket!.NextDueAt,
                AttentionReason.WaitingUnowned => c.AwaitingReplySince!.Value,
                _ => windowClosesAt!.Value,
            };
            var people = presence.GetValueOrDefault(c.Id);
            candidates.Add((new AttentionItem(c.Id, c.Number, c.TeamId, teamNames.GetValueOrDefault(c.TeamId, ""), c.ChannelName, c.Brand, c.ContactName,
                c.OwnerId, c.OwnerName, reason, reasons, c.AwaitingReplySince, windowClosesAt, sla.Ticket?.Number, sla.Ticket?.NextDueAt,
                people?.Viewers ?? [], people?.Typing ?? []), (int)reason, urgency));
        }
        return candidates
            .OrderBy(c => c.Rank).ThenBy(c => c.Urgency).ThenBy(c => c.Item.Number)
            .GroupBy(c => c.Item.TeamId).SelectMany(g => g.Take(QueueStats.AttentionPerTeam))
            .OrderBy(c => c.Rank).ThenBy(c => c.Urgency).ThenBy(c => c.Item.Number)
            .Select(c => c.Item)
            .ToList();
    }

    /// <summary>The ticket that makes a conversation most urgent: breached before at risk, then the earliest deadline.</summary>
    private static (int, DateTimeOffset) Rank(SlaState state, TicketEntry ticket) => (state == SlaState.Breached ? 0 : 1, ticket.NextDueAt);

    private static Cell CellOf(Dictionary<int, Cell> cells, int key)
    {
        if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new Cell();
        return cell;
    }

    private static List<ConversationRef> ListOf(Dictionary<Guid, List<ConversationRef>> lists, Guid key)
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        return list;
    }
}
