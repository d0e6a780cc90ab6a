using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

/// <summary>Reads for the inbox, the thread and the API. Invisible conversations are reported as not found.</summary>
public sealed class ConversationQueries(IDbContextFactory<ShuttleDbContext> dbFactory)
{
    /// <summary>How many of a conversation's newest messages a thread loads.</summary>
    public const int ThreadMessageLimit = 500;

    public async Task<Result<IReadOnlyList<ConversationSummary>>> ListAsync(Actor actor, ConversationFilter filter,
        int limit = ConversationFilter.DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (filter.Validate(actor) is { } problem) return problem;
        if (limit is < 1 or > ConversationFilter.MaxLimit)
            return Problem.Validation($"limit must be between 1 and {ConversationFilter.MaxLimit}.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await filter.Apply(db.Conversations.AsNoTracking(), actor, db.SearchCollation)
            .OrderByDescending(c => c.LastActivityAt)
            .ThenByDescending(c => c.Number)
            .Take(limit)
            .Select(ConversationProjections.Summary)
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<Result<ConversationDetail>> GetAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var summary = await FindSummaryAsync(db, conversationId, cancellationToken);
        if (summary is null || !summary.Access.IsVisibleTo(actor)) return Problem.NotFound("The conversation");

        var newestFirst = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Position)
            .Take(ThreadMessageLimit)
            .Select(ConversationProjections.Message)
            .ToListAsync(cancellationToken);
        newestFirst.Reverse();
        var notes = await Collaboration.CollaborationQueries.Notes(db, n => n.ConversationId == conversationId).ToListAsync(cancellationToken);
        var handoffs = await Collaboration.CollaborationQueries.Handoffs(db, h => h.ConversationId == conversationId).ToListAsync(cancellationToken);
        var (tickets, ticketLines) = await Tickets.TicketQueries.ForConversationAsync(db, conversationId, cancellationToken);
        return new ConversationDetail(summary, newestFirst, notes, handoffs) { Tickets = tickets, TicketLines = ticketLines };
    }

    internal static Task<ConversationSummary?> FindSummaryAsync(ShuttleDbContext db, Guid conversationId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(ConversationProjections.Summary)
            .FirstOrDefaultAsync(cancellationToken);
}
