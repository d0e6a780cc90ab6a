using Microsoft.AspNetCore.Identity;

namespace ShuttlePro.Core.Directory;

/// <summary>A person who signs in: the Identity user plus what the inbox needs to know about them.</summary>
public sealed class Agent : IdentityUser<Guid>
{
    public const int MaxNameLength = 80;

    private readonly List<AgentTeam> _teams = [];

    private Agent() { }

    public Agent(string email, string displayName)
    {
        Id = Guid.CreateVersion7();
        UserName = email;
        Email = email;
        EmailConfirmed = true;
        Rename(displayName);
    }

    public string DisplayName { get; private set; } = "";
    public AgentStatus Status { get; private set; } = AgentStatus.Offline;
    public bool OnShift { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>How many open conversations auto-assignment gives this agent at most.</summary>
    public int Capacity { get; private set; } = DefaultCapacity;

    /// <summary>When auto-assignment last gave this agent a conversation (round-robin order).</summary>
    public DateTimeOffset? LastAutoAssignedAt { get; private set; }

    public const int DefaultCapacity = 8;
    public const int MaxCapacity = 100;

    /// <summary>An agent is available for new work when active, online and on shift.</summary>
    public bool IsAvailable => IsActive && Status == AgentStatus.Online && OnShift;

    public void SetCapacity(int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
            throw new Common.DomainException(Common.Problem.Validation($"Capacity is between 0 and {MaxCapacity} open conversations."));
        Capacity = capacity;
    }

    internal void NoteAutoAssigned(DateTimeOffset at) => LastAutoAssignedAt = at;
    public IReadOnlyCollection<AgentTeam> Teams => _teams;

    public void Rename(string displayName)
    {
        var trimmed = displayName?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
            throw new Common.DomainException(Common.Problem.Validation($"A name needs 1 to {MaxNameLength} characters."));
        DisplayName = trimmed;
    }

    public void SetStatus(AgentStatus status, bool onShift)
    {
        Status = status;
        OnShift = onShift;
    }

    public void Deactivate()
    {
        IsActive = false;
        Status = AgentStatus.Offline;
        OnShift = false;
    }

    public void Reactivate() => IsActive = true;

    /// <summary>Replaces the agent's team memberships with exactly <paramref name="teamIds"/>.</summary>
    public void SetTeams(IEnumerable<int> teamIds)
    {
        var wanted = teamIds.ToHashSet();
        _teams.RemoveAll(t => !wanted.Contains(t.TeamId));
        foreach (var teamId in wanted.Where(id => _teams.All(t => t.TeamId != id)))
            _teams.Add(new AgentTeam(Id, teamId));
    }
}

public sealed class AgentTeam
{
    private AgentTeam() { }

    public AgentTeam(Guid agentId, int teamId)
    {
        AgentId = agentId;
        TeamId = teamId;
    }

    public Guid AgentId { get; private set; }
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;
}
