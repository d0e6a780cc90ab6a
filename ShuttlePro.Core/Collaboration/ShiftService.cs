using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;

namespace ShuttlePro.Core.Collaboration;

public sealed record ShiftHandoffItem(Guid ConversationId, HandoffTarget Target, string? Note);

public sealed record ShiftHandoffOutcome(Guid ConversationId, bool Succeeded, string? Code, string? Message, HandoffView? Handoff);

public sealed record EndShiftResult(IReadOnlyList<ShiftHandoffOutcome> Items, AgentView? Agent)
{
    public int HandedOff => Items.Count(i => i.Succeeded);
}

/// <summary>What an agent still owns as their shift ends, with what the next person needs to know.</summary>
public sealed record OpenWork(ConversationSummary Conversation, IReadOnlyList<NoteView> PinnedNotes, TimeSpan? WhatsAppWindowLeft,
    string SuggestedNote);

/// <summary>
/// Ending a shift: every open conversation one owns is handed off with its note — each on its own, so one failure
/// loses none of the others and is reported — and then the agent goes offline, off shift.
/// </summary>
public sealed class ShiftService(ConversationQueries queries, HandoffService handoffs, DirectoryService directory,
    IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, TimeProvider clock)
{
    public static readonly TimeSpan WhatsAppWindow = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<OpenWork>> OpenWorkAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var mine = (await queries.ListAsync(actor, new ConversationFilter(InboxView.Mine), ConversationFilter.MaxLimit, cancellationToken)).Value ?? [];
        var open = mine.Where(c => c.Status != ConversationStatus.Resolved).ToList();
        var ids = open.Select(c => c.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pinned = await CollaborationQueries.Notes(db, n => ids.Contains(n.ConversationId) && n.Pinned).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return open.Select(c =>
        {
            var notes = pinned.Where(n => n.ConversationId == c.Id).ToList();
            var left = c.LastInboundAt is { } last ? last + WhatsAppWindow - now : (TimeSpan?)null;
            return new OpenWork(c, notes, left is { } l && l < TimeSpan.Zero ? TimeSpan.Zero : left, SuggestNote(c, notes));
        }).ToList();
    }

    public async Task<Result<EndShiftResult>> EndShiftAsync(Actor actor, IReadOnlyList<ShiftHandoffItem> items, CancellationToken cancellationToken = default)
    {
        if (items.Select(i => i.ConversationId).Distinct().Count() != items.Count)
            return Problem.Validation("Each conversation may appear once.");
        List<ShiftHandoffOutcome> outcomes = [];
        foreach (var item in items)
        {
            var result = await handoffs.HandOffAsync(actor, item.ConversationId, item.Target, item.Note, cancellationToken);
            outcomes.Add(result.Succeeded
                ? new ShiftHandoffOutcome(item.ConversationId, true, null, null, result.Value.Handoff)
                : new ShiftHandoffOutcome(item.ConversationId, false, result.Problem.Code, result.Problem.Message, null));
        }

        var status = await directory.SetStatusAsync(actor, AgentStatus.Offline, onShift: false, cancellationToken);
        await unitOfWork.RunAsync<bool>(async db =>
        {
            db.Record(actor, AuditActions.ShiftEnded, AuditSubjects.Agent, actor.AgentId.ToString(), clock.GetUtcNow(),
                after: new
                {
                    onShift = false,
                    handedOff = outcomes.Where(o => o.Succeeded).Select(o => o.ConversationId).ToList(),
                    failed = outcomes.Where(o => !o.Succeeded).Select(o => new { o.ConversationId, o.Code }).ToList(),
                });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);
        return new EndShiftResult(outcomes, status.Value);
    }

    /// <summary>A starting point for the handoff note: the pinned context, else the customer's last words.</summary>
    private static string SuggestNote(ConversationSummary conversation, IReadOnlyList<NoteView> pinned) =>
        pinned.Count > 0
            ? "Context: " + string.Join(" · ", pinned.Select(n => Text.Preview(n.Body, 80))) + ". Next: "
            : $"{conversation.Contact.Name} last wrote: \"{Text.Preview(conversation.LastMessagePreview, 80)}\". Next: ";
}
