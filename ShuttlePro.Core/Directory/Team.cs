namespace ShuttlePro.Core.Directory;

public sealed class Team
{
    public const int MaxNameLength = 80;

    private Team() { }

    public Team(string name)
    {
        Rename(name);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>New and released conversations go round-robin to available members (off by default).</summary>
    public bool AutoAssign { get; private set; }

    public void SetAutoAssign(bool enabled) => AutoAssign = enabled;

    public void Rename(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
            throw new Common.DomainException(Common.Problem.Validation($"A team name needs 1 to {MaxNameLength} characters."));
        Name = trimmed;
    }
}
