using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

/// <summary>The inbox's views: what is mine, what waits unowned, my teams' work, everything (supervisors).</summary>
public enum InboxView
{
    Mine = 0,
    Unassigned = 1,
    Team = 2,
    All = 3,
}

/// <summary>
/// One inbox filter, applied two ways that must agree: in the database when a list is loaded, and in memory
/// when a live update decides whether a conversation belongs in a list already on screen.
/// </summary>
public sealed record ConversationFilter(InboxView View, ConversationStatus? Status = null, string? Search = null, int? LabelId = null)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxSearchLength = 100;

    public string? SearchTerm => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    public Problem? Validate(Actor actor)
    {
        if (View == InboxView.All && !actor.SeesAllTeams)
            return Problem.Forbidden("The All view is for supervisors and admins.");
        if (SearchTerm is { Length: > MaxSearchLength })
            return Problem.Validation($"Search text is limited to {MaxSearchLength} characters.");
        return null;
    }

    /// <param name="searchCollation">the context's <see cref="Data.ShuttleDbContext.SearchCollation"/> (search ignores case on every database)</param>
    public IQueryable<Conversation> Apply(IQueryable<Conversation> conversations, Actor actor, string searchCollation)
    {
        var teamIds = actor.TeamIds.ToList();
        var agentId = actor.AgentId;
        if (!actor.SeesAllTeams)
            conversations = conversations.Where(c => teamIds.Contains(c.TeamId) || c.Participants.Any(p => p.AgentId == agentId));
        conversations = View switch
        {
            InboxView.Mine => conversations.Where(c => c.OwnerId == agentId),
            InboxView.Unassigned => conversations.Where(c => c.OwnerId == null),
            // My teams' conversations, and those I was brought into.
            InboxView.Team => conversations.Where(c => teamIds.Contains(c.TeamId) || c.Participants.Any(p => p.AgentId == agentId)),
            _ => conversations,
        };
        if (Status is { } status) conversations = conversations.Where(c => c.Status == status);
        if (LabelId is { } labelId) conversations = conversations.Where(c => c.Labels.Any(l => l.LabelId == labelId));
        if (SearchTerm is { } term)
        {
            var pattern = Text.LikeContains(term);
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            var phonePattern = digits.Length >= 3 ? Text.LikeContains(digits) : null;
            conversations = conversations.Where(c =>
                EF.Functions.Like(EF.Functions.Collate(c.Contact.Name, searchCollation), pattern, "\\")
                || (phonePattern != null && EF.Functions.Like(c.Contact.WaId, phonePattern, "\\"))
                || c.Messages.Any(m => EF.Functions.Like(EF.Functions.Collate(m.Body, searchCollation), pattern, "\\")));
        }
        return conversations;
    }

    /// <summary>
    /// Whether a conversation that just changed belongs in a list loaded with this filter. Visibility is
    /// checked before this (the live bridge drops what the agent may not see). Search matches what the
    /// summary carries: the contact and the newest message.
    /// </summary>
    public bool Matches(ConversationSummary summary, Actor actor)
    {
        if (!summary.Access.IsVisibleTo(actor)) return false;
        var inView = View switch
        {
            InboxView.Mine => summary.OwnerId == actor.AgentId,
            InboxView.Unassigned => summary.OwnerId is null,
            InboxView.Team => actor.TeamIds.Contains(summary.TeamId) || summary.Access.IsParticipant(actor.AgentId),
            _ => true,
        };
        if (!inView || (Status is { } status && summary.Status != status)) return false;
        if (LabelId is { } labelId && summary.Labels.All(l => l.Id != labelId)) return false;
        if (SearchTerm is not { } term) return true;
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        return summary.Contact.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
            || (digits.Length >= 3 && summary.Contact.Phone.Contains(digits, StringComparison.Ordinal))
            || summary.LastMessagePreview.Contains(term, StringComparison.OrdinalIgnoreCase);
    }
}
