using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Quality;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class QaReviewConfiguration : IEntityTypeConfiguration<QaReview>
{
    public void Configure(EntityTypeBuilder<QaReview> review)
    {
        review.Property(r => r.AgentName).HasMaxLength(120).IsRequired();
        review.Property(r => r.ReviewerName).HasMaxLength(120).IsRequired();
        review.Property(r => r.Comment).HasMaxLength(QaReview.MaxCommentLength).IsRequired();
        review.HasOne<AuditEvent>().WithMany().HasForeignKey(r => r.AuditSequence).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Agent>().WithMany().HasForeignKey(r => r.AgentId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Agent>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        review.HasIndex(r => new { r.AuditSequence, r.CreatedAt });
        review.HasIndex(r => new { r.AgentId, r.CreatedAt });
        review.HasIndex(r => new { r.TeamId, r.CreatedAt });
    }
}
