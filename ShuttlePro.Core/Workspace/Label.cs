using System.Text.RegularExpressions;
using ShuttlePro.Core.Common;

namespace ShuttlePro.Core.Workspace;

/// <summary>An admin-defined tag for conversations ("COD", "Courier delay", "VIP"), used to filter the inbox.</summary>
public sealed partial class Label
{
    public const int MaxNameLength = 40;

    private Label() { }

    public Label(string name, string? color)
    {
        Update(name, color);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>A CSS hex colour like <c>#2563eb</c>.</summary>
    public string Color { get; private set; } = DefaultColor;

    public const string DefaultColor = "#64748b";

    public void Update(string? name, string? color)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > MaxNameLength) throw new DomainException(Problem.Validation($"A label name needs 1 to {MaxNameLength} characters."));
        var hex = string.IsNullOrWhiteSpace(color) ? DefaultColor : color.Trim().ToLowerInvariant();
        if (!HexColor().IsMatch(hex)) throw new DomainException(Problem.Validation("A label colour is a hex colour like #2563eb."));
        Name = trimmed;
        Color = hex;
    }

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex HexColor();
}

public sealed class ConversationLabel
{
    private ConversationLabel() { }

    public ConversationLabel(Guid conversationId, int labelId)
    {
        ConversationId = conversationId;
        LabelId = labelId;
    }

    public Guid ConversationId { get; private set; }
    public int LabelId { get; private set; }
    public Label Label { get; private set; } = null!;
}

public sealed record LabelView(int Id, string Name, string Color);

public sealed record CannedResponseView(Guid Id, string Shortcut, string Title, string Body, bool Shared);
