using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Audit;

/// <summary>What to show of the audit trail. Every part is optional; <see cref="Text"/> searches actor, subject and data.</summary>
public sealed record AuditFilter(Guid? ConversationId = null, Guid? TicketId = null, Guid? ActorId = null, string? Action = null,
    int? TeamId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <summary>One audit event as read: its content, its place in the chain, and its hashes.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, string SubjectType,
    string SubjectId, Guid? ConversationId, int? TeamId, string? Before, string? After, string PreviousHash, string Hash)
{
    public AuditContent Content => new(PreviousHash, Sequence, At, ActorId, ActorName, Action, SubjectType, SubjectId, ConversationId,
        TeamId, Before, After);
}

/// <summary>
/// Reads of the audit trail for the audit page, the API and exports. Supervisors and admins read everything; shift leads
/// the events of their teams; agents none (a conversation's own activity is <see cref="ConversationActivityAsync"/>).
/// Pages are keyset pages on the sequence, so the newest page costs the same at a million events as at a hundred.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<ShuttleDbContext> dbFactory)
{
    public static bool MayRead(Actor actor) => Permissions.MayLead(actor);

    /// <summary>Events in ascending order after <paramref name="after"/> (the API's paging).</summary>
    public Task<Result<IReadOnlyList<AuditEntry>>> ListAsync(Actor actor, AuditFilter filter, long? after, int limit,
        CancellationToken cancellationToken = default) =>
        PageAsync(actor, filter, limit, events => events.Where(a => after == null || a.Sequence > after).OrderBy(a => a.Sequence), cancellationToken);

    /// <summary>Events newest first, older than <paramref name="before"/> (the audit page's paging).</summary>
    public Task<Result<IReadOnlyList<AuditEntry>>> NewestAsync(Actor actor, AuditFilter filter, long? before, int limit,
        CancellationToken cancellationToken = default) =>
        PageAsync(actor, filter, limit, events => events.Where(a => before == null || a.Sequence < before).OrderByDescending(a => a.Sequence),
            cancellationToken);

    /// <summary>Checks the reader and the filter before an export starts streaming.</summary>
    public static Problem? Check(Actor actor, AuditFilter filter)
    {
        if (!MayRead(actor)) return Problem.Forbidden("The audit trail is for supervisors, admins and shift leads.");
        if (filter.TeamId is { } teamId && !actor.SeesAllTeams && !actor.TeamIds.Contains(teamId))
            return Problem.Forbidden("You lead other teams.");
        if (filter.From is { } from && filter.To is { } to && from > to) return Problem.Validation("from must not be after to.");
        return null;
    }

    /// <summary>Every matching event in ascending order, streamed (exports never hold the trail in memory).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(Actor actor, AuditFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Check(actor, filter) is { } problem) throw new DomainException(problem);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = Filtered(db, actor, filter).OrderBy(a => a.Sequence).Select(Projection);
        await foreach (var entry in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return entry;
    }

    public async Task<Result<AuditEntry>> GetAsync(Actor actor, long sequence, CancellationToken cancellationToken = default)
    {
        if (Check(actor, new AuditFilter()) is { } problem) return problem;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await Filtered(db, actor, new AuditFilter()).Where(a => a.Sequence == sequence).Select(Projection).FirstOrDefaultAsync(cancellationToken);
        return entry is null ? Problem.NotFound($"Audit event #{sequence}") : entry;
    }

    /// <summary>The conversation numbered <paramref name="number"/> ("1042" or "#1042") if the actor may see it (the page's filter).</summary>
    public async Task<Guid?> FindConversationAsync(Actor actor, string number, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(number.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Conversations.AsNoTracking().Where(c => c.Number == value).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found && await IsVisibleAsync(db, actor, found, cancellationToken) ? found : null;
    }

    /// <summary>Whether <paramref name="actor"/> may see the conversation (its team or a participant); false when it does not exist.</summary>
    private static async Task<bool> IsVisibleAsync(ShuttleDbContext db, Actor actor, Guid conversationId, CancellationToken cancellationToken)
    {
        var access = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.TeamId, Participants = c.Participants.Select(p => p.AgentId).ToList() }).FirstOrDefaultAsync(cancellationToken);
        return access is not null && new ConversationAccess(access.TeamId, access.Participants).IsVisibleTo(actor);
    }

    /// <summary>The numbers of the conversations on a page of events (for their links), by primary key.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ConversationNumbersAsync(IEnumerable<Guid?> conversationIds,
        CancellationToken cancellationToken = default)
    {
        var ids = conversationIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, int>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken);
    }

    private async Task<Result<IReadOnlyList<AuditEntry>>> PageAsync(Actor actor, AuditFilter filter, int limit,
        Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> order, CancellationToken cancellationToken)
    {
        if (Check(actor, filter) is { } problem) return problem;
        if (limit is < 1 or > AuditFilter.MaxLimit) return Problem.Validation($"limit must be between 1 and {AuditFilter.MaxLimit}.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await order(Filtered(db, actor, filter)).Take(limit).Select(Projection).ToListAsync(cancellationToken);
    }

    private static IQueryable<AuditEvent> Filtered(ShuttleDbContext db, Actor actor, AuditFilter filter)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!actor.SeesAllTeams)
        {
            var teams = actor.TeamIds.ToList();
            events = events.Where(a => a.TeamId != null && teams.Contains(a.TeamId.Value));
        }
        if (filter.ConversationId is { } conversationId) events = events.Where(a => a.ConversationId == conversationId);
        if (filter.TicketId is { } ticketId)
        {
            var subject = ticketId.ToString();
            events = events.Where(a => a.SubjectType == AuditSubjects.Ticket && a.SubjectId == subject);
        }
        if (filter.ActorId is { } actorId) events = events.Where(a => a.ActorId == actorId);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // "ticket." (or "ticket") matches every ticket action; a full name matches exactly.
            var action = filter.Action.Trim().ToLowerInvariant();
            events = action.EndsWith('.') || !action.Contains('.')
                ? events.Where(a => a.Action.StartsWith(action.TrimEnd('.') + "."))
                : events.Where(a => a.Action == action);
        }
        if (filter.TeamId is { } teamId) events = events.Where(a => a.TeamId == teamId);
        if (filter.From is { } from) events = events.Where(a => a.At >= from);
        if (filter.To is { } to) events = events.Where(a => a.At <= to);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = Common.Text.LikeContains(filter.Text.Trim());
            var collation = db.SearchCollation;
            events = events.Where(a => EF.Functions.Like(EF.Functions.Collate(a.ActorName, collation), pattern, "\\")
                                       || EF.Functions.Like(EF.Functions.Collate(a.SubjectId, collation), pattern, "\\")
                                       || EF.Functions.Like(EF.Functions.Collate(a.Action, collation), pattern, "\\")
                                       || EF.Functions.Like(EF.Functions.Collate(a.Before ?? "", collation), pattern, "\\")
                                       || EF.Functions.Like(EF.Functions.Collate(a.After ?? "", collation), pattern, "\\"));
        }
        return events;
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditEvent, AuditEntry>> Projection = a => new AuditEntry(a.Sequence,
        a.At, a.ActorId, a.ActorName, a.Action, a.SubjectType, a.SubjectId, a.ConversationId, a.TeamId, a.Before, a.After, a.PreviousHash, a.Hash);

    /// <summary>
    /// A conversation's activity for anyone who may see it: every audited event about it in order, with the text of
    /// its messages and notes, so "what happened to this customer?" reads as one timeline.
    /// </summary>
    public async Task<Result<IReadOnlyList<ActivityItem>>> ConversationActivityAsync(Actor actor, Guid conversationId, DateTimeOffset? upTo = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await IsVisibleAsync(db, actor, conversationId, cancellationToken)) return Problem.NotFound("The conversation");

        // QA reviews are about the agent, for those who coach: never in an agent's view of the conversation.
        var withReviews = MayRead(actor);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && (upTo == null || a.At <= upTo) && (withReviews || a.Action != AuditActions.QaReviewed))
            .OrderBy(a => a.Sequence).Select(Projection).ToListAsync(cancellationToken);
        var messageIds = events.Where(e => e.SubjectType == AuditSubjects.Message).Select(e => Guid.TryParse(e.SubjectId, out var id) ? id : Guid.Empty).ToList();
        var noteIds = events.Where(e => e.SubjectType == AuditSubjects.Note).Select(e => Guid.TryParse(e.SubjectId, out var id) ? id : Guid.Empty).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && EF.Parameter(messageIds).Contains(m.Id))
            .Select(m => new { m.Id, m.Body }).ToDictionaryAsync(m => m.Id, m => m.Body, cancellationToken);
        var notes = await db.Notes.AsNoTracking().Where(n => n.ConversationId == conversationId && EF.Parameter(noteIds).Contains(n.Id))
            .Select(n => new { n.Id, n.Body }).ToDictionaryAsync(n => n.Id, n => n.Body, cancellationToken);

        return events.Select(e => ActivityItem.From(e, Guid.TryParse(e.SubjectId, out var id)
            ? (e.SubjectType == AuditSubjects.Message ? messages.GetValueOrDefault(id) : e.SubjectType == AuditSubjects.Note ? notes.GetValueOrDefault(id) : null)
            : null)).ToList();
    }
}
