namespace ShuttlePro.Core.Directory;

/// <summary>
/// Who is acting: the signed-in agent with the roles and teams that decide what they may see and do.
/// Every Core operation takes one; the UI, the API and the hub build it the same way.
/// </summary>
public sealed record Actor(Guid AgentId, string Name, IReadOnlySet<string> Roles, IReadOnlySet<int> TeamIds)
{
    /// <summary>The application itself (simulator, background dispatch, webhooks).</summary>
    public static readonly Actor System = new(Guid.Empty, "ShuttlePro", new HashSet<string>(), new HashSet<int>());

    public bool IsSystem => AgentId == Guid.Empty;
    public bool IsAdmin => Roles.Contains(Directory.Roles.Admin);
    public bool IsSupervisor => Roles.Contains(Directory.Roles.Supervisor);
    public bool IsShiftLead => Roles.Contains(Directory.Roles.ShiftLead);

    /// <summary>Supervisors and admins see every team's conversations; the system sees everything.</summary>
    public bool SeesAllTeams => IsSystem || IsSupervisor || IsAdmin;

    public bool CanSeeTeam(int teamId) => SeesAllTeams || TeamIds.Contains(teamId);

    /// <summary>Shift leads lead the teams they belong to; supervisors and admins lead every team.</summary>
    public bool LeadsTeam(int teamId) => SeesAllTeams || (IsShiftLead && TeamIds.Contains(teamId));
}
