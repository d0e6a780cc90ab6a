using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class TakeoverRequestConfiguration : IEntityTypeConfiguration<TakeoverRequest>
{
    public void Configure(EntityTypeBuilder<TakeoverRequest> request)
    {
        request.Property(r => r.Note).HasMaxLength(TakeoverRequest.MaxNoteLength);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        request.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne(r => r.Requester).WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        request.HasIndex(r => new { r.ConversationId, r.Status });
        request.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}

internal sealed class ConversationParticipantConfiguration : IEntityTypeConfiguration<ConversationParticipant>
{
    public void Configure(EntityTypeBuilder<ConversationParticipant> participant)
    {
        participant.ToTable("ConversationParticipants");
        participant.HasKey(p => new { p.ConversationId, p.AgentId });
        participant.HasOne<ShuttlePro.Core.Directory.Agent>().WithMany().HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Cascade);
        participant.HasIndex(p => p.AgentId);
    }
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> note)
    {
        note.Property(n => n.Body).HasMaxLength(Note.MaxBodyLength).IsRequired();
        note.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId).OnDelete(DeleteBehavior.Restrict);
        note.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
        note.HasMany(n => n.Mentions).WithOne().HasForeignKey(m => m.NoteId).OnDelete(DeleteBehavior.Cascade);
        note.Navigation(n => n.Mentions).HasField("_mentions").UsePropertyAccessMode(PropertyAccessMode.Field);
        note.HasIndex(n => new { n.ConversationId, n.CreatedAt });
        note.HasIndex(n => new { n.ConversationId, n.Pinned });
    }
}

internal sealed class NoteMentionConfiguration : IEntityTypeConfiguration<NoteMention>
{
    public void Configure(EntityTypeBuilder<NoteMention> mention)
    {
        mention.ToTable("NoteMentions");
        mention.Property(m => m.Name).HasMaxLength(120).IsRequired();
        mention.HasIndex(m => m.AgentId);
    }
}

internal sealed class HandoffConfiguration : IEntityTypeConfiguration<Handoff>
{
    public void Configure(EntityTypeBuilder<Handoff> handoff)
    {
        handoff.Property(h => h.Note).HasMaxLength(Handoff.MaxNoteLength).IsRequired();
        handoff.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId).OnDelete(DeleteBehavior.Restrict);
        handoff.HasIndex(h => new { h.ConversationId, h.CreatedAt });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        notification.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength).IsRequired();
        notification.Property(n => n.ActorName).HasMaxLength(120).IsRequired();
        notification.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        notification.HasIndex(n => new { n.RecipientId, n.ReadAt });
    }
}
