using System.Text.RegularExpressions;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Workspace;

namespace ShuttlePro.Web.Components.Pages.Inbox;

/// <summary>What the composer offers while typing: @mentions in a note, /shortcuts for canned replies.</summary>
public static partial class ComposerSuggestions
{
    public sealed record MentionOption(string Label, string Detail, string Insert);

    /// <summary>The "@par" being typed at the end of the draft, if any.</summary>
    public static string? MentionQuery(string draft) => TrailingMention().Match(draft) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The "/cour" a reply starts with, if the whole draft is a shortcut being typed.</summary>
    public static string? ShortcutQuery(string draft) => LeadingShortcut().Match(draft) is { Success: true } m ? m.Groups[1].Value : null;

    public static IReadOnlyList<MentionOption> Mentions(string query, IEnumerable<AgentView> agents, IEnumerable<TeamView> teams, Guid? me) =>
        agents.Where(a => a.IsActive && a.Id != me)
            .Select(a => new MentionOption(a.Name, string.Join(", ", a.Teams.Select(t => t.Name)), a.Name))
            .Concat(teams.Select(t => new MentionOption(t.Name, "team", t.Name)))
            .Where(o => query.Length == 0 || o.Label.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.Label.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(o => o.Label)
            .Take(6)
            .ToList();

    public static IReadOnlyList<CannedResponseView> Canned(string query, IEnumerable<CannedResponseView> canned) =>
        canned.Where(c => c.Shortcut.StartsWith(query, StringComparison.OrdinalIgnoreCase)
                          || c.Title.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Take(6)
            .ToList();

    /// <summary>Replaces the "@par" at the end of the draft with the full mention.</summary>
    public static string CompleteMention(string draft, MentionOption option) =>
        TrailingMention().Replace(draft, m => m.Value[..(m.Value.IndexOf('@'))] + "@" + option.Insert + " ", 1);

    [GeneratedRegex(@"(?:^|\s)@([\p{L}\p{N} ._-]{0,30})$")]
    private static partial Regex TrailingMention();

    [GeneratedRegex(@"^/([a-z0-9-]{0,32})$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingShortcut();
}
