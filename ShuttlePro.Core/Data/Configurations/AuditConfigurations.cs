using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Audit;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        // The trigger (created by the AuditChain migrations) refuses updates and deletes; declaring it keeps EF Core
        // from using OUTPUT clauses, which SQL Server does not allow on tables with triggers.
        audit.ToTable(t => t.HasTrigger(AppendOnlyTrigger));
        audit.HasKey(a => a.Sequence);
        audit.Property(a => a.Sequence).ValueGeneratedNever(); // numbered by the chain head, not by the database
        audit.Property(a => a.Hash).HasMaxLength(64).IsRequired();
        audit.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
        audit.Property(a => a.Action).HasMaxLength(64).IsRequired();
        audit.Property(a => a.ActorName).HasMaxLength(120).IsRequired();
        audit.Property(a => a.SubjectType).HasMaxLength(32).IsRequired();
        audit.Property(a => a.SubjectId).HasMaxLength(64).IsRequired();
        audit.HasIndex(a => new { a.ConversationId, a.Sequence });
        audit.HasIndex(a => new { a.ActorId, a.Sequence });
        audit.HasIndex(a => new { a.Action, a.Sequence });
        audit.HasIndex(a => new { a.TeamId, a.Sequence });
    }

    public const string AppendOnlyTrigger = "AuditEvents_AppendOnly";
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        head.ToTable("AuditChainHead");
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.LastHash).HasMaxLength(64).IsRequired();
        head.HasData(new { Id = AuditChainHead.SingletonId, LastSequence = 0L, LastHash = "" });
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
