using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Demo;

/// <summary>
/// Puts the demo organisation into the database: brands, numbers, teams, accounts and believable conversations.
/// Idempotent: everything is looked up by its natural key first, and conversations are only seeded into an
/// inbox that has none.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShuttleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();

        var teams = new Dictionary<string, Team>();
        foreach (var name in DemoScript.Teams)
            teams[name] = await db.Teams.FirstOrDefaultAsync(t => t.Name == name, cancellationToken) ?? db.Teams.Add(new Team(name)).Entity;
        var brands = new Dictionary<string, Brand>();
        foreach (var name in DemoScript.Channels.Select(c => c.Brand).Distinct())
            brands[name] = await db.Brands.FirstOrDefaultAsync(b => b.Name == name, cancellationToken) ?? db.Brands.Add(new Brand(name)).Entity;
        var channels = new Dictionary<string, Channel>();
        foreach (var c in DemoScript.Channels)
            channels[c.Brand] = await db.Channels.FirstOrDefaultAsync(x => x.PhoneNumberId == c.PhoneNumberId, cancellationToken)
                ?? db.Channels.Add(new Channel(brands[c.Brand], c.Name, c.PhoneNumberId, c.DisplayPhoneNumber, teams[c.DefaultTeam])).Entity;
        await db.SaveChangesAsync(cancellationToken);

        var agents = new Dictionary<string, Agent>();
        foreach (var account in DemoScript.Accounts)
        {
            var agent = await users.FindByEmailAsync(account.Email);
            if (agent is null)
            {
                agent = new Agent(account.Email, account.Name);
                agent.SetStatus(AgentStatus.Offline, onShift: true); // online once they sign in
                Check(await users.CreateAsync(agent, options.Value.Password), account.Email);
                Check(await users.AddToRolesAsync(agent, account.Roles), account.Email);
                agent.SetTeams(account.Teams.Select(t => teams[t].Id));
                await db.SaveChangesAsync(cancellationToken);
                db.Record(Actor.System, AuditActions.AgentCreated, AuditSubjects.Agent, agent.Id.ToString(), clock.GetUtcNow(),
                    after: new { agent.Email, name = agent.DisplayName, roles = account.Roles, teams = account.Teams, source = "demo" });
            }
            agents[account.Email] = agent;
        }
        await db.SaveChangesAsync(cancellationToken);

        await SeedWorkspaceAsync(db, cancellationToken);
        if (await db.Conversations.AnyAsync(cancellationToken)) return;
        var number = await ConversationService.NextConversationNumberAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var thread in DemoScript.Threads)
            SeedThread(db, thread, number++, channels[thread.Brand], teams[thread.Team],
                thread.Owner is null ? null : await ActorOfAsync(db, agents[thread.Owner], cancellationToken), now);
        var counter = db.Counters.Local.Single(c => c.Name == Counter.ConversationNumber);
        while (counter.Value < number - 1) counter.Next();
        await db.SaveChangesAsync(cancellationToken);
        await SeedContextAsync(db, agents, teams, cancellationToken);
        logger.LogInformation("Seeded the demo organisation with {Count} conversations", DemoScript.Threads.Count);
    }

    private async Task SeedWorkspaceAsync(ShuttleDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await db.Labels.AnyAsync(cancellationToken))
            foreach (var (name, color) in DemoWorkspace.Labels) db.Labels.Add(new Workspace.Label(name, color));
        if (!await db.CannedResponses.AnyAsync(cancellationToken))
            foreach (var (shortcut, title, body) in DemoWorkspace.CannedReplies)
                db.CannedResponses.Add(new Workspace.CannedResponse(null, shortcut, title, body, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Labels, pinned notes and handoffs on the seeded conversations.</summary>
    private async Task SeedContextAsync(ShuttleDbContext db, Dictionary<string, Agent> agents, Dictionary<string, Team> teams,
        CancellationToken cancellationToken)
    {
        var labels = await db.Labels.ToDictionaryAsync(l => l.Name, cancellationToken);
        var conversations = await db.Conversations.Include(c => c.Contact).Include(c => c.Labels).ToListAsync(cancellationToken);
        Conversation Of(string customer) => conversations.Single(c => c.Contact.Name == customer);

        foreach (var (customer, names) in DemoWorkspace.ConversationLabels)
        foreach (var name in names)
            Of(customer).AddLabel(Actor.System, labels[name].Id);

        foreach (var (customer, (by, text)) in DemoWorkspace.HandoffsToOps)
        {
            var conversation = Of(customer);
            var at = (conversation.LastMessageAt ?? conversation.CreatedAt).AddMinutes(-2);
            db.Handoffs.Add(new Handoff(conversation.Id, agents[by].Id, agents[by].Id, teams[DemoScript.Support].Id, null, conversation.TeamId, text, at));
            db.Participants.Add(new ConversationParticipant(conversation.Id, agents[by].Id, agents[by].Id, at));
        }

        foreach (var (customer, notes) in DemoWorkspace.Notes)
        {
            var conversation = Of(customer);
            foreach (var (author, text, pinned) in notes)
            {
                var actor = await ActorOfAsync(db, agents[author], cancellationToken);
                var note = Note.Write(conversation.Id, actor, text, [], pinned, (conversation.LastMessageAt ?? conversation.CreatedAt).AddMinutes(-1));
                db.Notes.Add(note);
                db.Record(actor, AuditActions.NoteAdded, AuditSubjects.Note, note.Id.ToString(), note.CreatedAt, conversation.Id, after: new { pinned });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void SeedThread(ShuttleDbContext db, DemoThread thread, int number, Channel channel, Team team, Actor? owner, DateTimeOffset now)
    {
        // Lines are a few minutes apart, the last one MinutesAgo before now.
        var times = Enumerable.Range(0, thread.Lines.Count)
            .Select(i => now.AddMinutes(-thread.MinutesAgo - (thread.Lines.Count - 1 - i) * 4 - (number % 3)))
            .ToList();
        var contact = db.Contacts.Local.FirstOrDefault(c => c.WaId == thread.Phone) ?? db.Contacts.Add(new Contact(thread.Phone, thread.Customer)).Entity;
        var conversation = Conversation.Start(number, channel, contact, times[0], team);
        db.Conversations.Add(conversation);
        db.Record(Actor.System, AuditActions.ConversationStarted, AuditSubjects.Conversation, conversation.Id.ToString(), times[0],
            conversation.Id, after: new { conversation.Number, conversation.TeamId, source = "demo" });

        for (var i = 0; i < thread.Lines.Count; i++)
        {
            var line = thread.Lines[i];
            var text = line[2..];
            if (line.StartsWith("c:", StringComparison.Ordinal))
            {
                var message = conversation.ReceiveCustomerMessage($"wamid.demo.{Guid.NewGuid():N}", MessageType.Text, text, times[i]);
                db.Messages.Add(message);
                db.Record(Actor.System, AuditActions.MessageReceived, AuditSubjects.Message, message.Id.ToString(), times[i], conversation.Id);
            }
            else
            {
                var actor = owner ?? throw new InvalidOperationException($"Demo thread of {thread.Customer} has a reply but no owner.");
                var message = conversation.Reply(actor, text, times[i]);
                message.MarkSent($"wamid.demo.{Guid.NewGuid():N}", times[i].AddSeconds(1));
                message.AdvanceStatus(i == thread.Lines.Count - 1 ? DeliveryStatus.Delivered : DeliveryStatus.Read, times[i].AddSeconds(3));
                db.Messages.Add(message);
                db.Record(actor, AuditActions.MessageSent, AuditSubjects.Message, message.Id.ToString(), times[i], conversation.Id);
            }
        }

        var end = times[^1].AddMinutes(1);
        switch (thread.End)
        {
            case DemoEnd.Resolved when owner is not null:
                conversation.Resolve(owner, end);
                db.Record(owner, AuditActions.ConversationResolved, AuditSubjects.Conversation, conversation.Id.ToString(), end, conversation.Id);
                break;
            case DemoEnd.Pending when owner is not null:
                conversation.MarkPending(owner, end);
                db.Record(owner, AuditActions.ConversationPending, AuditSubjects.Conversation, conversation.Id.ToString(), end, conversation.Id);
                break;
        }
    }

    private static async Task<Actor> ActorOfAsync(ShuttleDbContext db, Agent agent, CancellationToken cancellationToken)
    {
        var view = await DirectoryService.AgentViews(db, a => a.Id == agent.Id).FirstAsync(cancellationToken);
        return DirectoryService.ToActor(view);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not seed {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
