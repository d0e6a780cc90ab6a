namespace ShuttlePro.Core.Tickets;

public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

public enum TicketStatus
{
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}

public enum TicketEventKind
{
    Created,
    StatusChanged,
    PriorityChanged,
    OwnerChanged,
    TeamChanged,
    Comment,
    Solved,
    Reopened,
    FirstResponse,
    SlaWarning,
    SlaBreached,
    FirstResponseBreached,
}

/// <summary>Where a ticket stands against its SLA, as a list, a chip or a board shows it.</summary>
public enum SlaState
{
    OnTrack,
    Approaching,
    Breached,
    Met,
    Missed,
}

public static class TicketStatuses
{
    public static bool IsOpen(this TicketStatus status) => status is not (TicketStatus.Solved or TicketStatus.Closed);

    public static string Label(this TicketStatus status) => status == TicketStatus.OnHold ? "On hold" : status.ToString();
}
