using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Demo;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Api;
using static ShuttlePro.Tests.Support.ApiAssertions;

namespace ShuttlePro.Tests.Api;

/// <summary>
/// Hostile bodies against the write routes of <c>/api/v1</c>, generated from a seed (printed on failure;
/// <c>SHUTTLE_FUZZ_SEED</c> replays it): each case is a route's valid body made invalid by one mutation — a field of the
/// wrong type, a required field missing or null, text over its limit, an unknown value, ids of the wrong kind, JSON
/// that is cut, trailed, 10,000 levels deep, not UTF-8 or not JSON at all, another content type, a body over the API's
/// limit — sometimes with extra unknown fields on top. Every one gets a 4xx problem with a <c>code</c> (never a 5xx),
/// nothing a refused request touches changes, the audit chain verifies and a valid request is served afterwards.
/// </summary>
public sealed class HostileApiBodyTests : IAsyncLifetime
{
    private const int Cases = 1_000;
    private const string Supervisor = "imran@shuttlepro.test";

    private readonly int _seed = HostileInput.Seed();
    private readonly ShuttleAppFactory _app = new();
    private Fixture _fixture = null!;

    /// <summary>What the cases aim at: a conversation the supervisor owns, a note and a ticket on it, and who is who.</summary>
    private sealed record Fixture(Guid ConversationId, Guid LastMessageId, Guid NoteId, Guid TicketId, Guid SupervisorId, Guid SameTeamAgentId,
        Guid OtherTeamAgentId, int OtherTeamId);

    /// <summary>One request and the answer it must get: <paramref name="Status"/> exactly, or any 4xx when null.</summary>
    private sealed record ApiCase(int Index, string Route, string Mutation, HttpMethod Method, string Path, byte[] Body, string? ContentType,
        int? Status, string? Code, bool Chunked = false, bool Anonymous = false)
    {
        public override string ToString() => $"case {Index} ({Route}: {Mutation}, {Body.Length} bytes)";
    }

    private enum Kind { Text, Id, Number, Flag, Choice, List }

    private sealed record Field(string Name, Kind Kind);

    /// <summary>A way to make one route's body invalid, and the answer that earns (null status: any 4xx).</summary>
    private sealed record Invalidation(string Name, Action<Random, JsonObject> Apply, int? Status = 400, string? Code = "validation");

    private sealed record Route(string Name, HttpMethod Method, string Path, Func<JsonObject> Body, Field[] Fields, Invalidation[] Invalidations,
        bool Anonymous = false);

