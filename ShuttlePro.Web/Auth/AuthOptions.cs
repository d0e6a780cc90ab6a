namespace ShuttlePro.Web.Auth;

/// <summary>The <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>How long a bearer token from <c>POST /api/v1/auth/token</c> stays valid.</summary>
    public double TokenLifetimeHours { get; set; } = 12;

    /// <summary>How long a browser sign-in lasts without activity.</summary>
    public double CookieLifetimeHours { get; set; } = 12;
}
