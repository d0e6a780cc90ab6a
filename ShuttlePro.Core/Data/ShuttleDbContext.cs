using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Data;

/// <summary>
/// The one model for both providers. Each provider has its own subclass (<see cref="SqliteShuttleDbContext"/>,
/// <see cref="SqlServerShuttleDbContext"/>) only so that each keeps its own migration set.
/// Create it through <see cref="IDbContextFactory{TContext}"/>, one per operation.
/// </summary>
public abstract class ShuttleDbContext(DbContextOptions options)
    : IdentityDbContext<Agent, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<AgentTeam> AgentTeams => Set<AgentTeam>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<TakeoverRequest> TakeoverRequests => Set<TakeoverRequest>();
    public DbSet<ConversationParticipant> Participants => Set<ConversationParticipant>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Handoff> Handoffs => Set<Handoff>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Workspace.Label> Labels => Set<Workspace.Label>();
    public DbSet<Workspace.ConversationLabel> ConversationLabels => Set<Workspace.ConversationLabel>();
    public DbSet<Workspace.CannedResponse> CannedResponses => Set<Workspace.CannedResponse>();
    public DbSet<Channels.OutboxEntry> Outbox => Set<Channels.OutboxEntry>();
    public DbSet<Channels.PendingStatus> PendingStatuses => Set<Channels.PendingStatus>();
    public DbSet<Channels.DeadLetter> DeadLetters => Set<Channels.DeadLetter>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<Tickets.Ticket> Tickets => Set<Tickets.Ticket>();
    public DbSet<Tickets.TicketEvent> TicketEvents => Set<Tickets.TicketEvent>();
    public DbSet<Tickets.TicketType> TicketTypes => Set<Tickets.TicketType>();
    public DbSet<Tickets.SlaPolicy> SlaPolicies => Set<Tickets.SlaPolicy>();
    public DbSet<Quality.QaReview> QaReviews => Set<Quality.QaReview>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The collation text search compares under (<c>EF.Functions.Collate</c> around the searched column), so a search
    /// ignores case whatever collation the database was created with. SQL Server: an explicit case-insensitive,
    /// accent-sensitive collation (a database created with a _CS_ or _BIN collation would otherwise search
    /// case-sensitively). SQLite: LIKE ignores ASCII case by itself; NOCASE says so.
    /// </summary>
    public string SearchCollation => Database.IsSqlite() ? SqliteSearchCollation : SqlServerSearchCollation;

    public const string SqlServerSearchCollation = "Latin1_General_100_CI_AS";
    public const string SqliteSearchCollation = "NOCASE";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ShuttleDbContext).Assembly,
            type => type.Namespace == typeof(ShuttleDbContext).Namespace + ".Configurations");

        // A ticket's trail, by subject. Partial (tickets only): every customer message adds an audit event, and a full
        // index on (SubjectType, SubjectId) cost ingestion about 10 % (docs/benchmarks.md).
        builder.Entity<AuditEvent>().HasIndex(a => new { a.SubjectId, a.Sequence }, "IX_AuditEvents_TicketSubject")
            .HasFilter(Database.IsSqlite() ? "\"SubjectType\" = 'ticket'" : "[SubjectType] = N'ticket'");

        // Agents' messages by time ("replies in the last hour" on the queue board). Partial for the same reason: customers'
        // messages, the bulk of the table, have no author and stay out of it.
        builder.Entity<Message>().HasIndex(m => m.CreatedAt, "IX_Messages_AgentReplies")
            .HasFilter(Database.IsSqlite() ? "\"AuthorId\" IS NOT NULL" : "[AuthorId] IS NOT NULL");
    }

    /// <summary>
    /// Saves as usual, sealing new audit events onto the hash chain in the same transaction (one is started when
    /// the caller has none). Audit events are append-only: a change or delete of one is refused here, and by a
    /// trigger in the database.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var appended = PendingAuditEvents();
        if (appended.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            await AuditChain.AppendAsync(this, appended, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        _headFirstTransaction = transaction; // the append is its first write
        await AuditChain.AppendAsync(this, appended, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Begins a transaction for a change written in several steps (several saves, Identity's own saves, bulk inserts)
    /// that also appends audit events: it locks the audit chain head before anything else (<see cref="AuditChain.HoldHeadAsync"/>).
    /// Audit events are refused in a transaction begun otherwise.
    /// </summary>
    public async Task<IDbContextTransaction> BeginAuditedTransactionAsync(CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await AuditChain.HoldHeadAsync(this, cancellationToken);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
        _headFirstTransaction = transaction;
        return transaction;
    }

    /// <summary>The current transaction locks the chain head before it writes anything else (so appending to it cannot deadlock).</summary>
    internal bool TakesChainHeadFirst => Database.CurrentTransaction is { } current && ReferenceEquals(current, _headFirstTransaction);

    private IDbContextTransaction? _headFirstTransaction;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        PendingAuditEvents().Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Audit events are chained asynchronously: use SaveChangesAsync.");

    private List<AuditEvent> PendingAuditEvents()
    {
        var pending = new List<AuditEvent>();
        foreach (var entry in ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"Audit event #{entry.Entity.Sequence} cannot be changed or deleted: the audit trail is append-only.");
            if (entry.State == EntityState.Added) pending.Add(entry.Entity);
        }
        pending.Sort((a, b) => a.CreatedOrder.CompareTo(b.CreatedOrder));
        return pending;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no native type for DateTimeOffset: stored as text it can be neither compared nor sorted in SQL.
        // All our times are UTC, so a binary (ticks) encoding keeps both ordering and meaning.
        if (Database.IsSqlite())
        {
            builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}

public sealed class SqliteShuttleDbContext(DbContextOptions<SqliteShuttleDbContext> options) : ShuttleDbContext(options);

public sealed class SqlServerShuttleDbContext(DbContextOptions<SqlServerShuttleDbContext> options) : ShuttleDbContext(options);