    public async Task InitializeAsync()
    {
        using var supervisor = await _app.ClientForAsync(Supervisor);
        var agents = await OkAsync(await supervisor.GetAsync("/api/v1/agents"));
        Guid AgentId(string email) => agents.EnumerateArray().Single(a => a.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        var teams = await OkAsync(await supervisor.GetAsync("/api/v1/teams"));
        var ops = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Ops").GetProperty("id").GetInt32();

        var unassigned = await OkAsync(await supervisor.GetAsync("/api/v1/conversations?view=unassigned&status=open&limit=500"));
        var conversation = unassigned.EnumerateArray().First(c => c.GetProperty("teamName").GetString() == "Support").GetProperty("id").GetGuid();
        await OkAsync(await supervisor.PostAsync($"/api/v1/conversations/{conversation}/take", null));
        var note = await OkAsync(await supervisor.PostAsJsonAsync($"/api/v1/conversations/{conversation}/notes", new { body = "Courier TCS ko call kiya, kal tak" }),
            HttpStatusCode.Created);
        var ticket = await OkAsync(await supervisor.PostAsJsonAsync($"/api/v1/conversations/{conversation}/tickets", new { type = "Complaint", priority = "High" }),
            HttpStatusCode.Created);
        var detail = await OkAsync(await supervisor.GetAsync($"/api/v1/conversations/{conversation}"));
        _fixture = new Fixture(conversation, detail.GetProperty("messages").EnumerateArray().Last().GetProperty("id").GetGuid(),
            note.GetProperty("id").GetGuid(), ticket.GetProperty("id").GetGuid(), AgentId(Supervisor), AgentId("ayesha@shuttlepro.test"),
            AgentId("hamza@shuttlepro.test"), ops);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HostileApiBodiesGetA4xxProblemAndChangeNothing()
    {
        var routes = Routes(_fixture);
        using var supervisor = await _app.ClientForAsync(Supervisor);
        using var anonymous = _app.CreateClient();
        var before = await SnapshotAsync();
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, _) =>
        {
            var @case = Generate(routes, index);
            seen.AddOrUpdate($"{@case.Route}: {@case.Mutation}", 1, (_, n) => n + 1);
            var problem = await CheckAsync(@case.Anonymous ? anonymous : supervisor, @case);
            if (problem is not null) failures.Enqueue($"{@case}: {problem}");
        });

        Assert.True(failures.IsEmpty, $"Seed {_seed} ({HostileInput.SeedVariable} replays it): {failures.Count} of {Cases} requests were answered wrongly:\n"
                                      + string.Join("\n", failures.Take(30)));
        var routesRun = seen.Keys.Select(k => k[..k.IndexOf(':')]).Distinct().ToList();
        Assert.True(routesRun.Count == routes.Count, $"Only {routesRun.Count} of {routes.Count} routes were tried: {string.Join(", ", routesRun)}");

        // Nothing changed: the conversation, its messages, notes, handoffs, tickets and their events, the outbox, the
        // agents, notifications and the audit trail are as they were; the chain still verifies.
        Assert.Equal(before, await SnapshotAsync());
        Assert.True((await _app.Get<AuditVerifier>().VerifyAsync()).Ok, "The audit chain does not verify after the fuzz");

        // Still serving: a valid note (with a field the API does not know) is written and read back.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        var created = await OkAsync(await supervisor.PostAsJsonAsync($"/api/v1/conversations/{_fixture.ConversationId}/notes",
            new { body = "After the barrage: address confirmed", pinned = false, clientVersion = "fuzz" }), HttpStatusCode.Created);
        var detail = await OkAsync(await supervisor.GetAsync($"/api/v1/conversations/{_fixture.ConversationId}"));
        Assert.Contains(detail.GetProperty("notes").EnumerateArray(), n => n.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
    }

    /// <summary>Sends one case; null when the answer is what it must be, otherwise what was wrong.</summary>
    private static async Task<string?> CheckAsync(HttpClient client, ApiCase @case)
    {
        using HttpContent content = @case.Chunked ? new StreamContent(new MemoryStream(@case.Body)) : new ByteArrayContent(@case.Body);
        if (@case.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(@case.ContentType);
        using var request = new HttpRequestMessage(@case.Method, @case.Path) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (@case.Status is { } expected ? status != expected : status is < 400 or > 499)
            return $"expected {@case.Status?.ToString() ?? "a 4xx"}, got {status}: {shown}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{status} without a problem body: {shown}";
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {shown}";
        }
        if (!problem.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String) return $"{status} without a code: {shown}";
        if (@case.Code is not null && code.GetString() != @case.Code) return $"code {code.GetString()} instead of {@case.Code}: {shown}";
        return problem.TryGetProperty("status", out var echoed) && echoed.GetInt32() == status ? null : $"the problem's status is not {status}: {shown}";
    }

    // ---- State: everything a refused request could have touched. ----

    private async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var (conversationId, ticketId, supervisorId) = (_fixture.ConversationId, _fixture.TicketId, _fixture.SupervisorId);
        await using var db = await _app.Get<IDbContextFactory<ShuttleDbContext>>().CreateDbContextAsync();
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Version, c.OwnerId, c.Status, c.TeamId, c.MessageCount, c.LastMessagePreview, c.LastActivityAt, c.AwaitingReplySince })
            .SingleAsync();
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ConversationId == conversationId).OrderBy(t => t.Number)
            .Select(t => new { t.Id, t.Version, t.Status, t.Priority, t.OwnerId, t.TeamId, t.Title, t.Resolution, t.ReplyDraft, t.EventCount })
            .ToListAsync();
        var notes = await db.Notes.AsNoTracking().Where(n => n.ConversationId == conversationId).OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.Body, n.Pinned }).ToListAsync();
        var agents = await db.Users.AsNoTracking().OrderBy(a => a.DisplayName)
            .Select(a => new { a.DisplayName, a.Status, a.OnShift, a.AccessFailedCount }).ToListAsync();
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ActorId == supervisorId || a.ConversationId == conversationId || a.SubjectId == ticketId.ToString())
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.Action }).ToListAsync();
        return
        [
            $"conversation {conversation}",
            $"messages {await db.Messages.CountAsync(m => m.ConversationId == conversationId)}",
            $"outbox {await db.Outbox.CountAsync(o => db.Messages.Any(m => m.Id == o.MessageId && m.ConversationId == conversationId))}",
            $"notes {string.Join("; ", notes)}",
            $"handoffs {await db.Handoffs.CountAsync(h => h.ConversationId == conversationId)}",
            $"participants {await db.Participants.CountAsync(p => p.ConversationId == conversationId)}",
            $"labels {await db.ConversationLabels.CountAsync(l => l.ConversationId == conversationId)}",
            $"takeover requests {await db.TakeoverRequests.CountAsync()}",
            $"tickets {string.Join("; ", tickets)}",
            $"ticket events {await db.TicketEvents.CountAsync(e => db.Tickets.Any(t => t.Id == e.TicketId && t.ConversationId == conversationId))}",
            $"agents {string.Join("; ", agents)}",
            $"notifications {await db.Notifications.CountAsync(n => n.ActorId == supervisorId)}, read {await db.Notifications.CountAsync(n => n.ReadAt != null)}",
            $"audit {audit.Count}, last {audit.LastOrDefault()}",
        ];
    }

    // ---- Generation: a route, its valid body, then one invalidating mutation, all from the case's own seed. ----

    private ApiCase Generate(IReadOnlyList<Route> routes, int index)
    {
        var rng = HostileInput.For(_seed, index, stream: 7);
        var route = routes[rng.Next(routes.Count)];
        var body = route.Body();
        ApiCase Case(string mutation, byte[] bytes, int? status = 400, string? code = "validation", string? contentType = "application/json",
            bool chunked = false) =>
            bytes.Length > ApiBodyGuard.DefaultMaxBytes // grown past the limit by its mutation (a long text, extra fields)
                ? new(index, route.Name, mutation, route.Method, route.Path, bytes, contentType, 413, "too_large", chunked, route.Anonymous)
                : new(index, route.Name, mutation, route.Method, route.Path, bytes, contentType, status, code, chunked, route.Anonymous);

        switch (rng.Next(20))
        {
            case < 7 when route.Invalidations.Length > 0:
            {
                var invalidation = route.Invalidations[rng.Next(route.Invalidations.Length)];
                invalidation.Apply(rng, body);
                var extra = rng.Next(3) == 0 ? AddUnknownFields(rng, body) : "";
                return Case(invalidation.Name + extra, Bytes(body), invalidation.Status, invalidation.Code);
            }
            case < 12:
            {
                var field = route.Fields[rng.Next(route.Fields.Length)];
                var wrong = WrongValue(rng, field.Kind);
                body[field.Name] = wrong;
                var extra = rng.Next(3) == 0 ? AddUnknownFields(rng, body) : "";
                return Case($"{field.Name} = {Describe(wrong)}{extra}", Bytes(body));
            }
            case 12:
                return Case("truncated", HostileInput.Truncate(rng, Bytes(body)));
            case 13:
                return Case("trailing garbage", [.. Bytes(body), .. rng.Next(3) switch { 0 => "}"u8.ToArray(), 1 => "x"u8.ToArray(), _ => Bytes(body) }]);
            case 14:
                if (rng.Next(3) == 0) return Case("deep nesting", Encoding.UTF8.GetBytes(HostileInput.Nesting(rng)));
                body[route.Fields[rng.Next(route.Fields.Length)].Name] = HostileInput.Placeholder;
                return Case("deep nesting in a field", SpliceValue(body, Encoding.UTF8.GetBytes(HostileInput.Nesting(rng))));
            case 15:
            {
                var texts = route.Fields.Where(f => f.Kind == Kind.Text).ToArray();
                var name = texts.Length > 0 && rng.Next(3) > 0 ? texts[rng.Next(texts.Length)].Name : "x_unknown";
                // An escaped lone surrogate is well-formed JSON text: it is an error where it is read, not in a field skipped unread.
                var bad = texts.Any(t => t.Name == name) && rng.Next(4) == 0
                    ? Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? "\\ud800" : "\\udc00x")
                    : HostileInput.InvalidUtf8(rng);
                body[name] = "kab" + HostileInput.Placeholder + "aayega";
                var bytes = HostileInput.Splice(Bytes(body), HostileInput.Placeholder, bad);
                return Case($"{(bad[0] == (byte)'\\' ? "lone surrogate" : "invalid UTF-8")} in {name}", bytes);
            }
            case 16:
            {
                var junk = new byte[rng.Next(1, 2_000)];
                rng.NextBytes(junk);
                return rng.Next(5) switch
                {
                    0 => Case("not JSON: random bytes", junk),
                    1 => Case("not JSON: XML", "<note><body>hello</body></note>"u8.ToArray()),
                    2 => Case("not JSON: a form", "body=hello&pinned=true"u8.ToArray()),
                    3 => Case("not JSON: single quotes", Encoding.UTF8.GetBytes(body.ToJsonString().Replace('"', '\''))),
                    _ => Case("not an object", Encoding.UTF8.GetBytes(new[] { "[]", "42", "\"note\"", "true", "[{}]" }[rng.Next(5)])),
                };
            }
            case 17:
            {
                var type = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", null }[rng.Next(6)];
                return Case($"content type {type ?? "missing"}", Bytes(body), 415, null, type);
            }
            case 18:
            {
                // Over the API's 1 MB: padding around a valid body, or one huge text; with a length or chunked.
                var chunked = rng.Next(2) == 0;
                if (rng.Next(2) == 0)
                {
                    var valid = Bytes(body);
                    var padded = new byte[ApiBodyGuard.DefaultMaxBytes + rng.Next(1, 300_000)];
                    Array.Fill(padded, (byte)' ');
                    valid.CopyTo(padded, 0);
                    return Case($"over 1 MB of padding{(chunked ? ", chunked" : "")}", padded, 413, "too_large", chunked: chunked);
                }
                body["x_huge"] = new string('x', rng.Next(ApiBodyGuard.DefaultMaxBytes + 1, 2 * ApiBodyGuard.DefaultMaxBytes));
                return Case($"a 1–2 MB field{(chunked ? ", chunked" : "")}", Bytes(body), 413, "too_large", chunked: chunked);
            }
            default:
            {
                // A field given twice, the second time wrongly: the last one counts.
                var field = route.Fields[rng.Next(route.Fields.Length)];
                var text = Encoding.UTF8.GetString(Bytes(body));
                var wrong = WrongValue(rng, field.Kind);
                var twice = text[..^1] + (text.Length > 2 ? "," : "") + $"\"{field.Name}\":{wrong?.ToJsonString() ?? "null"}}}";
                return Case($"{field.Name} twice, then {Describe(wrong)}", Encoding.UTF8.GetBytes(twice));
            }
        }
    }

    /// <summary>The write routes and what makes each of their bodies invalid (beyond wrong types and broken JSON).</summary>
    private static IReadOnlyList<Route> Routes(Fixture f)
    {
        var conversation = $"/api/v1/conversations/{f.ConversationId}";
        var ticket = $"/api/v1/tickets/{f.TicketId}";
        static Invalidation Blank(string field, string code = "validation", bool whitespace = true) => new($"{field} blank", (rng, body) =>
        {
            switch (rng.Next(whitespace ? 4 : 3))
            {
                case 0: body.Remove(field); break;
                case 1: body[field] = null; break;
                case 2: body[field] = ""; break;
                default: body[field] = " \n\t "; break;
            }
        }, 400, code);
        static Invalidation TooLong(string field, int max, string? code = "validation") =>
            new($"{field} over {max} characters", (rng, body) => body[field] = Long(rng, max), 400, code);
        Invalidation Unknown(string field, Func<Random, JsonNode?> value, int? status = null, string? code = null) =>
            new($"{field} unknown", (rng, body) => body[field] = value(rng), status, code);

        return
        [
            new("reply", HttpMethod.Post, $"{conversation}/messages",
                () => new JsonObject { ["body"] = "Aap ka order ZF-48213 kal tak pohanch jayega", ["lastSeenMessageId"] = f.LastMessageId.ToString() },
                [new("body", Kind.Text), new("lastSeenMessageId", Kind.Id), new("template", Kind.List)],
                [
                    Blank("body"), TooLong("body", ShuttlePro.Core.Conversations.Message.MaxBodyLength),
                    new("body and template", (_, body) => body["template"] = new JsonObject { ["name"] = "order_update", ["parameters"] = new JsonArray() }),
                    new("template unknown", (_, body) =>
                    {
                        body.Remove("body");
                        body["template"] = new JsonObject { ["name"] = "no_such_template", ["parameters"] = new JsonArray("x") };
                    }),
                ]),
            new("note", HttpMethod.Post, $"{conversation}/notes",
                () => new JsonObject { ["body"] = "Customer ne address change bola: DHA Phase 5", ["pinned"] = false },
                [new("body", Kind.Text), new("pinned", Kind.Flag)],
                [Blank("body"), TooLong("body", ShuttlePro.Core.Collaboration.Note.MaxBodyLength)]),
            new("pin", HttpMethod.Post, $"{conversation}/notes/{f.NoteId}/pin", () => new JsonObject { ["pinned"] = true },
                [new("pinned", Kind.Flag)],
                [new("pinned null", (_, body) => body["pinned"] = null)]),
            new("handoff", HttpMethod.Post, $"{conversation}/handoffs",
                () => new JsonObject { ["toTeamId"] = f.OtherTeamId, ["note"] = "Courier check for order ZF-48213: rider ne call nahi uthai" },
                [new("toTeamId", Kind.Number), new("toAgentId", Kind.Id), new("note", Kind.Text)],
                [
                    Blank("note", "note_required"), TooLong("note", ShuttlePro.Core.Collaboration.Handoff.MaxNoteLength, null),
                    Unknown("toTeamId", rng => rng.Next(2) == 0 ? 999_999 : -1),
                    new("toAgentId unknown", (_, body) => { body.Remove("toTeamId"); body["toAgentId"] = Guid.NewGuid().ToString(); }, null, null),
                    new("no target", (_, body) => body.Remove("toTeamId"), null, null),
                ]),
            new("assign", HttpMethod.Post, $"{conversation}/assign", () => new JsonObject { ["agentId"] = f.SameTeamAgentId.ToString() },
                [new("agentId", Kind.Id)],
                [
                    new("agentId blank", (rng, body) => { if (rng.Next(3) == 0) body.Remove("agentId"); else body["agentId"] = rng.Next(2) == 0 ? null : Guid.Empty.ToString(); }),
                    new("agentId of another team", (_, body) => body["agentId"] = f.OtherTeamAgentId.ToString()),
                    Unknown("agentId", _ => Guid.NewGuid().ToString(), 400),
                ]),
            new("escalate", HttpMethod.Post, $"{conversation}/tickets",
                () => new JsonObject { ["type"] = "Refund", ["priority"] = "High", ["title"] = "Refund for ZF-48213", ["description"] = "Paid twice by card" },
                [new("type", Kind.Text), new("priority", Kind.Choice), new("title", Kind.Text), new("description", Kind.Text), new("ownerId", Kind.Id), new("teamId", Kind.Number)],
                [
                    new("type blank", (rng, body) => { if (rng.Next(2) == 0) body.Remove("type"); else body["type"] = null; }),
                    Unknown("type", rng => rng.Next(2) == 0 ? "Teleportation" : "", 400, "validation"),
                    Unknown("priority", rng => rng.Next(3) switch { 0 => 99, 1 => -1, _ => "Extreme" }, 400, "validation"),
                    TooLong("title", ShuttlePro.Core.Tickets.Ticket.MaxTitleLength), TooLong("description", ShuttlePro.Core.Tickets.Ticket.MaxDescriptionLength),
                    new("ownerId outside the team", (_, body) => body["ownerId"] = f.OtherTeamAgentId.ToString()),
                    Unknown("ownerId", _ => Guid.NewGuid().ToString()), Unknown("teamId", _ => 999_999),
                ]),
            new("ticket", HttpMethod.Patch, ticket, () => new JsonObject { ["priority"] = "Urgent" },
                [new("status", Kind.Choice), new("priority", Kind.Choice), new("ownerId", Kind.Id), new("teamId", Kind.Number), new("resolution", Kind.Text), new("replyDraft", Kind.Text)],
                [
                    Unknown("status", rng => rng.Next(3) switch { 0 => 99, 1 => "Flying", _ => -3 }, 400, "validation"),
                    Unknown("priority", rng => rng.Next(2) == 0 ? 42 : "Extreme", 400, "validation"),
                    new("solved without a resolution", (rng, body) => { body["status"] = "Solved"; if (rng.Next(2) == 0) body["resolution"] = "  "; }, 400, "resolution_required"),
                    new("resolution over 2000 characters", (rng, body) => { body["status"] = "Solved"; body["resolution"] = Long(rng, ShuttlePro.Core.Tickets.Ticket.MaxResolutionLength); }),
                    TooLong("replyDraft", ShuttlePro.Core.Tickets.Ticket.MaxDraftLength),
                    new("ownerId outside the team", (_, body) => body["ownerId"] = f.OtherTeamAgentId.ToString()),
                    Unknown("ownerId", _ => Guid.NewGuid().ToString()), Unknown("teamId", _ => 999_999),
                ]),
            new("comment", HttpMethod.Post, $"{ticket}/comments", () => new JsonObject { ["body"] = "Customer ne photo bheji hai" },
                [new("body", Kind.Text)],
                [Blank("body"), TooLong("body", ShuttlePro.Core.Tickets.TicketEvent.MaxBodyLength)]),
            new("status", HttpMethod.Post, "/api/v1/me/status", () => new JsonObject { ["status"] = "away", ["onShift"] = true },
                [new("status", Kind.Text), new("onShift", Kind.Flag)],
                [Blank("status"), Unknown("status", rng => new[] { "sleeping", "1", "online away", "Online2" }[rng.Next(4)], 400, "validation")]),
            new("end shift", HttpMethod.Post, "/api/v1/me/end-shift",
                () => new JsonObject { ["items"] = new JsonArray(new JsonObject { ["conversationId"] = f.ConversationId.ToString(), ["toTeamId"] = f.OtherTeamId, ["note"] = "Shift khatam" }) },
                [new("items", Kind.List)],
                [new("an item of the wrong shape", (rng, body) => body["items"]![0]![new[] { "conversationId", "toTeamId", "toAgentId" }[rng.Next(3)]] = new JsonArray())]),
            new("read notifications", HttpMethod.Post, "/api/v1/me/notifications/read", () => new JsonObject { ["ids"] = new JsonArray(Guid.NewGuid().ToString()) },
                [new("ids", Kind.List)],
                [new("ids not ids", (rng, body) => body["ids"] = new JsonArray(rng.Next(2) == 0 ? "x" : 7))]),
            new("token", HttpMethod.Post, "/api/v1/auth/token", () => new JsonObject { ["email"] = Supervisor, ["password"] = DemoOptions.DefaultPassword },
                [new("email", Kind.Text), new("password", Kind.Text)],
                [Blank("email", "invalid_credentials") with { Status = 401 }, Blank("password", "invalid_credentials", whitespace: false) with { Status = 401 } /* "  " is a wrong password: it counts towards the lockout */],
                Anonymous: true),
        ];
    }

    /// <summary>A value no reader of a field of that kind accepts.</summary>
    private static JsonNode? WrongValue(Random rng, Kind kind)
    {
        JsonNode?[] values = kind switch
        {
            Kind.Text => [42, true, new JsonObject(), new JsonArray("a")],
            Kind.Id => [42, "not-a-guid", "", true, new JsonObject(), Guid.NewGuid() + "x"],
            Kind.Number => ["seven", "", true, new JsonObject(), new JsonArray(), 1.5, JsonNode.Parse("1e40")],
            Kind.Flag => ["yes", "true", 1, new JsonObject(), new JsonArray()],
            Kind.Choice => [true, new JsonObject(), new JsonArray(), 1.5],
            _ => ["x", 5, true, new JsonObject()],
        };
        return values[rng.Next(values.Length)];
    }

    private static string Describe(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    /// <summary>Adds fields the API does not know (small, nested or large, all under the body limit); the case's name says so.</summary>
    private static string AddUnknownFields(Random rng, JsonObject body)
    {
        body["x_extra"] = rng.Next(3) switch
        {
            0 => new string('y', rng.Next(1_000, 200_000)),
            1 => JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20)),
            _ => new JsonArray(1, "two", null, false),
        };
        return " + unknown fields";
    }

    private static string Long(Random rng, int max) => new(rng.Next(2) == 0 ? 'x' : 'ب', max + 1 + rng.Next(rng.Next(2) == 0 ? 10 : 200_000));

    private static byte[] Bytes(JsonNode root) => Encoding.UTF8.GetBytes(root.ToJsonString());

    private static byte[] SpliceValue(JsonObject body, byte[] raw) => HostileInput.Splice(Bytes(body), $"\"{HostileInput.Placeholder}\"", raw);
}
