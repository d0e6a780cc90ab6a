using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

internal static class ConversationLoader
{
    /// <summary>
    /// Loads a conversation for a change, with what its rules need (owner, participants), or refuses with
    /// not_found when the actor may not see it (never revealing that it exists).
    /// </summary>
    public static async Task<Conversation> FindVisibleAsync(ShuttleDbContext db, Actor actor, Guid conversationId,
        CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations
            .Include(c => c.Owner)
            .Include(c => c.Participants)
            .FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || !conversation.Access.IsVisibleTo(actor))
            throw new DomainException(Problem.NotFound("The conversation"));
        return conversation;
    }
}
