using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Workspace;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class LabelConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> label)
    {
        label.Property(l => l.Name).HasMaxLength(Label.MaxNameLength).IsRequired();
        label.Property(l => l.Color).HasMaxLength(7).IsRequired();
        label.HasIndex(l => l.Name).IsUnique();
    }
}

internal sealed class ConversationLabelConfiguration : IEntityTypeConfiguration<ConversationLabel>
{
    public void Configure(EntityTypeBuilder<ConversationLabel> conversationLabel)
    {
        conversationLabel.ToTable("ConversationLabels");
        conversationLabel.HasKey(l => new { l.ConversationId, l.LabelId });
        conversationLabel.HasOne(l => l.Label).WithMany().HasForeignKey(l => l.LabelId).OnDelete(DeleteBehavior.Cascade);
        conversationLabel.HasIndex(l => l.LabelId);
    }
}

internal sealed class CannedResponseConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> canned)
    {
        canned.Property(c => c.Shortcut).HasMaxLength(CannedResponse.MaxShortcutLength).IsRequired();
        canned.Property(c => c.Title).HasMaxLength(CannedResponse.MaxTitleLength).IsRequired();
        canned.Property(c => c.Body).HasMaxLength(Conversations.Message.MaxBodyLength).IsRequired();
        canned.HasIndex(c => new { c.OwnerId, c.Shortcut }).IsUnique();
        canned.HasOne<Directory.Agent>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
