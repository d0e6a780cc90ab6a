namespace ShuttlePro.Core.Collaboration;

/// <summary>The <c>Presence</c> section: how long presence and reply locks live without being renewed.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>A viewer not heard from for this long is gone (open screens renew every few seconds).</summary>
    public TimeSpan ViewerTimeToLive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>"Typing" fades this long after the last keystroke.</summary>
    public TimeSpan TypingTimeToLive { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The reply lock's lease, renewed while its holder types.</summary>
    public TimeSpan ReplyLockLease { get; set; } = TimeSpan.FromSeconds(20);
}
