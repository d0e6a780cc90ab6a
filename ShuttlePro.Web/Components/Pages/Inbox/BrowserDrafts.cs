using Microsoft.JSInterop;
using ShuttlePro.Web.Store;
using ShuttlePro.Web.Store.SessionFeature;

namespace ShuttlePro.Web.Components.Pages.Inbox;

/// <summary>
/// What the composer held for one conversation: the text, whether it was an internal note, and the newest message on
/// screen when it was started (so a reply restored after a reload is still checked against what came in since).
/// </summary>
public sealed record BrowserDraft(string Text, bool Note, Guid? Seen = null);

/// <summary>
/// The composer's drafts kept in the browser tab (sessionStorage, through <c>shuttle.drafts</c> in app.js). The store
/// keeps drafts for the life of the circuit; these outlive it, so a reload or a server restart (a new circuit, an empty
/// store) does not lose what an agent was writing. Per tab and per agent, and gone when the tab closes: support desks
/// share computers between shifts.
/// </summary>
public sealed class BrowserDrafts(IJSRuntime js, IState<SessionState> session)
{
    public async Task<BrowserDraft?> LoadAsync(Guid conversationId)
    {
        if (Key(conversationId) is not { } key) return null;
        try
        {
            return await js.InvokeAsync<BrowserDraft?>("shuttle.drafts.load", key);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="draft"/> for the conversation, or forgets it (<c>null</c>: sent, or emptied).</summary>
    public async Task KeepAsync(Guid conversationId, BrowserDraft? draft)
    {
        if (Key(conversationId) is not { } key) return;
        try
        {
            await js.InvokeVoidAsync("shuttle.drafts.keep", key, draft is { Text.Length: > 0 } ? draft : null);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            // The tab is gone or the call timed out: the circuit's store still has the draft while it lives.
        }
    }

    private string? Key(Guid conversationId) =>
        session.Value.Actor is { } actor ? $"shuttlepro.draft.{actor.AgentId:N}.{conversationId:N}" : null;

    // Disconnected for good, timed out (the connection is down for a while), or interop not possible at this moment.
    private static bool IsGone(Exception ex) => ex is JSDisconnectedException or TaskCanceledException or InvalidOperationException;
}
