namespace ShuttlePro.Core.Conversations;

public enum ConversationStatus
{
    Open = 0,
    Pending = 1,
    Resolved = 2,
}

public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}

public enum MessageType
{
    Text = 0,
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
    Interactive,
    Reaction,
    Template,
    Unsupported,
}

/// <summary>
/// Where a message is on its way. Outbound moves forward only: Pending → Sent → Delivered → Read (or Failed).
/// Inbound messages are Received.
/// </summary>
public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
    Received = 5,
}
