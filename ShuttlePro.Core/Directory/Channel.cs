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

    /// <summary>The Graph API access token, protected with ASP.NET Core Data Protection; null for simulated numbers.</summary>
    public string? ProtectedAccessToken { get; private set; }

    /// <summary>The last characters of the token, to show which one is configured without showing it.</summary>
    public string? AccessTokenHint { get; private set; }

    public bool HasCredentials => ProtectedAccessToken is not null;

    public IReadOnlyCollection<MessageTemplate> Templates => _templates;

    private readonly List<MessageTemplate> _templates = [];

    public void Update(string name, string displayPhoneNumber, Brand brand, Team defaultTeam)
    {
        Name = string.IsNullOrWhiteSpace(name) ? Name : name.Trim();
        DisplayPhoneNumber = string.IsNullOrWhiteSpace(displayPhoneNumber) ? DisplayPhoneNumber : displayPhoneNumber.Trim();
        Brand = brand;
        DefaultTeam = defaultTeam;
    }

    public void SetAccessToken(string? protectedToken, string? hint)
    {
        ProtectedAccessToken = string.IsNullOrEmpty(protectedToken) ? null : protectedToken;
        AccessTokenHint = ProtectedAccessToken is null ? null : hint;
    }

    /// <summary>Adds or replaces the template with this name and language.</summary>
    public MessageTemplate SetTemplate(string name, string language, string body)
    {
        var existing = _templates.FirstOrDefault(t => t.Name == name && t.Language == language);
        if (existing is not null)
        {
            existing.Edit(body);
            return existing;
        }
        var template = new MessageTemplate(Id, name, language, body);
        _templates.Add(template);
        return template;
    }

    public bool RemoveTemplate(Guid templateId) => _templates.RemoveAll(t => t.Id == templateId) > 0;
}

/// <summary>
/// An approved WhatsApp message template of a number: the only thing that may be sent once the 24-hour window closed.
/// Its body has numbered parameters (<c>{{1}}</c>, <c>{{2}}</c>…) the agent fills in.
/// </summary>
public sealed partial class MessageTemplate
{
    private MessageTemplate() { }

    internal MessageTemplate(int channelId, string name, string language, string body)
    {
        Id = Guid.NewGuid();
        ChannelId = channelId;
        Name = ValidateName(name);
        Language = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim();
        Edit(body);
    }

    public Guid Id { get; private set; }
    public int ChannelId { get; private set; }
    public string Name { get; private set; } = "";
    public string Language { get; private set; } = "en";
    public string Body { get; private set; } = "";

    public int ParameterCount => Parameter().Matches(Body).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
        .DefaultIfEmpty(0).Max();

    internal void Edit(string body) =>
        Body = string.IsNullOrWhiteSpace(body) ? throw new Common.DomainException(Common.Problem.Validation("A template needs a body.")) : body.Trim();

    /// <summary>The text the customer will read, with the parameters filled in; refuses a wrong number of parameters.</summary>
    public string Render(IReadOnlyList<string> parameters)
    {
        if (parameters.Count != ParameterCount || parameters.Any(string.IsNullOrWhiteSpace))
            throw new Common.DomainException(Common.Problem.Validation($"Template {Name} takes {ParameterCount} parameter(s), each with a value."));
        return Fill(Body, parameters);
    }

    /// <summary>A template body with the given values in place; placeholders without a value stay as they are (a preview).</summary>
    public static string Fill(string body, IReadOnlyList<string?> parameters) =>
        Parameter().Replace(body, m =>
        {
            var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            return index >= 0 && index < parameters.Count && !string.IsNullOrWhiteSpace(parameters[index]) ? parameters[index]!.Trim() : m.Value;
        });

    private static string ValidateName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        return TemplateName().IsMatch(trimmed)
            ? trimmed
            : throw new Common.DomainException(Common.Problem.Validation("A template name is lowercase letters, digits and underscores, as approved by Meta."));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*(\d+)\s*\}\}")]
    private static partial System.Text.RegularExpressions.Regex Parameter();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9_]{1,512}$")]
    private static partial System.Text.RegularExpressions.Regex TemplateName();
}
