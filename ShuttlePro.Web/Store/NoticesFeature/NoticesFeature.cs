using System.Collections.Immutable;

namespace ShuttlePro.Web.Store.NoticesFeature;

public enum NoticeKind
{
    Info,
    Warning,
    TakeoverRequest,
}

/// <summary>Something that happened to this agent, told once: "Sana took over #1042", "Bilal asks to take over #1043".</summary>
public sealed record Notice(Guid Id, NoticeKind Kind, string Text, Guid? ConversationId = null, Guid? TakeoverRequestId = null);

public sealed record NoticesState(ImmutableList<Notice> Pending)
{
    public static readonly NoticesState Initial = new(ImmutableList<Notice>.Empty);
}

public sealed record ShowNoticeAction(Notice Notice);

public sealed record DismissNoticeAction(Guid NoticeId);

public static class NoticesReducers
{
    public const int MaxPending = 20;

    public static NoticesState OnShow(NoticesState state, ShowNoticeAction action)
    {
        var pending = state.Pending.Add(action.Notice);
        return new(pending.Count > MaxPending ? pending.RemoveAt(0) : pending);
    }

    public static NoticesState OnDismiss(NoticesState state, DismissNoticeAction action)
    {
        var index = state.Pending.FindIndex(n => n.Id == action.NoticeId);
        return index < 0 ? state : new(state.Pending.RemoveAt(index));
    }
}
