using System.Collections.Immutable;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Store.InboxFeature;

/// <summary>
/// The conversation list on screen: its filter, its rows (most recent activity first), and live updates that
/// arrived while it was loading (applied once the load lands, so nothing slips between query and screen).
/// </summary>
public sealed record InboxState(
    ConversationFilter Filter,
    Actor? Viewer,
    ImmutableList<ConversationSummary> Items,
    bool Loading,
    string? Error,
    ImmutableList<ConversationSummary> ArrivedWhileLoading)
{
    public const int MaxRows = 200;

    public static readonly InboxState Initial = new(new ConversationFilter(InboxView.Unassigned, ConversationStatus.Open),
        null, [], Loading: false, Error: null, []);
}
