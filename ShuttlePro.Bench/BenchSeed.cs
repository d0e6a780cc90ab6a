using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Bench;

/// <summary>
/// Seeded rows written fast: multi-row inserts in one transaction, the audit events chained onto the trail first (as
/// the ingestion does), so the seeded database verifies like a real one.
/// </summary>
static class BenchSeed
{
    public static async Task WriteAsync(ShuttleDbContext db, IReadOnlyList<Contact> contacts, IReadOnlyList<Conversation> conversations,
        IReadOnlyList<Message> messages, IReadOnlyList<AuditEvent> events)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, contacts, CancellationToken.None);
        await BulkInsert.InsertAsync(db, conversations, CancellationToken.None);
        await BulkInsert.InsertAsync(db, messages, CancellationToken.None);
        await AuditChain.AppendAsync(db, events, CancellationToken.None);
        await BulkInsert.InsertAsync(db, events, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Agents agent000@…, agent001@… created as an admin creates them (the demo password, capacity 40), in the teams by turns;
    /// half of them online and on shift.
    /// </summary>
    public static async Task CreateAgentsAsync(IServiceProvider services, Actor admin, int count, IReadOnlyList<int> teamIds)
    {
        var directory = services.GetRequiredService<DirectoryService>();
        var administration = services.GetRequiredService<AgentAdministration>();
        // Identity hashes every password: the slow part of the seed.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var created = await administration.CreateAsync(admin, new AgentDraft(AgentEmail(i), $"Agent {i:D3}",
                DemoOptions.DefaultPassword, [Roles.Agent], [teamIds[i % teamIds.Count]], Capacity: 40), cancellationToken);
            if (!created.Succeeded) throw new InvalidOperationException(created.Problem.Message);
            if (i % 4 < 2) await directory.SetStatusAsync(DirectoryService.ToActor(created.Value), AgentStatus.Online, true, cancellationToken);
        });
    }

    public static string AgentEmail(int i) => $"agent{i:D3}@shuttlepro.test";
}

/// <summary>
/// Open conversations as a sale day leaves them, made in memory with their audit events and written in one go: a
/// customer's message, then perhaps an assignment and an agent's reply.
/// </summary>
sealed class SeedBatch
{
    private readonly List<Contact> _contacts = [];
    private readonly List<Conversation> _conversations = [];
    private readonly List<Message> _messages = [];
    private readonly List<AuditEvent> _events = [];

    /// <summary>A new conversation from customer <paramref name="n"/>, waiting in <paramref name="team"/>'s queue.</summary>
    public Conversation Incoming(int number, int n, Channel channel, Team team, DateTimeOffset at, string text, string tag)
    {
        var contact = new Contact($"94{n:D10}", $"Customer {n}");
        var conversation = Conversation.Start(number, channel, contact, at, team);
        _events.Add(AuditTrail.Create(Actor.System, AuditActions.ConversationStarted, AuditSubjects.Conversation, conversation.Id.ToString(), at,
            conversation.Id, after: new { conversation.Number, conversation.TeamId, source = "bench" }));
        _messages.Add(conversation.ReceiveCustomerMessage($"wamid.{tag}.{n}", MessageType.Text, text, at));
        _contacts.Add(contact);
        _conversations.Add(conversation);
        return conversation;
    }

    public void Assign(Conversation conversation, Actor by, Actor owner, DateTimeOffset at)
    {
        conversation.Assign(by, owner, at);
        _events.Add(AuditTrail.Create(by, AuditActions.ConversationAssigned, AuditSubjects.Conversation, conversation.Id.ToString(), at,
            conversation.Id, before: new { ownerId = (Guid?)null }, after: new { ownerId = owner.AgentId, ownerName = owner.Name }));
    }

    public void Reply(Conversation conversation, Actor owner, string text, DateTimeOffset at)
    {
        var reply = conversation.Reply(owner, text, at);
        _messages.Add(reply);
        _events.Add(AuditTrail.Create(owner, AuditActions.MessageSent, AuditSubjects.Message, reply.Id.ToString(), at, conversation.Id));
    }

    public Task WriteAsync(ShuttleDbContext db) => BenchSeed.WriteAsync(db, _contacts, _conversations, _messages, _events);
}
