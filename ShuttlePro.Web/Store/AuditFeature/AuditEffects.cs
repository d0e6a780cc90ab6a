using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Store.AuditFeature;

public sealed class OpenAuditPageEffect(AuditVerifier verifier) : Effect<OpenAuditPageAction>
{
    public override Task HandleAsync(OpenAuditPageAction action, IDispatcher dispatcher)
    {
        dispatcher.Dispatch(verifier.Last is { } last ? new AuditChainVerifiedAction(last) : new VerifyAuditChainAction());
        return Task.CompletedTask;
    }
}

public sealed class LoadAuditEffect(IState<SessionState> session, AuditQueries audit, TicketQueries tickets)
    : Effect<LoadAuditAction>
{
    public override async Task HandleAsync(LoadAuditAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var filter = await ResolveAsync(actor, action.Criteria);
        if (!filter.Succeeded)
        {
            dispatcher.Dispatch(new AuditLoadFailedAction(action.Criteria, filter.Problem));
            return;
        }
        var page = await audit.NewestAsync(actor, filter.Value!, null, AuditState.PageSize);
        if (!page.Succeeded)
        {
            dispatcher.Dispatch(new AuditLoadFailedAction(action.Criteria, page.Problem));
            return;
        }
        var numbers = await audit.ConversationNumbersAsync(page.Value!.Select(e => e.ConversationId));
        dispatcher.Dispatch(new AuditLoadedAction(action.Criteria, filter.Value!, page.Value!, numbers));
    }

    /// <summary>The criteria as Core's filter: conversation and ticket numbers looked up (among what the actor may see).</summary>
    private async Task<Result<AuditFilter>> ResolveAsync(Actor actor, AuditCriteria criteria)
    {
        Guid? conversationId = null;
        if (!string.IsNullOrWhiteSpace(criteria.Conversation))
        {
            conversationId = Guid.TryParse(criteria.Conversation, out var id) ? id : await audit.FindConversationAsync(actor, criteria.Conversation);
            if (conversationId is null) return Problem.NotFound($"Conversation {Numbered(criteria.Conversation)}");
        }
        Guid? ticketId = null;
        if (!string.IsNullOrWhiteSpace(criteria.Ticket))
        {
            ticketId = Guid.TryParse(criteria.Ticket, out var id) ? id : (await tickets.FindByNumberAsync(actor, criteria.Ticket))?.Id;
            if (ticketId is null) return Problem.NotFound($"Ticket {criteria.Ticket.Trim().ToUpperInvariant()}");
        }
        var filter = new AuditFilter(conversationId, ticketId, criteria.ActorId, criteria.Action?.Trim(), criteria.TeamId, criteria.From,
            criteria.To, string.IsNullOrWhiteSpace(criteria.Text) ? null : criteria.Text.Trim());
        return AuditQueries.Check(actor, filter) is { } problem ? problem : filter;
    }

    private static string Numbered(string conversation) => "#" + conversation.Trim().TrimStart('#');
}

public sealed class LoadOlderAuditEffect(IState<SessionState> session, AuditQueries audit) : Effect<LoadOlderAuditAction>
{
    public override async Task HandleAsync(LoadOlderAuditAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var page = await audit.NewestAsync(actor, action.Filter, action.Before, AuditState.PageSize);
        if (!page.Succeeded)
        {
            dispatcher.Dispatch(new OlderAuditLoadFailedAction(action.Filter, action.Before, page.Problem));
            return;
        }
        var numbers = await audit.ConversationNumbersAsync(page.Value!.Select(e => e.ConversationId));
        dispatcher.Dispatch(new OlderAuditLoadedAction(action.Filter, action.Before, page.Value!, numbers));
    }
}

public sealed class VerifyAuditChainEffect(IState<SessionState> session, AuditVerifier verifier) : Effect<VerifyAuditChainAction>
{
    public override async Task HandleAsync(VerifyAuditChainAction action, IDispatcher dispatcher)
    {
        if (session.Value.Actor is not { } actor) return;
        var result = await verifier.VerifyAsync(actor);
        dispatcher.Dispatch(result.Succeeded ? new AuditChainVerifiedAction(result.Value!) : new AuditChainVerifyFailedAction(result.Problem));
    }
}
