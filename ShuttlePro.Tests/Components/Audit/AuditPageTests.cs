using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Web.Components.Pages.Audit;
using ShuttlePro.Web.Store.AuditFeature;
using ShuttlePro.Web.Store.DirectoryFeature;

namespace ShuttlePro.Tests.Components.Audit;

/// <summary>The audit page: filters (and the URL) become the filter the store loads, rows expand to before/after, the chain badge.</summary>
public sealed class AuditPageTests : ComponentTestContext
{
    private static readonly TeamView Ops = new(2, "Ops");
    private static readonly Guid ConversationId = Guid.NewGuid();
    private readonly AgentView _imran = Agent("Imran Qureshi", Roles.Supervisor, Support, Ops);
    private readonly AgentView _ayesha = Agent("Ayesha Siddiqui", Roles.Agent, Support);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<AuditPage> RenderPage(string uri = "/audit")
    {
        Navigation.NavigateTo(uri);
        SignIn(_imran);
        Store.Dispatch(new DirectoryLoadedAction([_imran, _ayesha], [Support, Ops]));
        return Render<AuditPage>();
    }

    private static AuditEntry Entry(long sequence, string action, string? before = null, string? after = null, string subjectType = AuditSubjects.Conversation,
        string? subjectId = null, Guid? conversationId = null, string actor = "Ayesha Siddiqui") =>
        new(sequence, Now.AddMinutes(-sequence % 60), Guid.NewGuid(), actor, action, subjectType, subjectId ?? Guid.NewGuid().ToString(),
            conversationId ?? ConversationId, 1, before, after, PreviousHash: new string('b', 63) + sequence % 10, Hash: new string('a', 64));

    private void Show(AuditCriteria criteria, params AuditEntry[] entries) =>
        Store.Dispatch(new AuditLoadedAction(criteria, new AuditFilter(), entries, new Dictionary<Guid, int> { [ConversationId] = 1042 }));

    [Fact]
    public void OpeningThePageLoadsTheNewestEventsAndAsksForTheChainStatus()
    {
        RenderPage();

        Assert.Equal(new LoadAuditAction(AuditCriteria.None), Dispatched.OfType<LoadAuditAction>().Single());
        Assert.Single(Dispatched.OfType<OpenAuditPageAction>());
    }

