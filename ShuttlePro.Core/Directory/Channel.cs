namespace ShuttlePro.Core.Directory;

/// <summary>A WhatsApp number of a brand. New conversations on it land in its default team's queue.</summary>
public sealed class Channel
{
    private Channel() { }

    public Channel(Brand brand, string name, string phoneNumberId, string displayPhoneNumber, Team defaultTeam)
    {
        Brand = brand;
        Name = name;
        PhoneNumberId = phoneNumberId;
        DisplayPhoneNumber = displayPhoneNumber;
        DefaultTeam = defaultTeam;
    }

    public int Id { get; private set; }
    public int BrandId { get; private set; }
    public Brand Brand { get; private set; } = null!;
    public string Name { get; private set; } = "";

    /// <summary>Meta's id of the number (the webhook's <c>metadata.phone_number_id</c>).</summary>
    public string PhoneNumberId { get; private set; } = "";

    public string DisplayPhoneNumber { get; private set; } = "";
    public int DefaultTeamId { get; private set; }
    public Team DefaultTeam { get; private set; } = null!;
}
