using System.Collections.Immutable;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.InboxFeature;

public static class InboxReducers
{
    public static InboxState OnLoad(InboxState state, LoadInboxAction action) =>
        state with { Filter = action.Filter, Viewer = action.Viewer, Loading = true, Error = null, ArrivedWhileLoading = [] };

    public static InboxState OnLoaded(InboxState state, InboxLoadedAction action)
    {
        if (action.Filter != state.Filter) return state; // an older load finishing after a newer one started
        var loaded = state with { Items = [.. action.Items], Loading = false, Error = null, ArrivedWhileLoading = [] };
        return state.ArrivedWhileLoading.Aggregate(loaded, Upsert);
    }

    public static InboxState OnLoadFailed(InboxState state, InboxLoadFailedAction action) =>
        action.Filter != state.Filter ? state : state with { Loading = false, Error = action.Error };

    public static InboxState OnConversationUpdated(InboxState state, LiveConversationUpdatedAction action) =>
        state.Loading
            ? state with { ArrivedWhileLoading = state.ArrivedWhileLoading.Add(action.Summary) }
            : Upsert(state, action.Summary);

    public static InboxState OnRemoved(InboxState state, InboxConversationRemovedAction action)
    {
        var index = state.Items.FindIndex(c => c.Id == action.ConversationId);
        return index < 0 ? state : state with { Items = state.Items.RemoveAt(index) };
    }

    /// <summary>
    /// Puts a changed conversation where it belongs: in its place by recency when it matches the filter, out of
    /// the list when it no longer does. An update older than the row shown (events can cross) is ignored.
    /// </summary>
    public static InboxState Upsert(InboxState state, ConversationSummary summary)
    {
        var index = state.Items.FindIndex(c => c.Id == summary.Id);
        if (index >= 0 && state.Items[index].Version > summary.Version) return state;

        var items = index >= 0 ? state.Items.RemoveAt(index) : state.Items;
        if (state.Viewer is null || !state.Filter.Matches(summary, state.Viewer))
            return index >= 0 ? state with { Items = items } : state;

        var position = items.FindIndex(c => IsMoreRecent(summary, c));
        items = position < 0 ? items.Add(summary) : items.Insert(position, summary);
        if (items.Count > InboxState.MaxRows) items = items.RemoveRange(InboxState.MaxRows, items.Count - InboxState.MaxRows);
        return state with { Items = items };
    }

    private static bool IsMoreRecent(ConversationSummary a, ConversationSummary b) =>
        a.LastActivityAt > b.LastActivityAt || (a.LastActivityAt == b.LastActivityAt && a.Number > b.Number);
}
