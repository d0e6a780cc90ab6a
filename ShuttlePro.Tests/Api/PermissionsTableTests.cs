using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Demo;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Tickets;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Live;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// docs/permissions.md, read at test time, is the test: every row (each API route and hub method) is called as every
/// role's demo account on a fresh conversation of a team the account is in and, where the row acts on one, of a team
/// it is not in (Complaints: nobody's demo team), and the answer must be what the cell says.
/// </summary>
public sealed class PermissionsTableTests(PermissionsTableTests.Organisation org) : IClassFixture<PermissionsTableTests.Organisation>
{
    /// <summary>The demo account of each role (README, Demo accounts).</summary>
    private static string AccountOf(string role) => role switch
    {
        "Agent" => "ayesha@shuttlepro.test",
        "ShiftLead" => "sana@shuttlepro.test",
        "Supervisor" => "imran@shuttlepro.test",
        "Admin" => "admin@shuttlepro.test",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role of docs/permissions.md."),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var row in PermissionsTable.Rows)
        foreach (var role in PermissionsTable.Roles)
            cases.Add(row.Key, role);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRoleGetsWhatThePermissionsTableSays(string rowKey, string role)
    {
        var row = PermissionsTable.Rows.Single(r => r.Key == rowKey);
        var own = Expectation.Parse(row.Cells[role]);

        var mine = await org.PrepareAsync(row.Given, ownTeam: true);
        Verify(own, await CallAsync(row, role, mine), $"{row.Key} as {role} on its own team's");

        if (!row.OnEntity && !row.OnTeam) return;
        var theirs = await org.PrepareAsync(row.Given, ownTeam: false);
        Verify(OnAnotherTeam(row, role, own), await CallAsync(row, role, theirs), $"{row.Key} as {role} on another team's");
    }

    [Fact]
    public void EveryApiRouteAndHubMethodHasARowAndEveryRowExists()
    {
        var mapped = org.Server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/')}"))
            .ToHashSet();
        var documented = PermissionsTable.Rows.Where(r => !r.IsHub).Select(r => r.Route).ToHashSet();
        Assert.Empty(mapped.Except(documented).Order());
        Assert.Empty(documented.Except(mapped).Order());
        Assert.Contains("GET /api/v1/conversations/{id}", mapped);

        var hubMethods = typeof(InboxHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(InboxHub)).Select(m => m.Name).ToHashSet();
        var documentedHub = PermissionsTable.Rows.Where(r => r.IsHub).Select(r => r.Route).ToHashSet();
        Assert.Empty(hubMethods.Except(documentedHub).Order());
        Assert.Empty(documentedHub.Except(hubMethods).Order());
    }

    /// <summary>
    /// On another team's conversation or ticket: what is allowed everywhere stays allowed, what supervisors and admins are
    /// refused stays refused the same way; for everyone else it is not visible (404), or, for a team named in a filter, 403.
    /// </summary>
    private static Expectation OnAnotherTeam(PermissionRow row, string role, Expectation own)
    {
        var seesAllTeams = role is "Supervisor" or "Admin";
        if ((own.Allowed && !own.OwnTeamsOnly) || (!own.Allowed && seesAllTeams)) return own;
        return row.OnTeam ? new Expectation(false, false, 403, ProblemCodes.Forbidden) : new Expectation(false, false, 404, ProblemCodes.NotFound);
    }

    private static void Verify(Expectation expected, Answer got, string what)
    {
        if (expected.Allowed)
            Assert.True(got.Status is >= 200 and < 500 and not (401 or 403 or 404), $"{what}: expected it allowed, got {got.Status}: {got.Body}");
        else
        {
            Assert.True(got.Status == expected.Status, $"{what}: expected {expected.Status} {expected.Code}, got {got.Status}: {got.Body}");
            if (expected.Code is { } code) Assert.True(code == got.Code, $"{what}: expected code {code}, got {got.Code}: {got.Body}");
        }
    }

    private sealed record Answer(int Status, string? Code, string Body);

    private async Task<Answer> CallAsync(PermissionRow row, string role, Organisation.Target target)
    {
        if (row.IsHub) return await CallHubAsync(row, role, target);

        var path = row.Target
            .Replace("/takeover-requests/{id}", $"/takeover-requests/{target.RequestId}", StringComparison.Ordinal)
            .Replace("/tickets/{id}", $"/tickets/{target.TicketId}", StringComparison.Ordinal)
            .Replace("{id}", target.ConversationId.ToString(), StringComparison.Ordinal)
            .Replace("{messageId}", target.MessageId.ToString(), StringComparison.Ordinal)
            .Replace("{noteId}", target.NoteId.ToString(), StringComparison.Ordinal)
            .Replace("{labelId}", org.LabelId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{team}", target.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        if (BodyFor(row.Route, role, target) is { } body) request.Content = JsonContent.Create(body);
        using var client = row.Route == "POST /api/v1/auth/token" ? org.Server.CreateClient() : await org.Server.ClientForAsync(AccountOf(role));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            code = JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        return new Answer((int)response.StatusCode, code, text);
    }

    private object? BodyFor(string route, string role, Organisation.Target target) => route switch
    {
        "POST /api/v1/auth/token" => new { email = AccountOf(role), password = DemoOptions.DefaultPassword },
        "POST /api/v1/conversations/{id}/messages" => new { body = "Ji, main abhi check karti hoon." },
        "POST /api/v1/conversations/{id}/assign" => new { agentId = target.ColleagueId },
        "POST /api/v1/conversations/{id}/takeover-requests" => new { note = "I spoke to her yesterday." },
        "POST /api/v1/conversations/{id}/notes" => new { body = "Customer called again about the parcel." },
        "POST /api/v1/conversations/{id}/notes/{noteId}/pin" => new { pinned = true },
        "POST /api/v1/conversations/{id}/handoffs" => new { toTeamId = org.Ops, note = "Ops: please check with the courier, tried twice." },
        "POST /api/v1/conversations/{id}/tickets" => new { type = "Complaint" },
        "PATCH /api/v1/tickets/{id}" => new { priority = "High" },
        "POST /api/v1/tickets/{id}/comments" => new { body = "Courier says Thursday." },
        "POST /api/v1/me/status" => new { status = "online", onShift = true },
        "POST /api/v1/me/end-shift" => new { items = Array.Empty<object>() },
        "POST /api/v1/me/notifications/read" => new { },
        _ => null,
    };

    private async Task<Answer> CallHubAsync(PermissionRow row, string role, Organisation.Target target)
    {
        var hub = await org.HubAsync(AccountOf(role));
        object[] args = row.Route == nameof(InboxHub.Typing) ? [target.ConversationId, true] : [target.ConversationId];
        try
        {
            var presence = await hub.InvokeAsync(row.Route, args);
            return new Answer(200, null, presence.ToString());
        }
        catch (HubException refused)
        {
            var code = new[] { ProblemCodes.NotFound, ProblemCodes.Forbidden, ProblemCodes.NotOwner }
                .FirstOrDefault(c => refused.Message.Contains(c + ":", StringComparison.Ordinal));
            var status = code switch { ProblemCodes.NotFound => 404, ProblemCodes.Forbidden => 403, null => 500, _ => 409 };
            return new Answer(status, code, refused.Message);
        }
    }

    /// <summary>
    /// The demo organisation on a real server (the hub needs WebSockets), plus two agents of Complaints — a team no demo
    /// account but the supervisor's and admin's sees — to own and ask for its conversations.
    /// </summary>
    public sealed class Organisation : IAsyncLifetime
    {
        private readonly Dictionary<string, HubClient> _hubs = [];
        private int _customers;
        private Actor _admin = null!;
        private Actor _zara = null!;
        private Actor _nadia = null!;
        private Guid _bilal;
        private Guid _kiran;

        public ShuttleServerFactory Server { get; } = new();
        public int Support { get; private set; }
        public int Ops { get; private set; }
        public int Complaints { get; private set; }
        public int LabelId { get; private set; }

        public sealed record Target(Guid ConversationId, int TeamId, Guid MessageId, Guid ColleagueId, Guid? NoteId, Guid? TicketId, Guid? RequestId);

        public async Task InitializeAsync()
        {
            var directory = Server.Get<DirectoryService>();
            var teams = await directory.ListTeamsAsync();
            int Team(string name) => teams.Single(t => t.Name == name).Id;
            (Support, Ops, Complaints) = (Team(DemoScript.Support), Team(DemoScript.Ops), Team(DemoScript.Complaints));
            var agents = await directory.ListAgentsAsync();
            async Task<Actor> ActorAsync(string email) => (await directory.FindActorAsync(agents.Single(a => a.Email == email).Id))!;
            _admin = await ActorAsync("admin@shuttlepro.test");
            _zara = await ActorAsync("zara@shuttlepro.test");
            _bilal = (await ActorAsync("bilal@shuttlepro.test")).AgentId;

            var administration = Server.Get<AgentAdministration>();
            async Task<Actor> ComplaintsAgentAsync(string email, string name) => (await directory.FindActorAsync(Ok(await administration.CreateAsync(_admin,
                new AgentDraft(email, name, DemoOptions.DefaultPassword, [Roles.Agent], [Complaints]))).Id))!;
            _kiran = (await ComplaintsAgentAsync("kiran@shuttlepro.test", "Kiran Aziz")).AgentId;
            _nadia = await ComplaintsAgentAsync("nadia@shuttlepro.test", "Nadia Butt");
            LabelId = (await Server.Get<ShuttlePro.Core.Workspace.WorkspaceService>().ListLabelsAsync()).First().Id;
        }

        /// <summary>A fresh conversation (a new customer writing in) in Support (<paramref name="ownTeam"/>) or Complaints, in the given state.</summary>
        public async Task<Target> PrepareAsync(string given, bool ownTeam)
        {
            var channel = DemoScript.Channels[0];
            var phone = $"92399{Interlocked.Increment(ref _customers):D7}";
            var inbound = Ok(await Server.Get<ConversationService>().ReceiveAsync(new InboundMessage(channel.PhoneNumberId, phone, $"Customer {phone}",
                $"wamid.permissions.{Guid.NewGuid():N}", MessageType.Text, "Mera order kahan hai?", DateTimeOffset.UtcNow)));
            var id = inbound.ConversationId;
            var team = ownTeam ? Support : Complaints;
            if (!ownTeam)
                Ok(await Server.Get<HandoffService>().HandOffAsync(_admin, id, new HandoffTarget(null, Complaints), "Complaints takes this one."));
            var colleague = ownTeam ? _bilal : _kiran;
            var ownership = Server.Get<OwnershipService>();
            Guid? note = null, ticket = null, request = null;
            switch (given)
            {
                case "—" or "unowned":
                    break;
                case "owned by a colleague":
                    Ok(await ownership.AssignAsync(_admin, id, colleague));
                    break;
                case "with a takeover request":
                    Ok(await ownership.AssignAsync(_admin, id, colleague));
                    request = Ok(await ownership.RequestTakeoverAsync(ownTeam ? _zara : _nadia, id, "Her sister's order too.")).Id;
                    break;
                case "with a note":
                    note = Ok(await Server.Get<NoteService>().WriteAsync(_admin, id, "Order ZF-48213 booked with the courier on Monday.")).Id;
                    break;
                case "with a ticket":
                    ticket = Ok(await Server.Get<TicketService>().EscalateAsync(_admin, id, new EscalateTicket("Complaint"))).Id;
                    break;
                default:
                    throw new FormatException($"Unknown given \"{given}\" in docs/permissions.md.");
            }
            var summary = Ok(await Server.Get<ConversationQueries>().GetAsync(_admin, id)).Summary;
            Assert.Equal(team, summary.TeamId);
            Assert.Equal(given is "—" or "unowned" or "with a note" or "with a ticket" ? null : colleague, summary.OwnerId);
            return new Target(id, team, inbound.MessageId!.Value, colleague, note, ticket, request);
        }

        /// <summary>A started hub client per account, kept for the whole class.</summary>
        public async Task<HubClient> HubAsync(string email)
        {
            if (_hubs.TryGetValue(email, out var hub)) return hub;
            hub = new HubClient(Server.BaseAddress, await Server.TokenAsync(email));
            await hub.StartAsync();
            return _hubs[email] = hub;
        }

        private static T Ok<T>(Result<T> result)
        {
            Assert.True(result.Succeeded, result.Problem?.Message);
            return result.Value!;
        }

        public async Task DisposeAsync()
        {
            foreach (var hub in _hubs.Values) await hub.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
