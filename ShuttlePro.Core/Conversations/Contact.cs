namespace ShuttlePro.Core.Conversations;

/// <summary>A customer, known by their WhatsApp id (their phone number in international form, digits only).</summary>
public sealed class Contact
{
    public const int MaxNameLength = 120;

    private Contact() { }

    public Contact(string waId, string? name)
    {
        Id = Guid.CreateVersion7();
        WaId = NormalizeWaId(waId);
        Name = CleanName(name) ?? "+" + WaId;
    }

    public Guid Id { get; private set; }
    public string WaId { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>WhatsApp profile names change; the newest one wins unless it is blank.</summary>
    public bool UpdateProfileName(string? name)
    {
        var cleaned = CleanName(name);
        if (cleaned is null || cleaned == Name) return false;
        Name = cleaned;
        return true;
    }

    public static string NormalizeWaId(string waId)
    {
        var digits = new string((waId ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 6 or > 20)
            throw new Common.DomainException(Common.Problem.Validation("A WhatsApp id is a phone number of 6 to 20 digits."));
        return digits;
    }

    private static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return Common.Text.Cut(trimmed, MaxNameLength);
    }
}
