using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Collaboration;

/// <summary>The SQL-translatable shapes of notes, handoffs and notifications.</summary>
internal static class CollaborationQueries
{
    public static IQueryable<NoteView> Notes(ShuttleDbContext db, Expression<Func<Note, bool>> where) =>
        db.Notes.AsNoTracking().Where(where).OrderBy(n => n.CreatedAt).Select(n => new NoteView(
            n.Id, n.ConversationId, n.Body, n.AuthorId, n.Author.DisplayName, n.CreatedAt, n.Pinned,
            n.Mentions.Select(m => new MentionView(m.AgentId, m.TeamId, m.Name)).ToList()));

    public static IQueryable<HandoffView> Handoffs(ShuttleDbContext db, Expression<Func<Handoff, bool>> where) =>
        db.Handoffs.AsNoTracking().Where(where).OrderBy(h => h.CreatedAt).Select(h => new HandoffView(
            h.Id, h.ConversationId, h.ByAgentId,
            db.Users.Where(u => u.Id == h.ByAgentId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            h.FromAgentId, db.Users.Where(u => u.Id == h.FromAgentId).Select(u => u.DisplayName).FirstOrDefault(),
            h.FromTeamId, db.Teams.Where(t => t.Id == h.FromTeamId).Select(t => t.Name).FirstOrDefault() ?? "",
            h.ToAgentId, db.Users.Where(u => u.Id == h.ToAgentId).Select(u => u.DisplayName).FirstOrDefault(),
            h.ToTeamId, db.Teams.Where(t => t.Id == h.ToTeamId).Select(t => t.Name).FirstOrDefault(),
            h.Note, h.CreatedAt));

    public static IQueryable<NotificationView> Notifications(ShuttleDbContext db, Expression<Func<Notification, bool>> where) =>
        db.Notifications.AsNoTracking().Where(where).Select(n => new NotificationView(
            n.Id, n.Kind, n.Text, n.ConversationId, n.NoteId, n.ActorName, n.CreatedAt, n.ReadAt));
}
