using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// An internal note on a conversation: context for colleagues (order id, courier, what was tried). Never a message:
/// no path that sends to a channel takes one. Immutable once written (a correction is a new note); it can be
/// pinned, and pinned notes form the conversation's context card.
/// </summary>
public sealed class Note
{
    public const int MaxBodyLength = 4000;

    private readonly List<NoteMention> _mentions = [];

    private Note() { }

    private Note(Guid conversationId, Guid authorId, string body, bool pinned, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ConversationId = conversationId;
        AuthorId = authorId;
        Body = body;
        CreatedAt = at;
        if (pinned)
        {
            Pinned = true;
            PinnedAt = at;
            PinnedById = authorId;
        }
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid AuthorId { get; private set; }
    public Agent Author { get; private set; } = null!;
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public bool Pinned { get; private set; }
    public DateTimeOffset? PinnedAt { get; private set; }
    public Guid? PinnedById { get; private set; }
    public IReadOnlyCollection<NoteMention> Mentions => _mentions;

    public static Note Write(Guid conversationId, Actor author, string? body, IEnumerable<Mention> mentions, bool pinned, DateTimeOffset at)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException(Problem.Validation("A note needs some text."));
        if (text.Length > MaxBodyLength)
            throw new DomainException(Problem.Validation($"A note holds at most {MaxBodyLength} characters; this one has {text.Length}."));
        var note = new Note(conversationId, author.AgentId, text, pinned, at);
        foreach (var mention in mentions.DistinctBy(m => (m.Kind, m.Id)))
            note._mentions.Add(new NoteMention(note.Id, mention));
        return note;
    }

    /// <summary>Pins or unpins; returns false when it already was.</summary>
    public bool SetPinned(Actor actor, bool pinned, DateTimeOffset at)
    {
        if (Pinned == pinned) return false;
        Pinned = pinned;
        PinnedAt = pinned ? at : null;
        PinnedById = pinned ? actor.AgentId : null;
        return true;
    }
}

public enum MentionKind
{
    Agent,
    Team,
}

/// <summary>Someone a note speaks to: an agent or a whole team, as written (<see cref="Text"/>).</summary>
public sealed record Mention(MentionKind Kind, string Id, string Name, string Text)
{
    public Guid? AgentId => Kind == MentionKind.Agent ? Guid.Parse(Id) : null;
    public int? TeamId => Kind == MentionKind.Team ? int.Parse(Id, System.Globalization.CultureInfo.InvariantCulture) : null;
}

public sealed class NoteMention
{
    private NoteMention() { }

    internal NoteMention(Guid noteId, Mention mention)
    {
        Id = Guid.NewGuid();
        NoteId = noteId;
        AgentId = mention.AgentId;
        TeamId = mention.TeamId;
        Name = mention.Name;
    }

    public Guid Id { get; private set; }
    public Guid NoteId { get; private set; }
    public Guid? AgentId { get; private set; }
    public int? TeamId { get; private set; }
    public string Name { get; private set; } = "";
}
