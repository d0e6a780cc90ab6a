namespace ShuttlePro.Core.Directory;

public static class Roles
{
    public const string Agent = "Agent";
    public const string ShiftLead = "ShiftLead";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Agent, ShiftLead, Supervisor, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
