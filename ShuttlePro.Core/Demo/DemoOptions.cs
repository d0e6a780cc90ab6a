namespace ShuttlePro.Core.Demo;

/// <summary>The <c>Demo</c> section: a believable organisation and customers who keep writing.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string DefaultPassword = "ShuttlePro!demo1";

    /// <summary>Seed the demo organisation, accounts and conversations into an empty database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The password of every demo account.</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>Simulated customers write in every few seconds so the inbox moves.</summary>
    public bool Simulator { get; set; } = true;

    /// <summary>Average seconds between two simulated customer messages.</summary>
    public double SimulatorIntervalSeconds { get; set; } = 6;
}