    [Fact]
    public void ALinkWithFiltersOpensTheTrailFiltered()
    {
        var id = Guid.NewGuid();
        RenderPage($"/audit?conversationId={id}&action=ticket.&teamId=2&q=earbud&from=2026-11-24T09:00:00%2B05:00");

        var load = Dispatched.OfType<LoadAuditAction>().Single();
        Assert.Equal(new AuditCriteria(Conversation: id.ToString(), Action: "ticket.", TeamId: 2, Text: "earbud",
            From: new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(5))), load.Criteria);
    }

    [Fact]
    public void EachFilterDispatchesTheCriteriaAndWritesThemIntoTheAddress()
    {
        var cut = RenderPage();

        cut.Find("[data-testid=audit-filter-conversation]").Change("#1042");
        Assert.Equal(new AuditCriteria(Conversation: "1042"), Dispatched.OfType<LoadAuditAction>().Last().Criteria);
        Assert.EndsWith("/audit?conversation=1042", Navigation.Uri);

        cut.Find("[data-testid=audit-filter-ticket]").Change("sp-1007");
        Assert.Equal(new AuditCriteria(Conversation: "1042", Ticket: "SP-1007"), Dispatched.OfType<LoadAuditAction>().Last().Criteria);

        cut.Find("[data-testid=audit-filter-text]").Change("earbud");
        Assert.Equal("earbud", Dispatched.OfType<LoadAuditAction>().Last().Criteria.Text);

        cut.Find("[data-testid=audit-filter-actor]").MouseDown();
        Popovers.WaitForElements("[data-testid=audit-actor-option]").Single(o => o.GetAttribute("data-name") == "Ayesha Siddiqui").Click();
        cut.WaitForAssertion(() => Assert.Equal(_ayesha.Id, Dispatched.OfType<LoadAuditAction>().Last().Criteria.ActorId));

        cut.Find("[data-testid=audit-filter-team]").MouseDown();
        Popovers.WaitForElements("[data-testid=audit-team-option]").Single(o => o.GetAttribute("data-name") == "Ops").Click();
        cut.WaitForAssertion(() => Assert.Equal(new AuditCriteria("1042", "SP-1007", _ayesha.Id, null, Ops.Id, null, null, "earbud"),
            Dispatched.OfType<LoadAuditAction>().Last().Criteria));
        Assert.EndsWith($"/audit?conversation=1042&ticket=SP-1007&actorId={_ayesha.Id}&teamId=2&q=earbud", Navigation.Uri);

        cut.Find("[data-testid=audit-filter-from]").Change("2026-11-24T09:30");
        var from = Dispatched.OfType<LoadAuditAction>().Last().Criteria.From;
        Assert.Equal(new DateTimeOffset(new DateTime(2026, 11, 24, 9, 30, 0, DateTimeKind.Local)), from);

        cut.Find("[data-testid=audit-clear]").Click();
        Assert.Equal(AuditCriteria.None, Dispatched.OfType<LoadAuditAction>().Last().Criteria);
        Assert.EndsWith("/audit", Navigation.Uri);
    }

    [Fact]
    public void TheActionPickerOffersEveryActionAndTheFamilies()
    {
        Assert.Contains("ticket.", AuditPage.ActionNames);
        Assert.Contains(AuditActions.HandoffCreated, AuditPage.ActionNames);
        Assert.Contains(AuditActions.QaReviewed, AuditPage.ActionNames);
        Assert.Equal(AuditPage.ActionNames.Count, AuditPage.ActionNames.Distinct().Count());
    }

    [Fact]
    public void RowsShowNewestFirstWithLinksAndExpandToBeforeAndAfter()
    {
        var cut = RenderPage();
        var ticketId = Guid.NewGuid();
        Show(AuditCriteria.None,
            Entry(12, AuditActions.HandoffCreated,
                before: """{"ownerId":null,"ownerName":"Ayesha Siddiqui","teamId":1,"team":"Support"}""",
                after: """{"toAgentId":null,"toAgent":null,"toTeamId":2,"toTeam":"Ops","ownerId":null,"teamId":2,"note":"Left earbud dead, send a replacement"}""",
                subjectType: AuditSubjects.Handoff),
            Entry(11, AuditActions.TicketCreated, after: """{"number":"SP-1007","title":"Refund for ZF-48213"}""", subjectType: AuditSubjects.Ticket,
                subjectId: ticketId.ToString()),
            Entry(10, AuditActions.MessageSent, subjectType: AuditSubjects.Message));

        cut.WaitForAssertion(() => Assert.Equal(["12", "11", "10"], cut.FindAll("[data-testid=audit-row]").Select(r => r.GetAttribute("data-seq"))));
        Assert.Equal(["Handoff: Ayesha Siddiqui → Ops (team)", "Ayesha Siddiqui escalated to ticket SP-1007", "Ayesha Siddiqui replied"],
            cut.FindAll("[data-testid=audit-title]").Select(t => t.TextContent.Trim()));
        Assert.Contains("Left earbud dead", cut.Find("[data-testid=audit-detail-line]").TextContent);
        Assert.All(cut.FindAll("[data-testid=audit-conversation-link]"), link =>
        {
            Assert.Equal($"/inbox/{ConversationId}", link.GetAttribute("href"));
            Assert.Equal("#1042", link.TextContent.Trim());
        });
        var ticket = cut.Find("[data-testid=audit-ticket-link]");
        Assert.Equal(($"/tickets/{ticketId}", "SP-1007"), (ticket.GetAttribute("href"), ticket.TextContent.Trim()));
        Assert.Equal(["/audit/12/review", "/audit/10/review"], cut.FindAll("[data-testid=audit-qa-review]").Select(b => b.GetAttribute("href")));
        Assert.Empty(cut.FindAll("[data-testid=audit-event-detail]"));

        cut.Find("[data-testid=audit-row][data-seq='12']").Closest("tr")!.Click();

        var detail = cut.Find("[data-testid=audit-event-detail]");
        Assert.Equal("12", detail.GetAttribute("data-seq"));
        string Cell(string field, string side) =>
            detail.QuerySelector($"[data-testid=audit-field][data-field={field}] [data-testid=audit-{side}]")!.TextContent.Trim();
        Assert.Equal(("Ayesha Siddiqui", "—"), (Cell("ownerName", "before"), Cell("ownerName", "after")));
        Assert.Equal(("1", "2"), (Cell("teamId", "before"), Cell("teamId", "after")));
        Assert.Equal(("—", "Left earbud dead, send a replacement"), (Cell("note", "before"), Cell("note", "after")));
        Assert.Contains("aaaaaaaaaaaa…aaaaaaaa", detail.QuerySelector("[data-testid=audit-hash]")!.TextContent);
        Assert.Equal(new string('a', 64), detail.QuerySelector("[data-testid=audit-hash] code")!.GetAttribute("title"));
        Assert.Contains("bbbbbbbbbbbb…", detail.QuerySelector("[data-testid=audit-previous-hash]")!.TextContent);
        Assert.Contains("handoff", detail.QuerySelector("[data-testid=audit-subject-id]")!.ParentElement!.TextContent);

        cut.Find("[data-testid=audit-row][data-seq='12']").Closest("tr")!.Click();
        Assert.Empty(cut.FindAll("[data-testid=audit-event-detail]"));
    }

    [Fact]
    public void AFullPageOffersOlderEventsByKeysetAndExportsCarryTheFilter()
    {
        var cut = RenderPage();
        var conversation = Guid.NewGuid();
        var filter = new AuditFilter(ConversationId: conversation, Action: "ticket.", From: new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), Text: "refund");
        var criteria = new AuditCriteria(Conversation: conversation.ToString(), Action: "ticket.", Text: "refund");
        Store.Dispatch(new LoadAuditAction(criteria));
        Store.Dispatch(new AuditLoadedAction(criteria, filter,
            Enumerable.Range(0, AuditState.PageSize).Select(i => Entry(1000 - i, AuditActions.NoteAdded)).ToList(), new Dictionary<Guid, int>()));

        cut.WaitForAssertion(() => cut.Find("[data-testid=audit-load-older]").Click());
        Assert.Equal(new LoadOlderAuditAction(filter, 1000 - AuditState.PageSize + 1), Dispatched.OfType<LoadOlderAuditAction>().Single());

        Assert.Equal($"/api/v1/audit/export?format=csv&conversationId={conversation}&action=ticket.&from=2026-11-24T09%3A00%3A00%2B00%3A00&q=refund",
            cut.Find("[data-testid=audit-export-csv]").GetAttribute("href"));
        Assert.StartsWith("/api/v1/audit/export?format=jsonl&", cut.Find("[data-testid=audit-export-jsonl]").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=audit-export-csv]").HasAttribute("download"));

        Store.Dispatch(new OlderAuditLoadedAction(filter, 1000 - AuditState.PageSize + 1, [Entry(900, AuditActions.NoteAdded)], new Dictionary<Guid, int>()));
        cut.WaitForAssertion(() => Assert.Equal(AuditState.PageSize + 1, cut.FindAll("[data-testid=audit-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=audit-load-older]"));
    }

    [Fact]
    public void AProblemWithTheFilterIsShown()
    {
        var cut = RenderPage("/audit?conversation=99999");
        var criteria = new AuditCriteria(Conversation: "99999");
        Store.Dispatch(new AuditLoadFailedAction(criteria, Problem.NotFound("Conversation #99999")));

        cut.WaitForAssertion(() => Assert.Equal("Conversation #99999 was not found.", cut.Find("[data-testid=audit-problem]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=audit-empty]"));
    }

    [Fact]
    public void TheBadgeShowsNotVerifiedThenProgressThenVerifiedOrBroken()
    {
        var cut = RenderPage();
        string Badge() => cut.Find("[data-testid=audit-chain-badge]").GetAttribute("data-state")!;

        Assert.Equal("unknown", Badge());
        Assert.Contains("Not verified yet", cut.Find("[data-testid=audit-chain-badge]").TextContent);

        cut.Find("[data-testid=audit-verify]").Click();
        Assert.Single(Dispatched.OfType<VerifyAuditChainAction>());
        Store.Dispatch(new VerifyAuditChainAction());
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=audit-verify]").HasAttribute("disabled")));
        Assert.NotNull(cut.Find("[data-testid=audit-verifying]"));

        var at = new DateTimeOffset(2026, 11, 25, 8, 45, 0, TimeSpan.Zero);
        Store.Dispatch(new AuditChainVerifiedAction(new AuditVerification(true, 1204, null, 1204, at)));
        cut.WaitForAssertion(() => Assert.Equal("verified", Badge()));
        Assert.Equal($"Verified up to #1204 at {at.ToLocalTime():HH:mm}", cut.Find("[data-testid=audit-chain-badge]").TextContent.Trim());
        Assert.False(cut.Find("[data-testid=audit-verify]").HasAttribute("disabled"));

        Store.Dispatch(new AuditChainVerifiedAction(new AuditVerification(false, 1190, 1190, 1189, at)));
        cut.WaitForAssertion(() => Assert.Equal("broken", Badge()));
        Assert.Equal("Broken at #1190", cut.Find("[data-testid=audit-chain-badge]").TextContent.Trim());
    }
}
