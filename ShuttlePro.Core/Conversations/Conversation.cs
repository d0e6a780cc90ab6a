using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Conversations;

/// <summary>
/// A customer's thread on one of our WhatsApp numbers, with at most one accountable owner.
/// Every change bumps <see cref="Version"/>, the app-managed concurrency token: a save that raced
/// another change fails instead of overwriting it.
/// </summary>
public sealed class Conversation
{
    private Conversation() { }

    private Conversation(int number, int channelId, Guid contactId, int teamId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Number = number;
        ChannelId = channelId;
        ContactId = contactId;
        TeamId = teamId;
        Status = ConversationStatus.Open;
        CreatedAt = at;
        LastActivityAt = at;
        Version = 1;
    }

    public Guid Id { get; private set; }

    /// <summary>The number people say out loud ("#1042").</summary>
    public int Number { get; private set; }

    public int ChannelId { get; private set; }
    public Channel Channel { get; private set; } = null!;
    public Guid ContactId { get; private set; }
    public Contact Contact { get; private set; } = null!;
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;

    /// <summary>The accountable agent; null while it waits in its team's queue.</summary>
    public Guid? OwnerId { get; private set; }

    public Agent? Owner { get; private set; }
    public ConversationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastInboundAt { get; private set; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public DateTimeOffset? FirstResponseAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>When the oldest customer message that nobody has answered arrived; null when nobody is waiting.</summary>
    public DateTimeOffset? AwaitingReplySince { get; private set; }

    public DateTimeOffset? LastMessageAt { get; private set; }
    public string LastMessagePreview { get; private set; } = "";
    public MessageDirection? LastMessageDirection { get; private set; }
    public int Version { get; private set; }

    /// <summary>How many messages the conversation has; the last one's <see cref="Message.Position"/>.</summary>
    public int MessageCount { get; private set; }

    /// <summary>Agents of other teams who were brought in and may read and note the conversation.</summary>
    public IReadOnlyCollection<ConversationParticipant> Participants => _participants;

    private readonly List<ConversationParticipant> _participants = [];

    public IReadOnlyCollection<Workspace.ConversationLabel> Labels => _labels;

    private readonly List<Workspace.ConversationLabel> _labels = [];

    /// <summary>Tags the conversation; anyone of its team may. Returns false when it already had the label.</summary>
    public bool AddLabel(Actor actor, int labelId)
    {
        EnsureCanLabel(actor);
        if (_labels.Any(l => l.LabelId == labelId)) return false;
        _labels.Add(new Workspace.ConversationLabel(Id, labelId));
        Version++;
        return true;
    }

    public bool RemoveLabel(Actor actor, int labelId)
    {
        EnsureCanLabel(actor);
        if (_labels.RemoveAll(l => l.LabelId == labelId) == 0) return false;
        Version++;
        return true;
    }

    private void EnsureCanLabel(Actor actor)
    {
        EnsureVisibleTo(actor);
        if (!actor.CanSeeTeam(TeamId)) throw new DomainException(Problem.Forbidden("Participants can read and note, not label."));
    }

    /// <summary>Who may see it: its team, and its participants (load <see cref="Participants"/> first).</summary>
    public ConversationAccess Access => new(TeamId, _participants.Select(p => p.AgentId).ToList());

    /// <summary>For queries only (search, counts); a conversation's messages are never loaded through it.</summary>
    public IReadOnlyCollection<Message> Messages => _messages;

    private readonly List<Message> _messages = [];

    /// <summary>Starts a conversation in the channel's default team, or in <paramref name="team"/> when routing says so.</summary>
    public static Conversation Start(int number, Channel channel, Contact contact, DateTimeOffset at, Team? team = null) =>
        new(number, channel.Id, contact.Id, team?.Id ?? channel.DefaultTeamId, at);

    public bool IsOwnedBy(Guid agentId) => OwnerId == agentId;

    public bool CanChangeStatus(Actor actor) => Permissions.CanChangeStatus(actor, OwnerId, TeamId);

    /// <summary>A customer wrote: the conversation is open again and someone owes them a reply.</summary>
    public Message ReceiveCustomerMessage(string waMessageId, MessageType type, string body, DateTimeOffset at)
    {
        var message = Message.Inbound(Id, waMessageId, type, body, at);
        LastInboundAt = Max(LastInboundAt, at);
        AwaitingReplySince ??= at;
        if (Status != ConversationStatus.Open)
        {
            Status = ConversationStatus.Open;
            ResolvedAt = null;
        }
        Touch(message);
        return message;
    }

    /// <summary>WhatsApp allows free-form replies for 24 hours after the customer's last message; after that, templates only.</summary>
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    /// <summary>When the free-form reply window closes (null when the customer never wrote).</summary>
    public DateTimeOffset? WindowClosesAt => LastInboundAt + CustomerServiceWindow;

    public bool IsWindowOpen(DateTimeOffset at) => WindowClosesAt is { } closes && at < closes;

    /// <summary>
    /// Only the owner replies. Replying to an unowned conversation takes it in the same change, so the reply
    /// and the ownership are saved together or not at all. Free text needs the 24-hour window open.
    /// </summary>
    public Message Reply(Actor actor, string body, DateTimeOffset at)
    {
        EnsureMayReply(actor);
        var message = Message.Outbound(Id, actor.AgentId, body, at);
        if (!IsWindowOpen(at))
            throw new DomainException(new Problem(WindowClosed,
                "WhatsApp's 24-hour window is closed: the customer last wrote more than 24 hours ago. Send an approved template instead.",
                new Dictionary<string, object?> { ["windowClosedAt"] = WindowClosesAt }));
        return Sent(actor, message, at);
    }

    /// <summary>A template message: allowed whether or not the 24-hour window is open.</summary>
    public Message ReplyWithTemplate(Actor actor, string name, string language, IReadOnlyList<string> parameters, string renderedBody, DateTimeOffset at)
    {
        EnsureMayReply(actor);
        return Sent(actor, Message.OutboundTemplate(Id, actor.AgentId, name, language, parameters, renderedBody, at), at);
    }

    public const string WindowClosed = "window_closed";

    private void EnsureMayReply(Actor actor)
    {
        EnsureVisibleTo(actor);
        if (!actor.CanSeeTeam(TeamId))
            throw new DomainException(Problem.Forbidden("You were brought into this conversation to read and add notes; its team replies."));
        if (!Permissions.CanReply(actor, OwnerId, TeamId) && OwnerId is { } ownerId)
            throw new DomainException(new Problem(ProblemCodes.NotOwner,
                "Only the conversation's owner can reply. Add a note or ask them to hand it over.",
                new Dictionary<string, object?> { ["ownerId"] = ownerId }));
    }

    private Message Sent(Actor actor, Message message, DateTimeOffset at)
    {
        OwnerId ??= actor.AgentId;
        FirstResponseAt ??= at;
        AwaitingReplySince = null;
        if (Status == ConversationStatus.Resolved) ResolvedAt = null;
        Status = ConversationStatus.Open;
        Touch(message);
        return message;
    }

    /// <summary>
    /// Takes an unowned conversation. Taking one you already own changes nothing; taking one someone else owns is
    /// refused with <c>already_owned</c>, naming the owner.
    /// </summary>
    public bool Take(Actor actor, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanTake(actor, TeamId)) throw new DomainException(Problem.Forbidden("You cannot take conversations."));
        if (OwnerId == actor.AgentId) return false;
        if (OwnerId is { } ownerId)
            throw new DomainException(new Problem(ProblemCodes.AlreadyOwned,
                $"{Owner?.DisplayName ?? "Someone else"} already owns #{Number}.",
                new Dictionary<string, object?> { ["ownerId"] = ownerId, ["ownerName"] = Owner?.DisplayName }));
        ChangeOwner(actor.AgentId, at);
        return true;
    }

