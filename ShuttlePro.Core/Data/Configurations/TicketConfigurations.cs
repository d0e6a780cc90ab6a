using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Tickets;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.HasIndex(t => t.Number).IsUnique();
        // One open ticket per type on a conversation: OpenTypeId is null once solved (the SQL Server index filters nulls).
        ticket.HasIndex(t => new { t.ConversationId, t.OpenTypeId }).IsUnique();
        ticket.HasIndex(t => new { t.OpenTypeId, t.DueAt });
        ticket.HasIndex(t => new { t.TeamId, t.Status });
        ticket.HasIndex(t => new { t.OwnerId, t.Status });
        ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Title).HasMaxLength(Ticket.MaxTitleLength).IsRequired();
        ticket.Property(t => t.Description).HasMaxLength(Ticket.MaxDescriptionLength).IsRequired();
        ticket.Property(t => t.Resolution).HasMaxLength(Ticket.MaxResolutionLength);
        ticket.Property(t => t.ReplyDraft).HasMaxLength(Ticket.MaxDraftLength);
        ticket.Property(t => t.CreatedByName).HasMaxLength(120).IsRequired();
        ticket.Property(t => t.Version).IsConcurrencyToken();
        ticket.Ignore(t => t.HumanNumber);
        ticket.HasOne(t => t.Conversation).WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Restrict);
        ticket.HasOne(t => t.Type).WithMany().HasForeignKey(t => t.TypeId).OnDelete(DeleteBehavior.Restrict);
        ticket.HasOne(t => t.Team).WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
        ticket.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> ticketEvent)
    {
        ticketEvent.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        ticketEvent.Property(e => e.ActorName).HasMaxLength(120).IsRequired();
        ticketEvent.Property(e => e.From).HasMaxLength(120);
        ticketEvent.Property(e => e.To).HasMaxLength(120);
        ticketEvent.Property(e => e.Body).HasMaxLength(TicketEvent.MaxBodyLength);
        ticketEvent.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        ticketEvent.HasIndex(e => new { e.TicketId, e.Position }).IsUnique();
    }
}

internal sealed class TicketTypeConfiguration : IEntityTypeConfiguration<TicketType>
{
    public void Configure(EntityTypeBuilder<TicketType> type)
    {
        type.Property(t => t.Name).HasMaxLength(TicketType.MaxNameLength).IsRequired();
        type.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> policy)
    {
        policy.Property(p => p.Priority).HasConversion<string>().HasMaxLength(16);
        policy.HasOne<ShuttlePro.Core.Directory.Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        policy.HasIndex(p => new { p.Priority, p.TeamId }).IsUnique();
        policy.Ignore(p => p.FirstResponse);
        policy.Ignore(p => p.Resolution);
    }
}
