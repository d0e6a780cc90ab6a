using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> agent)
    {
        agent.Property(a => a.DisplayName).HasMaxLength(Agent.MaxNameLength).IsRequired();
        agent.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        agent.HasMany(a => a.Teams).WithOne().HasForeignKey(t => t.AgentId).OnDelete(DeleteBehavior.Cascade);
        agent.Navigation(a => a.Teams).HasField("_teams").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgentTeamConfiguration : IEntityTypeConfiguration<AgentTeam>
{
    public void Configure(EntityTypeBuilder<AgentTeam> agentTeam)
    {
        agentTeam.ToTable("AgentTeams");
        agentTeam.HasKey(t => new { t.AgentId, t.TeamId });
        agentTeam.HasOne(t => t.Team).WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Name).HasMaxLength(Team.MaxNameLength).IsRequired();
        team.HasIndex(t => t.Name).IsUnique();
        team.Property(t => t.TimeZoneId).HasMaxLength(64).IsRequired().HasDefaultValue(Tickets.BusinessHours.DefaultTimeZoneId);
        team.Property(t => t.Schedule).HasMaxLength(400).IsRequired().HasDefaultValue(Team.DefaultSchedule);
        team.Property(t => t.Holidays).HasMaxLength(2000).IsRequired().HasDefaultValue("");
        team.Ignore(t => t.BusinessHours);
    }
}

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> brand)
    {
        brand.Property(b => b.Name).HasMaxLength(120).IsRequired();
        brand.HasIndex(b => b.Name).IsUnique();
    }
}

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> channel)
    {
        channel.Property(c => c.Name).HasMaxLength(120).IsRequired();
        channel.Property(c => c.PhoneNumberId).HasMaxLength(64).IsRequired();
        channel.Property(c => c.DisplayPhoneNumber).HasMaxLength(32).IsRequired();
        channel.HasIndex(c => c.PhoneNumberId).IsUnique();
        channel.HasOne(c => c.Brand).WithMany().HasForeignKey(c => c.BrandId).OnDelete(DeleteBehavior.Restrict);
        channel.HasOne(c => c.DefaultTeam).WithMany().HasForeignKey(c => c.DefaultTeamId).OnDelete(DeleteBehavior.Restrict);
        channel.Property(c => c.ProtectedAccessToken).HasMaxLength(4000);
        channel.Property(c => c.AccessTokenHint).HasMaxLength(16);
        channel.Ignore(c => c.HasCredentials);
        channel.HasMany(c => c.Templates).WithOne().HasForeignKey(t => t.ChannelId).OnDelete(DeleteBehavior.Cascade);
        channel.Navigation(c => c.Templates).HasField("_templates").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
