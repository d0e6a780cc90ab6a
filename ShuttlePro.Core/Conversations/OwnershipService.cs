using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// Who owns a conversation: take, assign, take over, release, and takeover requests. Each change is a
/// compare-and-set on the conversation's concurrency token with its audit event in the same transaction; every
/// permitted screen hears of it after the commit.
/// </summary>
public sealed class OwnershipService(UnitOfWork unitOfWork, IDbContextFactory<ShuttleDbContext> dbFactory, DirectoryService directory,
    TimeProvider clock)
{
    public Task<Result<ConversationSummary>> TakeAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationTaken, OwnershipChangeKind.Taken, c => c.Take(actor, clock.GetUtcNow()),
            cancellationToken);

    public Task<Result<ConversationSummary>> TakeOverAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationTakenOver, OwnershipChangeKind.TakenOver,
            c => c.TakeOver(actor, clock.GetUtcNow()), cancellationToken);

    public Task<Result<ConversationSummary>> ReleaseAsync(Actor actor, Guid conversationId, CancellationToken cancellationToken = default) =>
        ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationReleased, OwnershipChangeKind.Released,
            c => c.Release(actor, clock.GetUtcNow()), cancellationToken);

    public async Task<Result<ConversationSummary>> AssignAsync(Actor actor, Guid conversationId, Guid? targetAgentId,
        CancellationToken cancellationToken = default)
    {
        if (targetAgentId is not { } targetId || targetId == Guid.Empty) return Problem.Validation("Say whom to assign the conversation to (agentId).");
        var target = await directory.FindActorAsync(targetId, cancellationToken);
        if (target is null) return Problem.Validation("That agent does not exist or is deactivated.");
        return await ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationAssigned, OwnershipChangeKind.Assigned,
            c => c.Assign(actor, target, clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>An agent who may not reply asks the owner (and the team's leads) to hand the conversation over.</summary>
    public Task<Result<TakeoverRequestView>> RequestTakeoverAsync(Actor actor, Guid conversationId, string? note = null,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<TakeoverRequestView>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            if (conversation.OwnerId is not { } ownerId)
                return Problem.Validation($"Nobody owns #{conversation.Number}: take it instead.");
            if (ownerId == actor.AgentId) return Problem.Validation($"You already own #{conversation.Number}.");

            var now = clock.GetUtcNow();
            var existing = await db.TakeoverRequests.FirstOrDefaultAsync(r => r.ConversationId == conversationId
                && r.RequesterId == actor.AgentId && r.Status == TakeoverRequestStatus.Pending, cancellationToken);
            if (existing is not null) return new Committed<TakeoverRequestView>(await ViewAsync(db, existing.Id, cancellationToken));

            var request = new TakeoverRequest(conversationId, actor.AgentId, ownerId, note, now);
            db.TakeoverRequests.Add(request);
            db.Record(actor, AuditActions.TakeoverRequested, AuditSubjects.Conversation, conversationId.ToString(), now, conversationId,
                after: new { requestId = request.Id, ownerId, ownerName = conversation.Owner?.DisplayName, request.Note });
            await db.SaveChangesAsync(cancellationToken);
            var view = await ViewAsync(db, request.Id, cancellationToken);
            return new Committed<TakeoverRequestView>(view, [new TakeoverRequested(view, now)]);
        }, cancellationToken);

    /// <summary>The owner or a lead accepts (ownership moves to the requester) or declines a takeover request.</summary>
    public async Task<Result<TakeoverRequestView>> DecideTakeoverAsync(Actor actor, Guid requestId, bool accept,
        CancellationToken cancellationToken = default)
    {
        Actor? requester = null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var requesterId = await db.TakeoverRequests.Where(r => r.Id == requestId).Select(r => (Guid?)r.RequesterId).FirstOrDefaultAsync(cancellationToken);
            if (requesterId is { } id) requester = await directory.FindActorAsync(id, cancellationToken);
        }

        return await unitOfWork.RunAsync<TakeoverRequestView>(async db =>
        {
            var request = await db.TakeoverRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null) return Problem.NotFound("The takeover request");
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, request.ConversationId, cancellationToken);
            if (request.Status != TakeoverRequestStatus.Pending)
                return new Problem(ProblemCodes.Conflict, $"This request was already {request.Status.ToString().ToLowerInvariant()}.");
            if (!Permissions.CanAnswerTakeover(actor, conversation.OwnerId, conversation.TeamId))
                return Problem.Forbidden("Only the owner or a lead of the team answers a takeover request.");

            var now = clock.GetUtcNow();
            request.Decide(actor, accept, now);
            var previousOwner = conversation.OwnerId;
            var previousOwnerName = conversation.Owner?.DisplayName;
            if (accept)
            {
                if (requester is null) return Problem.Validation("The requester is no longer active.");
                conversation.HandOver(actor, requester, now);
                db.Record(actor, AuditActions.ConversationAssigned, AuditSubjects.Conversation, conversation.Id.ToString(), now, conversation.Id,
                    before: new { ownerId = previousOwner, ownerName = previousOwnerName },
                    after: new { ownerId = requester.AgentId, ownerName = requester.Name, reason = "takeover_request", requestId });
            }
            db.Record(actor, accept ? AuditActions.TakeoverAccepted : AuditActions.TakeoverDeclined, AuditSubjects.Conversation,
                conversation.Id.ToString(), now, conversation.Id,
                after: new { requestId, requesterId = request.RequesterId, requester = requester?.Name, request.Note });
            await db.SaveChangesAsync(cancellationToken);

            List<LiveEvent> events = [];
            if (accept)
            {
                var summary = (await ConversationQueries.FindSummaryAsync(db, conversation.Id, cancellationToken))!;
                events.Add(new ConversationUpdated(summary, now,
                    new OwnershipChange(OwnershipChangeKind.Assigned, previousOwner, requester!.AgentId, actor.AgentId, actor.Name)));
            }
            var view = await ViewAsync(db, request.Id, cancellationToken);
            events.Add(new TakeoverDecided(view, actor.Name, now));
            return new Committed<TakeoverRequestView>(view, events);
        }, cancellationToken);
    }

    /// <summary>Pending requests the actor is asked to answer (as owner or lead), newest first.</summary>
    public async Task<IReadOnlyList<TakeoverRequestView>> PendingRequestsForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await Views(db, r => r.Status == TakeoverRequestStatus.Pending).ToListAsync(cancellationToken);
        return pending.Where(r => Permissions.CanAnswerTakeover(actor, r.OwnerId, r.TeamId))
            .OrderByDescending(r => r.CreatedAt).ToList();
    }

    /// <summary>
    /// Assigns to <paramref name="targetAgentId"/> (or releases, when null) only while the conversation is still owned by
    /// <paramref name="expectedOwnerId"/> (null: unowned) — checked in the same transaction, so a board's drag never
    /// overrides a change it did not see.
    /// </summary>
    internal async Task<Result<ConversationSummary>> MoveIfStillOwnedByAsync(Actor actor, Guid conversationId, Guid? expectedOwnerId,
        Guid? targetAgentId, CancellationToken cancellationToken = default)
    {
        Actor? target = null;
        if (targetAgentId is { } targetId && (target = await directory.FindActorAsync(targetId, cancellationToken)) is null)
            return Problem.Validation("That agent does not exist or is deactivated.");
        Problem? StillOwned(Conversation c) => c.OwnerId == expectedOwnerId ? null : new Problem(ProblemCodes.Conflict,
            $"#{c.Number} changed hands meanwhile: it is now {(c.Owner?.DisplayName is { } owner ? owner + "'s" : "unassigned")}.",
            new Dictionary<string, object?> { ["ownerId"] = c.OwnerId, ["ownerName"] = c.Owner?.DisplayName });
        var now = clock.GetUtcNow();
        return target is null
            ? await ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationReleased, OwnershipChangeKind.Released,
                c => c.Release(actor, now), cancellationToken, StillOwned)
            : await ChangeOwnerAsync(actor, conversationId, AuditActions.ConversationAssigned, OwnershipChangeKind.Assigned,
                c => c.Assign(actor, target, now), cancellationToken, StillOwned);
    }

    private Task<Result<ConversationSummary>> ChangeOwnerAsync(Actor actor, Guid conversationId, string auditAction, OwnershipChangeKind kind,
        Func<Conversation, bool> change, CancellationToken cancellationToken, Func<Conversation, Problem?>? precondition = null) =>
        unitOfWork.RunAsync<ConversationSummary>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            if (precondition?.Invoke(conversation) is { } refused) return refused;
            var previousOwner = conversation.OwnerId;
            var previousOwnerName = conversation.Owner?.DisplayName;
            if (!change(conversation))
                return new Committed<ConversationSummary>((await ConversationQueries.FindSummaryAsync(db, conversationId, cancellationToken))!);

            var now = clock.GetUtcNow();
            db.Record(actor, auditAction, AuditSubjects.Conversation, conversationId.ToString(), now, conversationId,
                before: new { ownerId = previousOwner, ownerName = previousOwnerName },
                after: new { ownerId = conversation.OwnerId, ownerName = await DirectoryService.AgentNameAsync(db, conversation.OwnerId, cancellationToken) });
            var autoAssigned = kind == OwnershipChangeKind.Released
                ? await Routing.TryAutoAssignAsync(db, conversation, now, cancellationToken, except: previousOwner)
                : null;
            // A request to take it over needs no answer once the conversation changed hands another way.
            foreach (var request in await db.TakeoverRequests
                         .Where(r => r.ConversationId == conversationId && r.Status == TakeoverRequestStatus.Pending).ToListAsync(cancellationToken))
                request.Withdraw(now);
            await db.SaveChangesAsync(cancellationToken);

            var summary = (await ConversationQueries.FindSummaryAsync(db, conversationId, cancellationToken))!;
            var ownership = autoAssigned ?? new OwnershipChange(kind, previousOwner, conversation.OwnerId, actor.AgentId, actor.Name);
            return new Committed<ConversationSummary>(summary, [new ConversationUpdated(summary, now, ownership)]);
        }, cancellationToken);

    private static IQueryable<TakeoverRequestView> Views(ShuttleDbContext db, System.Linq.Expressions.Expression<Func<TakeoverRequest, bool>>? where = null) =>
        db.TakeoverRequests.AsNoTracking().Where(where ?? (_ => true)).Join(db.Conversations, r => r.ConversationId, c => c.Id, (r, c) => new TakeoverRequestView(
            r.Id, r.ConversationId, c.Number, c.Contact.Name, c.TeamId, r.RequesterId, r.Requester.DisplayName, r.OwnerIdAtRequest, r.Note,
            r.CreatedAt, r.Status));

    private static Task<TakeoverRequestView> ViewAsync(ShuttleDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        Views(db, r => r.Id == requestId).FirstAsync(cancellationToken);
}
