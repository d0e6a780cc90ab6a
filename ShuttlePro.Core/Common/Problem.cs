namespace ShuttlePro.Core.Common;

/// <summary>A refused operation: a stable machine code, a sentence for people, and optional details.</summary>
public sealed record Problem(string Code, string Message, IReadOnlyDictionary<string, object?>? Details = null)
{
    public static Problem Validation(string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(ProblemCodes.Validation, message, details);

    public static Problem NotFound(string what) => new(ProblemCodes.NotFound, $"{what} was not found.");

    public static Problem Forbidden(string message) => new(ProblemCodes.Forbidden, message);
}

public static class ProblemCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string NotOwner = "not_owner";
    public const string AlreadyOwned = "already_owned";
    public const string Locked = "locked";
    public const string Stale = "stale";
    public const string Conflict = "conflict";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string LockedOut = "locked_out";
}
