using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// Internal notes: written by anyone who may see the conversation (its team and its participants), never sent to
/// the customer. Mentions notify the agents (or whole teams) named, and bring agents of other teams in as
/// participants.
/// </summary>
public sealed class NoteService(UnitOfWork unitOfWork, TimeProvider clock)
{
    public Task<Result<NoteView>> WriteAsync(Actor actor, Guid conversationId, string? body, bool pinned = false,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<NoteView>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var now = clock.GetUtcNow();
            var mentions = MentionParser.Parse(body ?? "", await CandidatesAsync(db, cancellationToken));
            var note = Note.Write(conversation.Id, actor, body, mentions, pinned, now);
            db.Notes.Add(note);
            db.Record(actor, AuditActions.NoteAdded, AuditSubjects.Note, note.Id.ToString(), now, conversation.Id,
                after: new { mentions = mentions.Select(m => m.Name).Distinct().ToList(), pinned });

            // Everyone named hears of it; those outside the team are brought in to read and note along.
            var recipients = await RecipientsAsync(db, mentions, cancellationToken);
            var addedParticipants = false;
            List<Notification> notifications = [];
            foreach (var recipient in recipients.Where(r => r.AgentId != actor.AgentId))
            {
                if (conversation.AddParticipant(recipient, actor, now))
                {
                    addedParticipants = true;
                    db.Record(actor, AuditActions.ParticipantAdded, AuditSubjects.Conversation, conversation.Id.ToString(), now,
                        conversation.Id, after: new { agentId = recipient.AgentId, name = recipient.Name, reason = "mentioned" });
                }
                notifications.Add(new Notification(recipient.AgentId, NotificationKind.Mention,
                    $"{actor.Name} mentioned you in #{conversation.Number}: {Text.Preview(note.Body, 160)}", conversation.Id, note.Id,
                    actor.AgentId, actor.Name, now));
            }
            db.Notifications.AddRange(notifications);
            await db.SaveChangesAsync(cancellationToken);

            var view = await CollaborationQueries.Notes(db, n => n.Id == note.Id).FirstAsync(cancellationToken);
            var summary = (await ConversationQueries.FindSummaryAsync(db, conversation.Id, cancellationToken))!;
            List<LiveEvent> events = [new NoteAdded(view, summary.Access, now)];
            if (addedParticipants) events.Add(new ConversationUpdated(summary, now));
            events.AddRange(await NotificationEventsAsync(db, notifications, now, cancellationToken));
            return new Committed<NoteView>(view, events);
        }, cancellationToken);

    /// <summary>Pins a note to the conversation's context card, or takes it off.</summary>
    public Task<Result<NoteView>> PinAsync(Actor actor, Guid conversationId, Guid noteId, bool pinned, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<NoteView>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == noteId && n.ConversationId == conversation.Id, cancellationToken);
            if (note is null) return Problem.NotFound("The note");
            var now = clock.GetUtcNow();
            var changed = note.SetPinned(actor, pinned, now);
            if (changed)
            {
                db.Record(actor, pinned ? AuditActions.NotePinned : AuditActions.NoteUnpinned, AuditSubjects.Note, note.Id.ToString(), now,
                    conversation.Id);
                await db.SaveChangesAsync(cancellationToken);
            }
            var view = await CollaborationQueries.Notes(db, n => n.Id == note.Id).FirstAsync(cancellationToken);
            return new Committed<NoteView>(view, changed ? [new NoteUpdated(view, conversation.Access, now)] : []);
        }, cancellationToken);

    /// <summary>Active agents and teams, with the names a note may use for them.</summary>
    internal static async Task<IReadOnlyList<MentionParser.Candidate>> CandidatesAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        var agents = await db.Users.AsNoTracking().Where(a => a.IsActive)
            .Select(a => new { a.Id, a.DisplayName, a.Email }).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        // A first name is enough when nobody else shares it ("@hamza").
        static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
        var uniqueFirstNames = agents.GroupBy(a => FirstName(a.DisplayName), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return agents.Select(a => new MentionParser.Candidate(MentionKind.Agent, a.Id.ToString(), a.DisplayName,
                [a.DisplayName, a.Email?.Split('@')[0] ?? "", uniqueFirstNames.Contains(FirstName(a.DisplayName)) ? FirstName(a.DisplayName) : ""]))
            .Concat(teams.Select(t => new MentionParser.Candidate(MentionKind.Team, t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.Name, [t.Name, t.Name + " team"])))
            .ToList();
    }

    /// <summary>The agents a set of mentions reaches: those named, and every active member of a team named.</summary>
    private static async Task<IReadOnlyList<Actor>> RecipientsAsync(ShuttleDbContext db, IReadOnlyList<Mention> mentions,
        CancellationToken cancellationToken)
    {
        var agentIds = mentions.Where(m => m.AgentId is not null).Select(m => m.AgentId!.Value).ToList();
        var teamIds = mentions.Where(m => m.TeamId is not null).Select(m => m.TeamId!.Value).ToList();
        if (agentIds.Count == 0 && teamIds.Count == 0) return [];
        var agents = await DirectoryService.AgentViews(db, a => a.IsActive && (agentIds.Contains(a.Id) || a.Teams.Any(t => teamIds.Contains(t.TeamId))))
            .ToListAsync(cancellationToken);
        return agents.Select(DirectoryService.ToActor).ToList();
    }

    internal static async Task<IEnumerable<LiveEvent>> NotificationEventsAsync(ShuttleDbContext db, IReadOnlyList<Notification> notifications,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0) return [];
        var ids = notifications.Select(n => n.Id).ToList();
        var views = await CollaborationQueries.Notifications(db, n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
        return notifications.Select(n => new NotificationCreated(views.Single(v => v.Id == n.Id), n.RecipientId, now));
    }
}
