using System.Text.Json;

namespace ShuttlePro.Core.Audit;

public enum ActivityKind { CustomerMessage, Reply, Delivery, Note, Handoff, Ownership, Ticket, Status, Collision, Other }

/// <summary>One line of a conversation's activity timeline.</summary>
public sealed record ActivityItem(long Sequence, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, ActivityKind Kind,
    string Title, string? Text)
{
    public static ActivityItem From(AuditEntry entry, string? subjectText)
    {
        var (kind, title, detail) = AuditDescriptions.Describe(entry);
        // A delivery line is about why (the error), not the reply's words again.
        var text = kind == ActivityKind.Delivery ? detail : subjectText ?? detail;
        return new ActivityItem(entry.Sequence, entry.At, entry.ActorId, entry.ActorName, entry.Action, kind, title, text);
    }
}

/// <summary>Audit events in words, for the activity timeline and the audit page ("Ayesha took the conversation").</summary>
public static class AuditDescriptions
{
    public static (ActivityKind Kind, string Title, string? Detail) Describe(AuditEntry e)
    {
        var after = Parse(e.After);
        var before = Parse(e.Before);
        var who = e.ActorId is null && e.ActorName == "ShuttlePro" ? "ShuttlePro" : e.ActorName;
        string? Get(Dictionary<string, string?> data, string key) => data.GetValueOrDefault(key);

        return e.Action switch
        {
            AuditActions.MessageReceived => (ActivityKind.CustomerMessage, "Customer wrote", null),
            AuditActions.MessageSent => (ActivityKind.Reply, $"{who} replied", null),
            AuditActions.MessageFailed => (ActivityKind.Delivery, "A reply could not be delivered",
                Get(after, "errorTitle") is { } title ? $"{title} ({Get(after, "errorCode")})" : Get(after, "error")),
            AuditActions.MessageStatusChanged => (ActivityKind.Delivery, $"Reply {Get(after, "status")?.ToLowerInvariant() ?? "updated"}", null),
            AuditActions.MessageRetried => (ActivityKind.Delivery, $"{who} retried a failed reply", null),
            AuditActions.MessageRetryScheduled => (ActivityKind.Delivery, "Sending will be retried", Get(after, "error")),
            AuditActions.ConversationStarted => (ActivityKind.Status, "Conversation started", null),
            AuditActions.ConversationTaken => (ActivityKind.Ownership, $"{who} took the conversation", null),
            AuditActions.ConversationAssigned => (ActivityKind.Ownership,
                $"{who} assigned it to {Get(after, "ownerName") ?? "someone"}" + From(Get(before, "ownerName")), null),
            AuditActions.ConversationTakenOver => (ActivityKind.Ownership, $"{who} took it over" + From(Get(before, "ownerName")), null),
            AuditActions.ConversationReleased => (ActivityKind.Ownership, $"{who} released it to the team queue", null),
            AuditActions.ConversationAutoAssigned => (ActivityKind.Ownership, $"Auto-assigned to {Get(after, "ownerName") ?? "an agent"}", null),
            AuditActions.ConversationAutoReleased => (ActivityKind.Ownership,
                $"Back to the team queue: {Get(before, "ownerName") ?? "the owner"} is away", Get(after, "reason")),
            AuditActions.TakeoverRequested => (ActivityKind.Ownership, $"{who} asked to take over", Get(after, "note")),
            AuditActions.TakeoverAccepted => (ActivityKind.Ownership, $"{who} accepted a takeover request", null),
            AuditActions.TakeoverDeclined => (ActivityKind.Ownership, $"{who} declined a takeover request", null),
            AuditActions.HandoffCreated => (ActivityKind.Handoff,
                (Get(before, "ownerName") is { } from && from != who ? $"Handoff by {who}: {from}" : $"Handoff: {who}")
                + $" → {Get(after, "toAgent") ?? Get(after, "toTeam") ?? "the team"}"
                + (Get(after, "toAgent") is null && Get(after, "toTeam") is { } team ? " (team)" : ""), Get(after, "note")),
            AuditActions.ShiftEnded => (ActivityKind.Handoff, $"{who} ended their shift", null),
            AuditActions.NoteAdded => (ActivityKind.Note, $"{who} wrote a note", null),
            AuditActions.NotePinned => (ActivityKind.Note, $"{who} pinned a note", null),
            AuditActions.NoteUnpinned => (ActivityKind.Note, $"{who} unpinned a note", null),
            AuditActions.ParticipantAdded => (ActivityKind.Note, Get(after, "reason") == "handed off"
                ? $"{Get(after, "name") ?? "The previous owner"} stays on the thread as a participant"
                : $"{Get(after, "name") ?? "An agent"} was brought in ({Get(after, "reason") ?? "mentioned"})", null),
            AuditActions.AgentStatusChanged => (ActivityKind.Other,
                $"{who} is now {Get(after, "status")?.ToLowerInvariant() ?? "updated"}{(Get(after, "onShift") == "true" ? ", on shift" : Get(after, "onShift") == "false" ? ", off shift" : "")}", null),
            AuditActions.SignedIn => (ActivityKind.Other, $"{who} signed in", Get(after, "method")),
            AuditActions.SignInFailed => (ActivityKind.Other, $"Failed sign-in as {who}", Get(after, "reason")),
            AuditActions.SignedOut => (ActivityKind.Other, $"{who} signed out", null),
            AuditActions.TokenIssued => (ActivityKind.Other, $"{who} got an API token", null),
            AuditActions.ConversationResolved => (ActivityKind.Status, $"{who} resolved the conversation", null),
            AuditActions.ConversationReopened => (ActivityKind.Status, $"{who} reopened the conversation", null),
            AuditActions.ConversationPending => (ActivityKind.Status, $"{who} set the conversation to pending", null),
            AuditActions.LabelAdded => (ActivityKind.Status, $"{who} added label {Get(after, "label")}", null),
            AuditActions.LabelRemoved => (ActivityKind.Status, $"{who} removed label {Get(after, "label")}", null),
            AuditActions.CollisionRefused => (ActivityKind.Collision, $"{who}'s reply was held back", Get(after, "reason") ?? Get(after, "code")),
            AuditActions.CollisionResolved => (ActivityKind.Collision, $"{who} sent after a second look", null),
            AuditActions.TicketCreated => (ActivityKind.Ticket, $"{who} escalated to ticket {Get(after, "number")}".TrimEnd(), Get(after, "title")),
            AuditActions.TicketSolved => (ActivityKind.Ticket, $"{who} solved ticket {Get(after, "number")}".TrimEnd(), Get(after, "resolution")),
            AuditActions.TicketUpdated => (ActivityKind.Ticket, $"{who} updated a ticket",
                string.Join(", ", after.Select(change => $"{change.Key}: {Get(before, change.Key) ?? "—"} → {change.Value ?? "—"}"))),
            AuditActions.TicketCommented => (ActivityKind.Ticket, $"{who} commented on ticket {Get(after, "number")}".TrimEnd(), Get(after, "body")),
            AuditActions.TicketFirstResponse => (ActivityKind.Ticket, "The reply met a ticket's first response", null),
            AuditActions.TicketSlaWarning => (ActivityKind.Ticket, "A ticket is close to its due time", null),
            AuditActions.TicketSlaBreached => (ActivityKind.Ticket, "A ticket passed its due time", null),
            AuditActions.TicketFirstResponseBreached => (ActivityKind.Ticket, "A ticket's first response is overdue", null),
            AuditActions.QaReviewed => (ActivityKind.Other,
                $"{who} reviewed {Get(after, "agent") ?? "an agent"}'s work: {Get(after, "score")}/5", Get(after, "comment")),
            _ => (ActivityKind.Other, $"{who}: {e.Action}", null),
        };

        static string From(string? previous) => previous is null ? "" : $" (from {previous})";
    }

    /// <summary>The top-level fields of a before/after object as text (nested values as their JSON).</summary>
    public static Dictionary<string, string?> Parse(string? json)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json)) return fields;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return fields;
            foreach (var property in document.RootElement.EnumerateObject())
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
        }
        catch (JsonException)
        {
            // Stored text that is not an object (never written by us) is shown raw on the audit page instead.
        }
        return fields;
    }
}
