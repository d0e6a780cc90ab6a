using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Tickets;

/// <summary>What kind of exception a ticket tracks (complaint, refund…). Admins edit the list; retired types stay on old tickets.</summary>
public sealed class TicketType
{
    public const int MaxNameLength = 60;

    public static readonly IReadOnlyList<string> Defaults = ["Complaint", "Delivery issue", "Refund", "Exchange", "Payment/COD", "Other"];

    private TicketType() { }

    public TicketType(string name, int sortOrder)
    {
        Rename(name);
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }

    /// <summary>Retired types are not offered for new tickets.</summary>
    public bool IsActive { get; private set; }

    public void Rename(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
            throw new DomainException(Problem.Validation($"A ticket type needs 1 to {MaxNameLength} characters."));
        Name = trimmed;
    }

    public void SetActive(bool active) => IsActive = active;

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;
}
