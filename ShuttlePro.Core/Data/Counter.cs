namespace ShuttlePro.Core.Data;

/// <summary>
/// A named number handed out in order (conversation numbers). Portable across providers: the row's value
/// is its own concurrency token, so two writers can never hand out the same number.
/// </summary>
public sealed class Counter
{
    public const string ConversationNumber = "conversation-number";
    public const int FirstConversationNumber = 1001;

    private Counter() { }

    public Counter(string name, long value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; private set; } = "";
    public long Value { get; private set; }

    public long Next() => ++Value;
}
