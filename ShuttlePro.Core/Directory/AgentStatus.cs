namespace ShuttlePro.Core.Directory;

public enum AgentStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}
