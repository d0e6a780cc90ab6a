using System.Text.RegularExpressions;
using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Workspace;

/// <summary>
/// A saved reply, inserted with <c>/shortcut</c> in the composer. Shared ones (no owner) are the team's, kept by
/// admins; an agent keeps their own. The body may use variables such as <c>{{contact.name}}</c>.
/// </summary>
public sealed partial class CannedResponse
{
    public const int MaxShortcutLength = 32;
    public const int MaxTitleLength = 80;

    private CannedResponse() { }

    public CannedResponse(Guid? ownerId, string shortcut, string title, string body, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        OwnerId = ownerId;
        CreatedAt = at;
        Edit(shortcut, title, body);
    }

    public Guid Id { get; private set; }

    /// <summary>Null for shared responses; the agent's id for personal ones.</summary>
    public Guid? OwnerId { get; private set; }

    public string Shortcut { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public void Edit(string? shortcut, string? title, string? body)
    {
        var key = (shortcut ?? "").Trim().TrimStart('/').ToLowerInvariant();
        if (!ShortcutPattern().IsMatch(key))
            throw new DomainException(Problem.Validation($"A shortcut is 1 to {MaxShortcutLength} letters, digits or dashes (like /courier-delay)."));
        var name = (title ?? "").Trim();
        if (name.Length is 0 or > MaxTitleLength) throw new DomainException(Problem.Validation($"A title needs 1 to {MaxTitleLength} characters."));
        Shortcut = key;
        Title = name;
        Body = Conversations.Message.ValidateReplyBody(body);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ShortcutPattern();
}

/// <summary>The values a canned response's variables take in one conversation.</summary>
public sealed record CannedContext(string ContactName, string ContactPhone, string AgentName, int ConversationNumber, string BrandName)
{
    private static readonly Regex Variable = new(@"\{\{\s*([a-z]+\.[a-z_]+)\s*\}\}", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    /// <summary>Fills in <c>{{contact.name}}</c>, <c>{{contact.first_name}}</c>, <c>{{contact.phone}}</c>, <c>{{agent.name}}</c>,
    /// <c>{{conversation.number}}</c> and <c>{{brand.name}}</c>; unknown variables are left as written.</summary>
    public string Render(string body) => Variable.Replace(body, match => match.Groups[1].Value.ToLowerInvariant() switch
    {
        "contact.name" => ContactName,
        "contact.first_name" or "contact.firstname" => ContactName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? ContactName,
        "contact.phone" => ContactPhone,
        "agent.name" => AgentName,
        "agent.first_name" or "agent.firstname" => AgentName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? AgentName,
        "conversation.number" => "#" + ConversationNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "brand.name" => BrandName,
        _ => match.Value,
    });
}
