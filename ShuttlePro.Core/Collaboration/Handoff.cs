using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// A conversation passed on with its context: to an agent (they own it now) or to a team (it waits unowned in
/// their queue). The note says what was asked, what was tried and what is next; a handoff without one is refused.
/// </summary>
public sealed class Handoff
{
    public const int MinNoteLength = 15;
    public const int MinNoteWords = 3;
    public const int MaxNoteLength = 2000;
    public const string NoteRequired = "note_required";

    private Handoff() { }

    public Handoff(Guid conversationId, Guid byAgentId, Guid? fromAgentId, int fromTeamId, Guid? toAgentId, int? toTeamId,
        string note, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ConversationId = conversationId;
        ByAgentId = byAgentId;
        FromAgentId = fromAgentId;
        FromTeamId = fromTeamId;
        ToAgentId = toAgentId;
        ToTeamId = toTeamId;
        Note = ValidateNote(note);
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }

    /// <summary>Who handed it off (the owner, or a lead).</summary>
    public Guid ByAgentId { get; private set; }

    /// <summary>Who owned it before (null when it was unowned).</summary>
    public Guid? FromAgentId { get; private set; }

    public int FromTeamId { get; private set; }
    public Guid? ToAgentId { get; private set; }
    public int? ToTeamId { get; private set; }
    public string Note { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// A handoff note must carry context: a few words at least, not "pls check". Refused with <c>note_required</c>.
    /// </summary>
    public static string ValidateNote(string? note)
    {
        var text = note?.Trim() ?? "";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).Distinct().Count();
        if (text.Length < MinNoteLength || words < MinNoteWords)
            throw new DomainException(new Problem(NoteRequired,
                "A handoff needs a note: what the customer asked, what was tried, and what is next (at least a short sentence)."));
        if (text.Length > MaxNoteLength)
            throw new DomainException(Problem.Validation($"A handoff note holds at most {MaxNoteLength} characters."));
        return text;
    }
}
