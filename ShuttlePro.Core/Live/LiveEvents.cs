using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Live;

/// <summary>
/// Something that changed and that open screens and hub clients should see now. Events carry what a reducer
/// needs, so fanning one out to a thousand circuits costs no database query per circuit.
/// </summary>
public abstract record LiveEvent(DateTimeOffset At)
{
    /// <summary>Whether this actor may receive the event at all (the same rule as reading the data).</summary>
    public abstract bool IsVisibleTo(Actor actor);
}

/// <summary>An event about one conversation, visible to whoever may see that conversation.</summary>
public abstract record ConversationLiveEvent(Guid ConversationId, ConversationAccess Access, DateTimeOffset At) : LiveEvent(At)
{
    public int TeamId => Access.TeamId;

    public override bool IsVisibleTo(Actor actor) => Access.IsVisibleTo(actor);
}

/// <summary>
/// A conversation's summary changed; <paramref name="Change"/> says so when its owner changed, and who did it.
/// When it moved out of someone's sight (a handoff to another team), <paramref name="PreviousAccess"/> lets the
/// event reach them too, so their screens can drop it; they receive no more than that.
/// </summary>
public sealed record ConversationUpdated(ConversationSummary Summary, DateTimeOffset At, OwnershipChange? Change = null,
    ConversationAccess? PreviousAccess = null)
    : ConversationLiveEvent(Summary.Id, Summary.Access, At)
{
    public override bool IsVisibleTo(Actor actor) => base.IsVisibleTo(actor) || PreviousAccess?.IsVisibleTo(actor) == true;

    /// <summary>The actor could see it before this change but no longer can.</summary>
    public bool RemovedFor(Actor actor) => !base.IsVisibleTo(actor);
}

public enum OwnershipChangeKind
{
    Taken,
    Assigned,
    TakenOver,
    Released,
    HandedOff,
}

public sealed record OwnershipChange(OwnershipChangeKind Kind, Guid? PreviousOwnerId, Guid? NewOwnerId, Guid ByAgentId, string ByName);

public sealed record MessageAdded(MessageView Message, ConversationAccess Access, DateTimeOffset At)
    : ConversationLiveEvent(Message.ConversationId, Access, At);

/// <summary>A message's delivery status moved (sent, delivered, read, failed).</summary>
public sealed record MessageUpdated(MessageView Message, ConversationAccess Access, DateTimeOffset At)
    : ConversationLiveEvent(Message.ConversationId, Access, At);

public sealed record AgentView(Guid Id, string Name, string Email, IReadOnlyList<string> Roles,
    IReadOnlyList<TeamView> Teams, AgentStatus Status, bool OnShift, bool IsActive, int Capacity = Agent.DefaultCapacity)
{
    public bool IsAvailable => IsActive && Status == AgentStatus.Online && OnShift;
}

public sealed record TeamView(int Id, string Name, bool AutoAssign = false);

/// <summary>An agent's profile, roles, teams or status changed. Everyone may know who is online.</summary>
public sealed record AgentChanged(AgentView Agent, DateTimeOffset At) : LiveEvent(At)
{
    public override bool IsVisibleTo(Actor actor) => true;
}

/// <summary>
/// Delivered to a subscriber whose queue overflowed: some events were dropped for it, so it should reload
/// what it shows instead of trusting its state.
/// </summary>
public sealed record ResyncRequired(DateTimeOffset At) : LiveEvent(At), IInstanceLocalEvent
{
    public override bool IsVisibleTo(Actor actor) => true;
}
