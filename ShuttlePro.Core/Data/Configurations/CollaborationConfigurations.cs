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
