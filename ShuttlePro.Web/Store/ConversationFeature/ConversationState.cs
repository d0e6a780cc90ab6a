using System.Collections.Immutable;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Store.ConversationFeature;

/// <summary>
/// The open thread: its summary and messages, what is being sent, the last refusal, and the agent's drafts
/// (kept per conversation, so switching threads or a refused send never loses what was typed).
/// </summary>
public sealed record ConversationState(
    Guid? OpenId,
    ConversationSummary? Summary,
    ImmutableList<MessageView> Messages,
    bool Loading,
    Problem? LoadProblem,
    bool Sending,
    Problem? ActionProblem,
    bool ChangingStatus,
    ImmutableDictionary<Guid, string> Drafts)
{
    public static readonly ConversationState Initial = new(null, null, [], false, null, false, null, false,
        ImmutableDictionary<Guid, string>.Empty);

    public string DraftFor(Guid conversationId) => Drafts.GetValueOrDefault(conversationId, "");
}