    /// <summary>A lead gives the conversation to <paramref name="target"/>, who must be able to see it.</summary>
    public bool Assign(Actor actor, Actor target, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanAssignOrTakeOver(actor, TeamId))
            throw new DomainException(Problem.Forbidden("Only shift leads, supervisors and admins assign conversations."));
        if (target.IsSystem || !target.CanSeeTeam(TeamId))
            throw new DomainException(Problem.Validation($"{target.Name} is not in this conversation's team."));
        if (OwnerId == target.AgentId) return false;
        ChangeOwner(target.AgentId, at);
        return true;
    }

    /// <summary>
    /// The owner (or a lead) gives the conversation to <paramref name="target"/>, who must be in its team (to reach
    /// another team, hand it to the team).
    /// </summary>
    public bool HandOver(Actor actor, Actor target, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanHandOff(actor, OwnerId, TeamId))
            throw new DomainException(Problem.Forbidden("Only the owner, a shift lead or a supervisor can hand the conversation off."));
        if (target.IsSystem || !target.CanSeeTeam(TeamId))
            throw new DomainException(Problem.Validation($"{target.Name} is not in this conversation's team; hand it to their team instead."));
        if (OwnerId == target.AgentId) return false;
        ChangeOwner(target.AgentId, at);
        return true;
    }

    /// <summary>
    /// The owner (or a lead) moves the conversation to another team's queue: unowned, waiting there.
    /// </summary>
    public void HandOverToTeam(Actor actor, int teamId, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanHandOff(actor, OwnerId, TeamId))
            throw new DomainException(Problem.Forbidden("Only the owner, a shift lead or a supervisor can hand the conversation off."));
        if (teamId == TeamId && OwnerId is null)
            throw new DomainException(Problem.Validation($"#{Number} already waits in that team's queue."));
        TeamId = teamId;
        ChangeOwner(null, at);
    }

    /// <summary>Routing: the owner is off shift or offline, so the conversation goes back to its team's queue.</summary>
    internal bool ReleaseBecauseOwnerIsAway(DateTimeOffset at)
    {
        if (OwnerId is null) return false;
        ChangeOwner(null, at);
        return true;
    }

    /// <summary>Routing: auto-assignment gives an unowned conversation to an available team member.</summary>
    internal bool AutoAssign(Guid agentId, DateTimeOffset at)
    {
        if (OwnerId is not null) return false;
        ChangeOwner(agentId, at);
        return true;
    }

    /// <summary>A lead makes themselves the owner, whoever owned it before.</summary>
    public bool TakeOver(Actor actor, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanAssignOrTakeOver(actor, TeamId))
            throw new DomainException(Problem.Forbidden("Only shift leads and supervisors take over conversations."));
        if (OwnerId == actor.AgentId) return false;
        ChangeOwner(actor.AgentId, at);
        return true;
    }

    /// <summary>Back to the team's queue, unowned.</summary>
    public bool Release(Actor actor, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!Permissions.CanRelease(actor, OwnerId, TeamId))
            throw new DomainException(Problem.Forbidden("Only the owner or a lead of this team can release the conversation."));
        if (OwnerId is null) return false;
        ChangeOwner(null, at);
        return true;
    }

    private void ChangeOwner(Guid? ownerId, DateTimeOffset at)
    {
        OwnerId = ownerId;
        LastActivityAt = Max(LastActivityAt, at)!.Value;
        Version++;
    }

    public bool Resolve(Actor actor, DateTimeOffset at) => ChangeStatus(actor, ConversationStatus.Resolved, at);

    public bool Reopen(Actor actor, DateTimeOffset at) => ChangeStatus(actor, ConversationStatus.Open, at);

    public bool MarkPending(Actor actor, DateTimeOffset at) => ChangeStatus(actor, ConversationStatus.Pending, at);

    /// <summary>Returns false when the conversation already had that status (nothing to save or audit).</summary>
    private bool ChangeStatus(Actor actor, ConversationStatus status, DateTimeOffset at)
    {
        EnsureVisibleTo(actor);
        if (!actor.CanSeeTeam(TeamId))
            throw new DomainException(Problem.Forbidden("You were brought into this conversation to read and add notes; its team changes its status."));
        if (!CanChangeStatus(actor))
            throw new DomainException(new Problem(ProblemCodes.NotOwner,
                "Only the owner or a lead of this team can change the status of a conversation someone owns.",
                new Dictionary<string, object?> { ["ownerId"] = OwnerId }));
        if (Status == status) return false;

        Status = status;
        ResolvedAt = status == ConversationStatus.Resolved ? at : null;
        if (status == ConversationStatus.Resolved) AwaitingReplySince = null;
        LastActivityAt = Max(LastActivityAt, at)!.Value;
        Version++;
        return true;
    }

    /// <summary>
    /// Brings an agent who cannot see the conversation through its team into it as a participant; returns false
    /// when they could already see it.
    /// </summary>
    public bool AddParticipant(Actor agent, Actor by, DateTimeOffset at)
    {
        if (agent.IsSystem || Access.IsVisibleTo(agent)) return false;
        _participants.Add(new ConversationParticipant(Id, agent.AgentId, by.AgentId, at));
        Version++;
        return true;
    }

    internal void EnsureVisibleTo(Actor actor)
    {
        if (!Access.IsVisibleTo(actor)) throw new DomainException(Problem.NotFound("The conversation"));
    }

    private void Touch(Message message)
    {
        message.PlaceAt(++MessageCount);
        LastActivityAt = Max(LastActivityAt, message.CreatedAt)!.Value;
        if (LastMessageAt is null || message.CreatedAt >= LastMessageAt)
        {
            LastMessageAt = message.CreatedAt;
            LastMessagePreview = Text.Preview(message.PreviewText);
            LastMessageDirection = message.Direction;
        }
        Version++;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a;
}
