using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Workspace;

/// <summary>The tools agents work with: labels (admin-defined) on conversations, and canned responses (shared and personal).</summary>
public sealed class WorkspaceService(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, TimeProvider clock)
{
    public async Task<IReadOnlyList<LabelView>> ListLabelsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Labels.AsNoTracking().OrderBy(l => l.Name).Select(l => new LabelView(l.Id, l.Name, l.Color)).ToListAsync(cancellationToken);
    }

    public Task<Result<LabelView>> SaveLabelAsync(Actor actor, int? labelId, string? name, string? color, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<LabelView>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins define labels.");
            var label = labelId is { } id ? await db.Labels.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) : null;
            if (labelId is not null && label is null) return Problem.NotFound("The label");
            var before = label is null ? null : new { label.Name, label.Color };
            if (label is null) label = db.Labels.Add(new Label(name ?? "", color)).Entity;
            else label.Update(name, color);
            if (await db.Labels.AnyAsync(l => l.Name == label.Name && l.Id != label.Id, cancellationToken))
                return Problem.Validation($"A label called {label.Name} already exists.");
            await using var transaction = await db.BeginAuditedTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.Record(actor, before is null ? AuditActions.LabelCreated : AuditActions.LabelUpdated, AuditSubjects.Label,
                label.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow(), before: before, after: new { label.Name, label.Color });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Committed<LabelView>(new LabelView(label.Id, label.Name, label.Color));
        }, cancellationToken);

    public Task<Result<bool>> DeleteLabelAsync(Actor actor, int labelId, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins define labels.");
            var label = await db.Labels.FirstOrDefaultAsync(l => l.Id == labelId, cancellationToken);
            if (label is null) return Problem.NotFound("The label");
            db.Labels.Remove(label);
            db.Record(actor, AuditActions.LabelDeleted, AuditSubjects.Label, labelId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                clock.GetUtcNow(), before: new { label.Name, label.Color });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);

    /// <summary>Adds or removes a label on a conversation (its team's agents may).</summary>
    public Task<Result<ConversationSummary>> LabelConversationAsync(Actor actor, Guid conversationId, int labelId, bool add,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<ConversationSummary>(async db =>
        {
            var conversation = await ConversationLoader.FindVisibleAsync(db, actor, conversationId, cancellationToken);
            await db.Entry(conversation).Collection(c => c.Labels).LoadAsync(cancellationToken);
            var label = await db.Labels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == labelId, cancellationToken);
            if (label is null) return Problem.Validation("That label does not exist.");
            var changed = add ? conversation.AddLabel(actor, labelId) : conversation.RemoveLabel(actor, labelId);
            var now = clock.GetUtcNow();
            if (changed)
            {
                db.Record(actor, add ? AuditActions.LabelAdded : AuditActions.LabelRemoved, AuditSubjects.Conversation, conversation.Id.ToString(),
                    now, conversation.Id, after: new { label = label.Name });
                await db.SaveChangesAsync(cancellationToken);
            }
            var summary = (await ConversationQueries.FindSummaryAsync(db, conversation.Id, cancellationToken))!;
            return new Committed<ConversationSummary>(summary, changed ? [new ConversationUpdated(summary, now)] : []);
        }, cancellationToken);

    /// <summary>The responses an agent may use: the shared ones and their own, by shortcut.</summary>
    public async Task<IReadOnlyList<CannedResponseView>> ListCannedAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agentId = actor.AgentId;
        return await db.CannedResponses.AsNoTracking()
            .Where(c => c.OwnerId == null || c.OwnerId == agentId)
            .OrderBy(c => c.Shortcut)
            .Select(c => new CannedResponseView(c.Id, c.Shortcut, c.Title, c.Body, c.OwnerId == null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates or edits a canned response: shared ones are the admins', personal ones their owner's.</summary>
    public Task<Result<CannedResponseView>> SaveCannedAsync(Actor actor, Guid? id, bool shared, string? shortcut, string? title, string? body,
        CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<CannedResponseView>(async db =>
        {
            if (shared && !Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins keep the shared canned responses.");
            if (actor.IsSystem) return Problem.Forbidden("Canned responses belong to people.");
            var ownerId = shared ? (Guid?)null : actor.AgentId;
            var now = clock.GetUtcNow();
            CannedResponse canned;
            if (id is { } existingId)
            {
                canned = await db.CannedResponses.FirstOrDefaultAsync(c => c.Id == existingId && c.OwnerId == ownerId, cancellationToken)
                    ?? throw new DomainException(Problem.NotFound("The canned response"));
                canned.Edit(shortcut, title, body);
            }
            else
            {
                canned = db.CannedResponses.Add(new CannedResponse(ownerId, shortcut ?? "", title ?? "", body ?? "", now)).Entity;
            }
            if (await db.CannedResponses.AnyAsync(c => c.OwnerId == ownerId && c.Shortcut == canned.Shortcut && c.Id != canned.Id, cancellationToken))
                return Problem.Validation($"/{canned.Shortcut} is already taken.");
            db.Record(actor, id is null ? AuditActions.CannedResponseCreated : AuditActions.CannedResponseUpdated, AuditSubjects.CannedResponse,
                canned.Id.ToString(), now, after: new { canned.Shortcut, canned.Title, shared });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<CannedResponseView>(new CannedResponseView(canned.Id, canned.Shortcut, canned.Title, canned.Body, shared));
        }, cancellationToken);

    public Task<Result<bool>> DeleteCannedAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var canned = await db.CannedResponses.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (canned is null || (canned.OwnerId is { } owner && owner != actor.AgentId)) return Problem.NotFound("The canned response");
            if (canned.OwnerId is null && !Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins keep the shared canned responses.");
            db.CannedResponses.Remove(canned);
            db.Record(actor, AuditActions.CannedResponseDeleted, AuditSubjects.CannedResponse, id.ToString(), clock.GetUtcNow(),
                before: new { canned.Shortcut, canned.Title });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);
}
