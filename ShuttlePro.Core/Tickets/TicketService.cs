using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Tickets;

/// <summary>
/// Escalation of a conversation into a tracked ticket, and the ticket's lifecycle. Each operation checks the actor,
/// saves the change with its ticket timeline line and audit event in one transaction, and publishes
/// <see cref="TicketUpdated"/> after the commit.
/// </summary>
public sealed class TicketService(UnitOfWork unitOfWork, IDbContextFactory<ShuttleDbContext> dbFactory, TimeProvider clock)
{
    public const string NumberCounter = "ticket-number";

    /// <summary>What the escalation form opens with: a title and a description drafted from the conversation and its pinned notes.</summary>
    public async Task<Result<EscalationDraft>> DraftAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var types = await db.TicketTypes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
                .Select(t => t.Name).ToListAsync(cancellationToken);
            var (subject, description) = await DraftTextAsync(db, conversation, cancellationToken);
            var members = await db.AgentTeams.AsNoTracking()
                .Join(db.Users.Where(a => a.IsActive), m => m.AgentId, a => a.Id, (m, a) => new { m.TeamId, a.Id, a.DisplayName })
                .ToListAsync(cancellationToken);
            var teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
                .Select(t => new TeamMembers(t.Id, t.Name, members.Where(m => m.TeamId == t.Id).OrderBy(m => m.DisplayName)
                    .Select(m => new AgentRef(m.Id, m.DisplayName)).ToList()))
                .ToList();
            var open = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversationId && t.OpenTypeId != null)
                .Select(TicketProjections.Summary).ToListAsync(cancellationToken);
            return new EscalationDraft(conversationId, subject, description, types, conversation.TeamId, teams, open);
        }
        catch (DomainException refused)
        {
            return refused.Problem;
        }
    }

    public Task<Result<TicketSummary>> EscalateAsync(Actor actor, Guid conversationId, EscalateTicket request,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TicketSummary>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var typeName = request.Type?.Trim() ?? "";
            var types = await db.TicketTypes.ToListAsync(cancellationToken);
            var type = types.FirstOrDefault(t => string.Equals(t.Name, typeName, StringComparison.OrdinalIgnoreCase));
            if (type is null)
                return Problem.Validation($"Unknown ticket type \"{typeName}\". Types: {string.Join(", ", types.Where(t => t.IsActive).Select(t => t.Name))}.");
            if (!Enum.IsDefined(request.Priority)) return Problem.Validation("Unknown ticket priority.");

            var open = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversation.Id && t.OpenTypeId == type.Id)
                .Select(t => new { t.Id, t.Number }).FirstOrDefaultAsync(cancellationToken);
            if (open is not null)
                return new Problem(Ticket.AlreadyOpen, $"Ticket {Ticket.Format(open.Number)} ({type.Name}) is already open on this conversation.",
                    new Dictionary<string, object?> { ["ticketId"] = open.Id, ["number"] = Ticket.Format(open.Number) });

            var teamId = request.TeamId ?? conversation.TeamId;
            if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken)) return Problem.Validation("That team does not exist.");
            var ownerId = request.OwnerId is { } requested && requested != Guid.Empty
                ? requested
                : request.OwnerId is null && !actor.IsSystem && actor.TeamIds.Contains(teamId) ? actor.AgentId : (Guid?)null;
            if (ownerId is { } owner && await OwnerProblemAsync(db, owner, teamId, cancellationToken) is { } ownerProblem) return ownerProblem;

            var now = clock.GetUtcNow();
            string? title = request.Title, description = request.Description;
            if (string.IsNullOrWhiteSpace(title) || description is null)
            {
                var drafted = await DraftTextAsync(db, conversation, cancellationToken);
                if (string.IsNullOrWhiteSpace(title)) title = EscalationDraft.Title(type.Name, drafted.Subject);
                description ??= drafted.Description;
            }
            var lastMessageId = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id)
                .OrderByDescending(m => m.Position).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            var targets = await SlaCalculator.TargetsAsync(db, teamId, request.Priority, now, cancellationToken);
            var number = checked((int)(await NumberCounterAsync(db, cancellationToken)).Next());
            var ticket = Ticket.Escalate(number, conversation.Id, lastMessageId, type, request.Priority, teamId, ownerId, title, description,
                actor, targets, now);
            db.Tickets.Add(ticket);
            var created = TicketEvent.Change(ticket, TicketEventKind.Created, actor, now, null, ticket.Priority.ToString(),
                messageId: lastMessageId);
            db.TicketEvents.Add(created);
            db.Record(actor, AuditActions.TicketCreated, AuditSubjects.Ticket, ticket.Id.ToString(), now, conversation.Id,
                after: new { number = ticket.HumanNumber, type = type.Name, priority = ticket.Priority, teamId, ownerId, ticket.DueAt, ticket.Title });
            if (ownerId is { } notified && notified != actor.AgentId)
                db.Notifications.Add(new Notification(notified, NotificationKind.Ticket,
                    $"{actor.Name} escalated #{conversation.Number} to ticket {ticket.HumanNumber} ({type.Name}, {ticket.Priority}) for you",
                    conversation.Id, null, actor.IsSystem ? null : actor.AgentId, actor.Name, now));
            await db.SaveChangesAsync(cancellationToken);
            return await CommittedAsync(db, ticket.Id, [created.Id], now, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Changes status, priority, owner or team (the ticket's owner, its team's leads, supervisors and admins only).
    /// Solving needs a resolution; it writes a line into the conversation and can draft the customer's reply.
    /// </summary>
    public Task<Result<TicketSummary>> UpdateAsync(Actor actor, Guid ticketId, TicketChange change, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TicketSummary>(async db =>
        {
            var ticket = await FindVisibleAsync(db, actor, ticketId, cancellationToken);
            ticket.EnsureManagedBy(actor);
            if (change.Priority is { } requested && !Enum.IsDefined(requested)) return Problem.Validation("Unknown ticket priority.");
            if (change.Status is { } reopening && reopening.IsOpen() && !ticket.Status.IsOpen() && ticket.Status != TicketStatus.Closed)
            {
                var open = await db.Tickets.AsNoTracking()
                    .Where(t => t.ConversationId == ticket.ConversationId && t.OpenTypeId == ticket.TypeId && t.Id != ticket.Id)
                    .Select(t => new { t.Id, t.Number }).FirstOrDefaultAsync(cancellationToken);
                if (open is not null)
                    return new Problem(Ticket.AlreadyOpen,
                        $"Ticket {Ticket.Format(open.Number)} ({ticket.Type.Name}) is open on this conversation; work on it instead of reopening this one.",
                        new Dictionary<string, object?> { ["ticketId"] = open.Id, ["number"] = Ticket.Format(open.Number) });
            }
            var now = clock.GetUtcNow();
            var teamBefore = ticket.TeamId;
            List<TicketEvent> events = [];
            void Line(TicketEventKind kind, object? from, object? to, string? body = null) =>
                events.Add(TicketEvent.Change(ticket, kind, actor, now, from?.ToString(), to?.ToString(), body));

            if (change.TeamId is { } teamId && teamId != ticket.TeamId)
            {
                var teams = await db.Teams.AsNoTracking().Where(t => t.Id == teamId || t.Id == ticket.TeamId).ToDictionaryAsync(t => t.Id, cancellationToken);
                if (!teams.TryGetValue(teamId, out var team)) return Problem.Validation("That team does not exist.");
                var from = teams[ticket.TeamId].Name;
                ticket.MoveToTeam(teamId, await SlaCalculator.TargetsAsync(db, teamId, ticket.Priority, ticket.CreatedAt, cancellationToken), now);
                Line(TicketEventKind.TeamChanged, from, team.Name);
                // An owner outside the new team leaves with the move unless a new owner comes with it.
                if (change.OwnerId is null && ticket.OwnerId is { } current && await OwnerProblemAsync(db, current, teamId, cancellationToken) is not null)
                    change = change with { OwnerId = Guid.Empty };
            }
            if (change.OwnerId is { } ownerId)
            {
                Guid? newOwner = ownerId == Guid.Empty ? null : ownerId;
                if (newOwner is { } owner && await OwnerProblemAsync(db, owner, ticket.TeamId, cancellationToken) is { } problem) return problem;
                var previous = ticket.Owner?.DisplayName;
                if (ticket.AssignTo(newOwner, now))
                {
                    var name = newOwner is null ? null : await db.Users.Where(a => a.Id == newOwner).Select(a => a.DisplayName).FirstAsync(cancellationToken);
                    Line(TicketEventKind.OwnerChanged, previous, name);
                    if (newOwner is { } notified && notified != actor.AgentId)
                        db.Notifications.Add(new Notification(notified, NotificationKind.Ticket,
                            $"{actor.Name} gave you ticket {ticket.HumanNumber}: {Text.Preview(ticket.Title, 120)}", ticket.ConversationId, null,
                            actor.IsSystem ? null : actor.AgentId, actor.Name, now));
                }
            }
            if (change.Priority is { } priority && priority != ticket.Priority)
            {
                var from = ticket.Priority;
                ticket.ChangePriority(priority, await SlaCalculator.TargetsAsync(db, ticket.TeamId, priority, ticket.CreatedAt, cancellationToken), now);
                Line(TicketEventKind.PriorityChanged, from, priority);
            }
            if (change.Status is { } status)
            {
                var from = ticket.Status;
                if (ticket.ChangeStatus(status, change.Resolution, change.ReplyDraft, now) is { } kind)
                {
                    Line(kind, from.Label(), status.Label(), kind == TicketEventKind.Solved ? ticket.Resolution : null);
                    if (kind == TicketEventKind.Solved && ticket.ReplyDraft is not null)
                        NotifyConversationOwner(db, actor, ticket, now);
                }
            }
            else if (change.Resolution is not null)
            {
                return Problem.Validation("A resolution goes with solving the ticket (status Solved).");
            }

            if (events.Count == 0)
                return new Committed<TicketSummary>(await db.Tickets.AsNoTracking().Where(t => t.Id == ticket.Id)
                    .Select(TicketProjections.Summary).FirstAsync(cancellationToken));
            db.TicketEvents.AddRange(events);
            db.Record(actor, AuditActions.TicketUpdated, AuditSubjects.Ticket, ticket.Id.ToString(), now, ticket.ConversationId,
                before: events.ToDictionary(e => e.Kind.ToString(), e => e.From),
                after: events.ToDictionary(e => e.Kind.ToString(), e => e.To));
            if (events.Any(e => e.Kind == TicketEventKind.Solved))
                db.Record(actor, AuditActions.TicketSolved, AuditSubjects.Ticket, ticket.Id.ToString(), now, ticket.ConversationId,
                    after: new { number = ticket.HumanNumber, ticket.Resolution, replyDrafted = ticket.ReplyDraft is not null, late = now > ticket.DueAt });
            await db.SaveChangesAsync(cancellationToken);
            return await CommittedAsync(db, ticket.Id, events.Select(e => e.Id).ToList(), now, cancellationToken,
                teamBefore != ticket.TeamId ? teamBefore : null);
        }, cancellationToken);

    /// <summary>An internal comment on the ticket's timeline; anyone who may see the ticket may comment.</summary>
    public Task<Result<TicketEventView>> CommentAsync(Actor actor, Guid ticketId, string? body, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TicketEventView>(async db =>
        {
            var ticket = await FindVisibleAsync(db, actor, ticketId, cancellationToken);
            var now = clock.GetUtcNow();
            var comment = TicketEvent.Comment(ticket, actor, body, now);
            db.TicketEvents.Add(comment);
            db.Record(actor, AuditActions.TicketCommented, AuditSubjects.Ticket, ticket.Id.ToString(), now, ticket.ConversationId,
                after: new { number = ticket.HumanNumber, commentId = comment.Id });
            await db.SaveChangesAsync(cancellationToken);
            var updated = await TicketQueries.UpdatedEventAsync(db, ticket.Id, [comment.Id], now, cancellationToken);
            return new Committed<TicketEventView>(updated.Events[0], [updated]);
        }, cancellationToken);

    /// <summary>
    /// A reply reached the customer of a conversation: its open tickets waiting for their first response have it now.
    /// Runs inside the reply's unit of work; the returned ids are the tickets to announce after the commit.
    /// </summary>
    internal static async Task<IReadOnlyList<(Guid TicketId, Guid EventId)>> RecordFirstResponseAsync(ShuttleDbContext db, Actor actor,
        Guid conversationId, Guid messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Tickets.Where(t => t.ConversationId == conversationId && t.OpenTypeId != null && t.FirstRespondedAt == null)
            .ToListAsync(cancellationToken);
        List<(Guid, Guid)> answered = [];
        foreach (var ticket in waiting.Where(t => t.RecordFirstResponse(now)))
        {
            var line = TicketEvent.Change(ticket, TicketEventKind.FirstResponse, actor, now, null, null, messageId: messageId);
            db.TicketEvents.Add(line);
            db.Record(actor, AuditActions.TicketFirstResponse, AuditSubjects.Ticket, ticket.Id.ToString(), now, conversationId,
                after: new { messageId, late = now > ticket.FirstResponseDueAt });
            answered.Add((ticket.Id, line.Id));
        }
        return answered;
    }

    internal static async Task<IReadOnlyList<LiveEvent>> AnnounceAsync(ShuttleDbContext db, IReadOnlyList<(Guid TicketId, Guid EventId)> changes,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<LiveEvent> events = [];
        foreach (var change in changes)
            events.Add(await TicketQueries.UpdatedEventAsync(db, change.TicketId, [change.EventId], now, cancellationToken));
        return events;
    }

    private static async Task<Committed<TicketSummary>> CommittedAsync(ShuttleDbContext db, Guid ticketId, IReadOnlyList<Guid> eventIds,
        DateTimeOffset now, CancellationToken cancellationToken, int? previousTeamId = null)
    {
        var updated = await TicketQueries.UpdatedEventAsync(db, ticketId, eventIds, now, cancellationToken, previousTeamId);
        List<LiveEvent> events = [updated];
        var notificationIds = db.ChangeTracker.Entries<Notification>().Select(e => e.Entity).ToList();
        events.AddRange(await NoteService.NotificationEventsAsync(db, notificationIds, now, cancellationToken));
        return new Committed<TicketSummary>(updated.Ticket, events);
    }

    private static async Task<Ticket> FindVisibleAsync(ShuttleDbContext db, Actor actor, Guid ticketId, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.Include(t => t.Owner).Include(t => t.Type)
            .Include(t => t.Conversation).ThenInclude(c => c.Participants)
            .FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null || !Permissions.CanSee(actor, new TicketAccess(ticket.Conversation.Access, ticket.TeamId)))
            throw new DomainException(Problem.NotFound("The ticket"));
        return ticket;
    }

    /// <summary>A ticket's owner is an active agent of the ticket's team (or a supervisor or admin, who work across teams).</summary>
    private static async Task<Problem?> OwnerProblemAsync(ShuttleDbContext db, Guid ownerId, int teamId, CancellationToken cancellationToken)
    {
        var agent = await DirectoryService.AgentViews(db, a => a.Id == ownerId).FirstOrDefaultAsync(cancellationToken);
        if (agent is null || !agent.IsActive) return Problem.Validation("The ticket's owner must be an active agent.");
        var actor = DirectoryService.ToActor(agent);
        return actor.TeamIds.Contains(teamId) || actor.SeesAllTeams
            ? null
            : Problem.Validation($"{agent.Name} is not in the ticket's team; choose one of its agents or move the ticket first.");
    }

    private static void NotifyConversationOwner(ShuttleDbContext db, Actor actor, Ticket ticket, DateTimeOffset now)
    {
        var owner = ticket.Conversation.OwnerId;
        if (owner is null || owner == actor.AgentId) return;
        db.Notifications.Add(new Notification(owner.Value, NotificationKind.Ticket,
            $"{actor.Name} solved ticket {ticket.HumanNumber}; a reply for the customer is drafted in #{ticket.Conversation.Number}",
            ticket.ConversationId, null, actor.IsSystem ? null : actor.AgentId, actor.Name, now));
    }

    /// <summary>Subject and description drafted from the conversation: the contact, the brand, the customer's latest words, the pinned notes.</summary>
    private static async Task<(string Subject, string Description)> DraftTextAsync(ShuttleDbContext db, Conversation conversation,
        CancellationToken cancellationToken)
    {
        var context = await db.Conversations.AsNoTracking().Where(c => c.Id == conversation.Id)
            .Select(c => new { Contact = c.Contact.Name, Phone = c.Contact.WaId, Brand = c.Channel.Brand.Name })
            .FirstAsync(cancellationToken);
        var lastWords = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.Inbound)
            .OrderByDescending(m => m.Position).Take(3).Select(m => m.Body).ToListAsync(cancellationToken);
        lastWords.Reverse();
        var pinned = await db.Notes.AsNoTracking().Where(n => n.ConversationId == conversation.Id && n.Pinned)
            .OrderBy(n => n.CreatedAt).Select(n => new { n.Body, Author = n.Author.DisplayName }).ToListAsync(cancellationToken);

        var latest = lastWords.LastOrDefault();
        var subject = context.Contact + (latest is null ? "" : " — " + Text.Preview(latest, 80));
        var description = new System.Text.StringBuilder()
            .AppendLine($"Customer: {context.Contact} (+{context.Phone}), {context.Brand}, conversation #{conversation.Number}.");
        if (lastWords.Count > 0)
        {
            description.AppendLine().AppendLine("Customer wrote:");
            foreach (var words in lastWords) description.AppendLine("> " + Text.Preview(words, 400));
        }
        if (pinned.Count > 0)
        {
            description.AppendLine().AppendLine("Pinned context:");
            foreach (var note in pinned) description.AppendLine($"- {Text.Preview(note.Body, 400)} ({note.Author})");
        }
        var text = description.ToString().Trim();
        return (subject, text.Length > Ticket.MaxDescriptionLength ? text[..Ticket.MaxDescriptionLength] : text);
    }

    private static async Task<Counter> NumberCounterAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        var counter = await db.Counters.FirstOrDefaultAsync(c => c.Name == NumberCounter, cancellationToken);
        if (counter is null)
        {
            var highest = await db.Tickets.MaxAsync(t => (int?)t.Number, cancellationToken) ?? Ticket.FirstNumber - 1;
            counter = new Counter(NumberCounter, highest);
            db.Counters.Add(counter);
        }
        return counter;
    }
}
