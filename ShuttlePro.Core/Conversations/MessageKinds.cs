namespace ShuttlePro.Core.Conversations;

/// <summary>How each kind of WhatsApp message is named to people (list previews, the thread, notifications).</summary>
public static class MessageKinds
{
    public static string Describe(MessageType type) => type switch
    {
        MessageType.Image => "📷 Photo",
        MessageType.Audio => "🎤 Voice message",
        MessageType.Video => "🎬 Video",
        MessageType.Document => "📄 Document",
        MessageType.Sticker => "Sticker",
        MessageType.Location => "📍 Location",
        MessageType.Contacts => "👤 Contact card",
        MessageType.Interactive => "Button reply",
        MessageType.Reaction => "Reaction",
        MessageType.Template => "Template message",
        MessageType.Unsupported => "A message WhatsApp does not pass on",
        _ => "Message",
    };

    public static bool HasMedia(MessageType type) =>
        type is MessageType.Image or MessageType.Audio or MessageType.Video or MessageType.Document or MessageType.Sticker;
}
