using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.Property(c => c.WaId).HasMaxLength(20).IsRequired();
        contact.Property(c => c.Name).HasMaxLength(Contact.MaxNameLength).IsRequired();
        contact.HasIndex(c => c.WaId).IsUnique();
        contact.HasIndex(c => c.Name);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.HasIndex(c => c.Number).IsUnique();
        conversation.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        conversation.Property(c => c.LastMessageDirection).HasConversion<string>().HasMaxLength(16);
        conversation.Property(c => c.LastMessagePreview).HasMaxLength(200).IsRequired();
        // App-managed optimistic concurrency: the entity bumps Version on every change, and an UPDATE
        // only succeeds where the row still has the version that was read. Works the same on SQLite and SQL Server.
        conversation.Property(c => c.Version).IsConcurrencyToken();
        conversation.HasOne(c => c.Channel).WithMany().HasForeignKey(c => c.ChannelId).OnDelete(DeleteBehavior.Restrict);
        conversation.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        conversation.HasOne(c => c.Team).WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        conversation.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Restrict);
        conversation.Navigation(c => c.Messages).HasField("_messages").UsePropertyAccessMode(PropertyAccessMode.Field);
        conversation.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
        conversation.Navigation(c => c.Participants).HasField("_participants").UsePropertyAccessMode(PropertyAccessMode.Field);
        conversation.Ignore(c => c.Access);
        conversation.HasMany(c => c.Labels).WithOne().HasForeignKey(l => l.ConversationId).OnDelete(DeleteBehavior.Cascade);
        conversation.Navigation(c => c.Labels).HasField("_labels").UsePropertyAccessMode(PropertyAccessMode.Field);
        conversation.HasIndex(c => new { c.TeamId, c.Status, c.LastActivityAt });
        conversation.HasIndex(c => new { c.OwnerId, c.Status, c.LastActivityAt });
        conversation.HasIndex(c => new { c.ContactId, c.ChannelId, c.Status });
        conversation.HasIndex(c => c.LastActivityAt);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength).IsRequired();
        message.Property(m => m.WaMessageId).HasMaxLength(128);
        message.Property(m => m.Direction).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.Type).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.MediaId).HasMaxLength(128);
        message.Property(m => m.MimeType).HasMaxLength(100);
        message.Property(m => m.FileName).HasMaxLength(255);
        message.Property(m => m.ErrorTitle).HasMaxLength(200);
        message.Property(m => m.TemplateName).HasMaxLength(512);
        message.Property(m => m.TemplateLanguage).HasMaxLength(16);
        message.Property(m => m.TemplateParameters).HasMaxLength(4000);
        message.HasIndex(m => m.WaMessageId).IsUnique();
        message.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        message.HasIndex(m => new { m.ConversationId, m.Position });
        message.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}
