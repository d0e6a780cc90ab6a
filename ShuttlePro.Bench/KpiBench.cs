using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Kpi;

namespace ShuttlePro.Bench;

/// <summary>
/// KPIs over 30 days of sale-day volume: [perDay] conversations a day, each with 3 customer messages and 3 replies and a
/// resolution. dotnet run -c Release --project ShuttlePro.Bench -- kpi [perDay=3000] [days=30]
/// </summary>
internal static class KpiBench
{
    public static async Task RunAsync(string[] args)
    {
        var perDay = args.Length > 0 ? int.Parse(args[0]) : 3_000;
        var days = args.Length > 1 ? int.Parse(args[1]) : 30;
        await using var app = new BenchApp();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ShuttleDbContext>>();
        var directory = app.Services.GetRequiredService<DirectoryService>();
        var agents = (await directory.ListAgentsAsync()).Where(a => a.Teams.Count > 0).ToArray();
        var supervisor = (await directory.FindActorAsync((await directory.ListAgentsAsync()).Single(a => a.Email == "imran@shuttlepro.test").Id))!;
        var actors = agents.Select(a => new Actor(a.Id, a.Name, new HashSet<string>(), new HashSet<int>())).ToArray();

        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-days);
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        int conversationsWritten = 0, messagesWritten = 0;
        for (var day = 0; day < days; day++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var channel = await db.Channels.Include(c => c.DefaultTeam).FirstAsync();
            var team = await db.Teams.FirstAsync(t => t.Id == channel.DefaultTeamId);
            var contacts = new List<Contact>();
            var conversations = new List<Conversation>();
            var messages = new List<Message>();
            var events = new List<AuditEvent>();
            for (var i = 0; i < perDay; i++)
            {
                var n = day * perDay + i;
                var at = start.AddDays(day).AddSeconds(random.Next(0, 86_000));
                var contact = new Contact($"93{n:D10}", $"Customer {n}");
                var conversation = Conversation.Start(2_000_000 + n, channel, contact, at, team);
                var agent = actors[random.Next(actors.Length)];
                for (var turn = 0; turn < 3; turn++)
                {
                    at = at.AddSeconds(random.Next(10, 300));
                    messages.Add(conversation.ReceiveCustomerMessage($"wamid.kpi.{n}.{turn}", MessageType.Text, "Order kab aayega?", at));
                    at = at.AddSeconds(random.Next(20, 900));
                    var reply = Message.Outbound(conversation.Id, agent.AgentId, "Ji, check karti hoon", at);
                    messages.Add(reply);
                    events.Add(AuditTrail.Create(agent, AuditActions.MessageSent, AuditSubjects.Message, reply.Id.ToString(), at, conversation.Id));
                }
                events.Add(AuditTrail.Create(agent, AuditActions.ConversationResolved, AuditSubjects.Conversation, conversation.Id.ToString(),
                    at.AddMinutes(1), conversation.Id, before: new { status = "Open" }, after: new { status = "Resolved" }));
                contacts.Add(contact);
                conversations.Add(conversation);
            }
            await BenchSeed.WriteAsync(db, contacts, conversations, messages, events);
            conversationsWritten += conversations.Count;
            messagesWritten += messages.Count;
        }
        Console.WriteLine($"wrote {conversationsWritten:N0} conversations, {messagesWritten:N0} messages over {days} days in {clock.Elapsed.TotalSeconds:F1} s");

        var kpi = app.Services.GetRequiredService<KpiQueries>();
        foreach (var (name, period) in new[] { ("today", KpiPeriod.Today(now)), ("7 days", KpiPeriod.LastDays(7, now)), ("30 days", KpiPeriod.LastDays(31, now)) })
            for (var run = 1; run <= 3; run++)
            {
                clock.Restart();
                var report = await kpi.ComputeAsync(supervisor, period);
                Console.WriteLine($"{name} run {run}: {clock.Elapsed.TotalMilliseconds:F0} ms, {report.Value!.Total.RepliesSent:N0} replies, " +
                                  $"{report.Value.Total.FirstResponses:N0} first responses, {report.Value.Total.Resolutions:N0} resolutions");
            }
    }
}
