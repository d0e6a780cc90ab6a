using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Workspace;

namespace ShuttlePro.Web.Api;

/// <summary>Notes, handoffs, labels, canned responses, and the agent's own status, shift and notifications.</summary>
public static class CollaborationApi
{
    public static void MapCollaborationApi(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations/{id:guid}");

        conversations.MapPost("/notes", async (Guid id, NoteRequest? request, HttpContext http, NoteService notes, CancellationToken cancellationToken) =>
            (await notes.WriteAsync(http.Actor(), id, request?.Body, request?.Pinned ?? false, cancellationToken))
                .ToResult(note => TypedResults.Created($"/api/v1/conversations/{id}",
                    new ApiNoteCreated(note.Id, note.Mentions.Select(m => new ApiMention(m.AgentId, m.TeamId, m.Name)).ToList()))));

        conversations.MapPost("/notes/{noteId:guid}/pin", async (Guid id, Guid noteId, PinRequest? request, HttpContext http, NoteService notes,
            CancellationToken cancellationToken) =>
            (await notes.PinAsync(http.Actor(), id, noteId, request?.Pinned ?? true, cancellationToken)).ToResult(note => TypedResults.Ok(note.ToApi())));

        conversations.MapPost("/handoffs", async (Guid id, HandoffRequest? request, HttpContext http, HandoffService handoffs,
            CancellationToken cancellationToken) =>
            (await handoffs.HandOffAsync(http.Actor(), id, new HandoffTarget(request?.ToAgentId, request?.ToTeamId), request?.Note, cancellationToken))
                .ToResult(result => TypedResults.Created($"/api/v1/conversations/{id}",
                    new ApiHandoffCreated(result.Handoff.Id, result.Handoff.ToApi(), result.Warnings))));

        conversations.MapPost("/labels/{labelId:int}", async (Guid id, int labelId, HttpContext http, WorkspaceService workspace,
            CancellationToken cancellationToken) =>
            (await workspace.LabelConversationAsync(http.Actor(), id, labelId, add: true, cancellationToken)).ToResult(s => TypedResults.Ok(s.ToApi())));

        conversations.MapDelete("/labels/{labelId:int}", async (Guid id, int labelId, HttpContext http, WorkspaceService workspace,
            CancellationToken cancellationToken) =>
            (await workspace.LabelConversationAsync(http.Actor(), id, labelId, add: false, cancellationToken)).ToResult(s => TypedResults.Ok(s.ToApi())));

        api.MapGet("/labels", async (WorkspaceService workspace, CancellationToken cancellationToken) =>
            TypedResults.Ok((await workspace.ListLabelsAsync(cancellationToken)).Select(l => l.ToApi())));

        api.MapGet("/canned-responses", async (HttpContext http, WorkspaceService workspace, CancellationToken cancellationToken) =>
            TypedResults.Ok((await workspace.ListCannedAsync(http.Actor(), cancellationToken)).Select(c => c.ToApi())));

        var me = api.MapGroup("/me");

        me.MapPost("/status", async (StatusRequest? request, HttpContext http, DirectoryService directory, CancellationToken cancellationToken) =>
        {
            if (!TryParseStatus(request?.Status, out var status))
                return Problem.Validation("status must be one of online, away, offline.").ToResult();
            var current = await directory.GetAgentAsync(http.Actor().AgentId, cancellationToken);
            var result = await directory.SetStatusAsync(http.Actor(), status, request?.OnShift ?? current?.OnShift ?? false, cancellationToken);
            return result.ToResult(agent => TypedResults.Ok(agent.ToApi()));
        });

        me.MapPost("/end-shift", async (EndShiftRequest? request, HttpContext http, ShiftService shifts, CancellationToken cancellationToken) =>
        {
            var items = (request?.Items ?? []).Select(i => new ShiftHandoffItem(i.ConversationId, new HandoffTarget(i.ToAgentId, i.ToTeamId), i.Note)).ToList();
            var result = await shifts.EndShiftAsync(http.Actor(), items, cancellationToken);
            return result.ToResult(done => TypedResults.Ok(new ApiEndShift(done.HandedOff, done.Items.Count - done.HandedOff,
                done.Items.Select(i => new ApiShiftItemResult(i.ConversationId, i.Succeeded, i.Code, i.Message, i.Handoff?.Id)).ToList(),
                done.Agent?.ToApi())));
        });

        me.MapGet("/notifications", async (HttpContext http, NotificationService notifications, bool? unread, CancellationToken cancellationToken) =>
            TypedResults.Ok((await notifications.ListAsync(http.Actor(), unread ?? false, cancellationToken)).Select(n => n.ToApi())));

        me.MapPost("/notifications/read", async (ReadNotificationsRequest? request, HttpContext http, NotificationService notifications,
            CancellationToken cancellationToken) =>
            (await notifications.MarkReadAsync(http.Actor(), request?.Ids, cancellationToken)).ToResult(count => TypedResults.Ok(new { read = count })));
    }

    private static bool TryParseStatus(string? text, out AgentStatus status) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
