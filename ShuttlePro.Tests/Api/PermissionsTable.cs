using System.Text.RegularExpressions;

namespace ShuttlePro.Tests.Api;

/// <summary>What a cell of docs/permissions.md promises: allowed (on the role's own teams or everywhere), or refused with a status.</summary>
public sealed record Expectation(bool Allowed, bool OwnTeamsOnly, int Status = 0, string? Code = null)
{
    public static Expectation Parse(string cell)
    {
        var text = cell.Split(" — ", 2)[0].Trim();
        if (text == "yes") return new(true, false);
        if (text == "own teams") return new(true, true);
        if (text == "not visible (404)") return new(false, false, 404, "not_found");
        var refused = Regex.Match(text, @"^no \((\d{3})(?: ([a-z_]+))?\)$");
        if (!refused.Success) throw new FormatException($"Unknown permissions cell \"{cell}\".");
        return new(false, false, int.Parse(refused.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            refused.Groups[2].Success ? refused.Groups[2].Value : null);
    }
}

/// <summary>A row of docs/permissions.md: an API route (<c>METHOD /path?query</c>) or a hub method (<c>hub Name(args)</c>), its given state, a cell per role.</summary>
public sealed record PermissionRow(string Action, string Given, IReadOnlyDictionary<string, string> Cells)
{
    public bool IsHub => Action.StartsWith("hub ", StringComparison.Ordinal);

    public string Method => IsHub ? "HUB" : Action.Split(' ', 2)[0];

    /// <summary>The path with its query, placeholders as written (<c>{id}</c>, <c>{team}</c>).</summary>
    public string Target => Action.Split(' ', 2)[1];

    /// <summary>The route as the app maps it, without a query: <c>GET /api/v1/tickets/{id}</c>; a hub row's method name.</summary>
    public string Route => IsHub ? Regex.Match(Target, @"^\w+").Value : $"{Method} {Target.Split('?')[0]}";

    /// <summary>It acts on one conversation or ticket (another team's answers 404 to who may not see it).</summary>
    public bool OnEntity => Given != "—";

    /// <summary>It names a team in a filter (another team's answers 403 to who is not in it).</summary>
    public bool OnTeam => Target.Contains("{team}", StringComparison.Ordinal);

    public string Key => $"{Action} [{Given}]";
}

public static class PermissionsTable
{
    public static readonly string[] Roles = ["Agent", "ShiftLead", "Supervisor", "Admin"];

    private static readonly Lazy<IReadOnlyList<PermissionRow>> Cached = new(() => Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "docs", "permissions.md"))));

    public static IReadOnlyList<PermissionRow> Rows => Cached.Value;

    /// <summary>Every table row whose first cell is a backticked route or hub method; columns by the header's role names.</summary>
    public static IReadOnlyList<PermissionRow> Parse(string markdown)
    {
        List<PermissionRow> rows = [];
        string[]? header = null;
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith('|')) continue;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells[0] == "action") header = cells;
            else if (cells[0].StartsWith('`') && header is not null)
            {
                if (cells.Length != header.Length) throw new FormatException($"Row with {cells.Length} cells under a header of {header.Length}: {line}");
                var byRole = Roles.ToDictionary(r => r, r => cells[Array.IndexOf(header, r) is var i and >= 0
                    ? i : throw new FormatException($"No column for {r}.")]);
                rows.Add(new PermissionRow(cells[0].Trim('`'), cells[Array.IndexOf(header, "given")], byRole));
            }
        }
        return rows;
    }
}
