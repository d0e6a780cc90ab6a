using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Collaboration;

public enum TakeoverRequestStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>
/// An agent who may not reply asks the owner (or a lead) to let them take the conversation over. Accepting moves
/// ownership to the requester in the same transaction.
/// </summary>
public sealed class TakeoverRequest
{
    public const int MaxNoteLength = 500;

    private TakeoverRequest() { }

    public TakeoverRequest(Guid conversationId, Guid requesterId, Guid ownerId, string? note, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ConversationId = conversationId;
        RequesterId = requesterId;
        OwnerIdAtRequest = ownerId;
        var trimmed = note?.Trim();
        if (trimmed is { Length: > MaxNoteLength })
            throw new DomainException(Problem.Validation($"A takeover request note holds at most {MaxNoteLength} characters."));
        Note = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        CreatedAt = at;
        Status = TakeoverRequestStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid RequesterId { get; private set; }
    public Agent Requester { get; private set; } = null!;

    /// <summary>Who owned the conversation when the request was made (the person asked).</summary>
    public Guid OwnerIdAtRequest { get; private set; }

    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public TakeoverRequestStatus Status { get; private set; }
    public Guid? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public void Decide(Actor actor, bool accept, DateTimeOffset at)
    {
        if (Status != TakeoverRequestStatus.Pending)
            throw new DomainException(new Problem(ProblemCodes.Conflict, $"This request was already {Status.ToString().ToLowerInvariant()}."));
        Status = accept ? TakeoverRequestStatus.Accepted : TakeoverRequestStatus.Declined;
        DecidedById = actor.AgentId;
        DecidedAt = at;
    }

    /// <summary>The conversation changed hands some other way: the request no longer needs an answer.</summary>
    public void Withdraw(DateTimeOffset at)
    {
        if (Status != TakeoverRequestStatus.Pending) return;
        Status = TakeoverRequestStatus.Withdrawn;
        DecidedAt = at;
    }
}
