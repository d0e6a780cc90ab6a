namespace ShuttlePro.Core.Directory;

public enum AgentStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}

public static class AgentStatusOrder
{
    /// <summary>How lists of agents order them: online first, then away, then offline.</summary>
    public static int Rank(this AgentStatus status) => status switch
    {
        AgentStatus.Online => 0,
        AgentStatus.Away => 1,
        _ => 2,
    };
}
