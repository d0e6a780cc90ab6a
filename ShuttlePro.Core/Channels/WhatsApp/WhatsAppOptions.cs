namespace ShuttlePro.Core.Channels.WhatsApp;

/// <summary>The <c>WhatsApp</c> section: Meta's app secret and verify token, the Graph API, and the numbers we serve.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>Meta's Graph API with a pinned version; overridable so tests and staging point elsewhere.</summary>
    public const string DefaultGraphApiBaseUrl = "https://graph.facebook.com/v21.0";

    /// <summary>The app secret Meta signs webhooks with (<c>X-Hub-Signature-256</c>).</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>What Meta must send as <c>hub.verify_token</c> when subscribing the webhook.</summary>
    public string VerifyToken { get; set; } = "";

    public string GraphApiBaseUrl { get; set; } = DefaultGraphApiBaseUrl;

    public List<ChannelSettings> Channels { get; set; } = [];

    /// <summary>Meta's default throughput per business number.</summary>
    public int MessagesPerSecondPerNumber { get; set; } = 80;

    /// <summary>
    /// Numbers without an access token talk to the built-in Graph API stand-in instead of Meta (the demo). Off in
    /// production, where a number without a token is a configuration error.
    /// </summary>
    public bool SimulateNumbersWithoutToken { get; set; }

    /// <summary>Webhook bodies above this are refused with 413.</summary>
    public int MaxWebhookBytes { get; set; } = 3 * 1024 * 1024;
}

/// <summary>One WhatsApp number: synchronised into the Channel table at start (brand and team created when missing).</summary>
public sealed class ChannelSettings
{
    public string PhoneNumberId { get; set; } = "";
    public string DisplayPhoneNumber { get; set; } = "";
    public string Brand { get; set; } = "";
    public string Team { get; set; } = "";
    public string? Name { get; set; }

    /// <summary>The Graph API access token; empty for the demo's simulated numbers.</summary>
    public string? AccessToken { get; set; }

    public List<TemplateSettings> Templates { get; set; } = [];
}

/// <summary>An approved message template: its name, language and body with <c>{{1}}</c>-style parameters.</summary>
public sealed class TemplateSettings
{
    public string Name { get; set; } = "";
    public string Language { get; set; } = "en";
    public string Body { get; set; } = "";
}
