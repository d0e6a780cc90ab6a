using System.Linq.Expressions;

namespace ShuttlePro.Core.Conversations;

/// <summary>The SQL-translatable shapes of the read models, so every query builds them the same way.</summary>
public static class ConversationProjections
{
    public static readonly Expression<Func<Conversation, ConversationSummary>> Summary = c => new ConversationSummary(
        c.Id,
        c.Number,
        c.Status,
        new ContactView(c.Contact.Name, "+" + c.Contact.WaId),
        new ChannelView(c.ChannelId, c.Channel.Name, c.Channel.Brand.Name),
        c.TeamId,
        c.Team.Name,
        c.OwnerId,
        c.Owner != null ? c.Owner.DisplayName : null,
        c.LastMessageAt,
        c.LastMessagePreview,
        c.LastMessageDirection,
        c.LastActivityAt,
        c.LastInboundAt,
        c.AwaitingReplySince,
        c.Version,
        c.Participants.Select(p => p.AgentId).ToList(),
        c.Labels.OrderBy(l => l.Label.Name).Select(l => new Workspace.LabelView(l.LabelId, l.Label.Name, l.Label.Color)).ToList());

    public static readonly Expression<Func<Message, MessageView>> Message = m => new MessageView(
        m.Id,
        m.ConversationId,
        m.Direction,
        m.Type,
        m.Body,
        m.AuthorId,
        m.Author != null ? m.Author.DisplayName : null,
        m.CreatedAt,
        m.Status,
        m.Position,
        new MessageChannelDetails(m.WaMessageId, m.MediaId, m.MimeType, m.FileName, m.ErrorCode, m.ErrorTitle, m.TemplateName));

    public static MessageView ToView(this Message message, string? authorName) => new(
        message.Id, message.ConversationId, message.Direction, message.Type, message.Body,
        message.AuthorId, authorName, message.CreatedAt, message.Status, message.Position,
        new MessageChannelDetails(message.WaMessageId, message.MediaId, message.MimeType, message.FileName, message.ErrorCode, message.ErrorTitle,
            message.TemplateName));
}
