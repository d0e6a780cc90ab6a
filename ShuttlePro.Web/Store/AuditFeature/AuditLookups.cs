using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Store.AuditFeature;

/// <summary>
/// The two conversation reads the audit page needs and Core's queries do not offer: a conversation by its number
/// (the filter), and the numbers of the conversations on a page of events (the links). Both by primary or unique key.
/// </summary>
public sealed class AuditLookups(IDbContextFactory<ShuttleDbContext> dbFactory)
{
    /// <summary>The conversation numbered <paramref name="number"/> ("1042" or "#1042") if the actor may see it.</summary>
    public async Task<Guid?> FindConversationAsync(Actor actor, string number, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(number.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Conversations.AsNoTracking().Where(c => c.Number == value)
            .Select(c => new { c.Id, c.TeamId, Participants = c.Participants.Select(p => p.AgentId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && new ConversationAccess(found.TeamId, found.Participants).IsVisibleTo(actor) ? found.Id : null;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> ConversationNumbersAsync(IEnumerable<Guid?> conversationIds,
        CancellationToken cancellationToken = default)
    {
        var ids = conversationIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, int>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken);
    }
}
