using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Audit;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.HasKey(a => a.Sequence);
        audit.Property(a => a.Sequence).ValueGeneratedOnAdd();
        audit.Property(a => a.Action).HasMaxLength(64).IsRequired();
        audit.Property(a => a.ActorName).HasMaxLength(120).IsRequired();
        audit.Property(a => a.SubjectType).HasMaxLength(32).IsRequired();
        audit.Property(a => a.SubjectId).HasMaxLength(64).IsRequired();
        audit.HasIndex(a => new { a.ConversationId, a.Sequence });
        audit.HasIndex(a => new { a.ActorId, a.Sequence });
        audit.HasIndex(a => new { a.Action, a.Sequence });
    }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> counter)
    {
        counter.HasKey(c => c.Name);
        counter.Property(c => c.Name).HasMaxLength(64);
        counter.Property(c => c.Value).IsConcurrencyToken();
    }
}
