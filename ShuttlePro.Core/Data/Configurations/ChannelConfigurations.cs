using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class OutboxEntryConfiguration : IEntityTypeConfiguration<OutboxEntry>
{
    public void Configure(EntityTypeBuilder<OutboxEntry> outbox)
    {
        outbox.ToTable("Outbox");
        outbox.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        outbox.Property(o => o.LastError).HasMaxLength(500);
        outbox.Property(o => o.WaMessageId).HasMaxLength(128);
        outbox.Property(o => o.Version).IsConcurrencyToken();
        outbox.HasIndex(o => o.MessageId).IsUnique();
        outbox.HasIndex(o => new { o.Status, o.NextAttemptAt });
        outbox.HasOne<Message>().WithMany().HasForeignKey(o => o.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PendingStatusConfiguration : IEntityTypeConfiguration<PendingStatus>
{
    public void Configure(EntityTypeBuilder<PendingStatus> status)
    {
        status.Property(s => s.WaMessageId).HasMaxLength(128).IsRequired();
        status.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        status.Property(s => s.ErrorTitle).HasMaxLength(200);
        status.HasIndex(s => s.WaMessageId);
        status.HasIndex(s => s.ReceivedAt);
    }
}

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> deadLetter)
    {
        deadLetter.Property(d => d.PhoneNumberId).HasMaxLength(64).IsRequired();
        deadLetter.Property(d => d.Reason).HasMaxLength(200).IsRequired();
        deadLetter.Property(d => d.Payload).HasMaxLength(DeadLetter.MaxPayloadLength).IsRequired();
        deadLetter.HasIndex(d => d.ReceivedAt);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> template)
    {
        template.ToTable("MessageTemplates");
        // Ids are made by the entity: a template added through its channel must be inserted, not taken for an existing row.
        template.Property(t => t.Id).ValueGeneratedNever();
        template.Property(t => t.Name).HasMaxLength(512).IsRequired();
        template.Property(t => t.Language).HasMaxLength(16).IsRequired();
        template.Property(t => t.Body).HasMaxLength(1024).IsRequired();
        template.HasIndex(t => new { t.ChannelId, t.Name, t.Language }).IsUnique();
        template.Ignore(t => t.ParameterCount);
    }
}
