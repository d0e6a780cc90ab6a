namespace ShuttlePro.Core.Collaboration;

/// <summary>
/// Finds @mentions of agents and teams in a note. An agent is mentioned by full name ("@Hamza Sheikh") or by the
/// name in their email ("@hamza"); a team by its name, optionally followed by "team" ("@Ops", "@Ops Team").
/// Case does not matter; the longest name that fits wins, and it must end at a word boundary.
/// </summary>
public static class MentionParser
{
    public sealed record Candidate(MentionKind Kind, string Id, string Name, IReadOnlyList<string> Aliases);

    public static IReadOnlyList<Mention> Parse(string text, IEnumerable<Candidate> candidates)
    {
        var aliases = candidates
            .SelectMany(c => c.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => (Alias: a.Trim(), Candidate: c)))
            .OrderByDescending(a => a.Alias.Length)
            .ToList();
        var found = new List<Mention>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || (i > 0 && IsNameChar(text[i - 1]))) continue;
            var rest = text.AsSpan(i + 1);
            foreach (var (alias, candidate) in aliases)
            {
                if (!rest.StartsWith(alias, StringComparison.OrdinalIgnoreCase)) continue;
                if (rest.Length > alias.Length && IsNameChar(rest[alias.Length])) continue;
                found.Add(new Mention(candidate.Kind, candidate.Id, candidate.Name, "@" + rest[..alias.Length].ToString()));
                i += alias.Length;
                break;
            }
        }
        return found;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';
}
