using Bunit;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Quality;
using ShuttlePro.Web.Components.Pages.Quality;
using ShuttlePro.Web.Store.QualityFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>The QA review page: the conversation as it was, the reviewed event marked, and a score-and-comment form.</summary>
public sealed class QaReviewPageTests : ComponentTestContext
{
    private const long Sequence = 42;
    private static readonly Guid AyeshaId = Guid.NewGuid();

    private static QaSnapshot Snapshot(ReviewedWork work = ReviewedWork.Handoff, Guid? agentId = null, params QaReviewView[] reviews)
    {
        var conversation = Conversation(1042, "Nida Pervez");
        var at = Now.AddMinutes(-10);
        var customer = Message(conversation, "Parcel abhi tak nahi aaya", MessageDirection.Inbound, minutesAgo: 20);
        var reply = Message(conversation, "Ji, main TCS se check karti hoon", MessageDirection.Outbound, DeliveryStatus.Read, "Ayesha Khan", minutesAgo: 15);
        var note = new NoteView(Guid.NewGuid(), conversation.Id, "TCS says Lahore hub since Monday", AyeshaId, "Ayesha Khan", Now.AddMinutes(-12), false, []);
        var handoff = new HandoffView(Guid.NewGuid(), conversation.Id, AyeshaId, "Ayesha Khan", AyeshaId, "Ayesha Khan", 1, "Support", null, null, 2, "Ops",
            "Courier check: TCS CN 4410293377. Next: call the hub.", at);
        var subject = work == ReviewedWork.Handoff ? handoff.Id : reply.Id;
        var entry = new AuditEntry(Sequence, at, agentId ?? AyeshaId, "Ayesha Khan",
            work == ReviewedWork.Handoff ? AuditActions.HandoffCreated : AuditActions.MessageSent,
            work == ReviewedWork.Handoff ? AuditSubjects.Handoff : AuditSubjects.Message, subject.ToString(), conversation.Id, 1, null, null, "", "h");
        return new QaSnapshot(entry, work, agentId ?? AyeshaId, "Ayesha Khan",
            new SnapshotHeader(conversation.Id, 1042, conversation.Contact, conversation.Channel, 1, "Support"),
            [customer, reply], [note], [handoff],
            [new ActivityItem(Sequence, at, AyeshaId, "Ayesha Khan", entry.Action, ActivityKind.Handoff, "Handoff: Ayesha Khan → Ops (team)", handoff.Note)],
            reviews);
    }

    private IRenderedComponent<QaReviewPage> RenderLoaded(QaSnapshot snapshot)
    {
        var cut = Render<QaReviewPage>(p => p.Add(x => x.Sequence, Sequence));
        Assert.Equal(new OpenQaSnapshotAction(Sequence), Dispatched.OfType<OpenQaSnapshotAction>().Single());
        Store.Dispatch(new QaSnapshotLoadedAction(Sequence, snapshot));
        cut.WaitForAssertion(() => cut.Find("[data-testid=review-title]"));
        return cut;
    }

    [Fact]
    public void ThePageShouldShowTheConversationAsItWasWithTheReviewedHandoffMarked()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor, Support));
        var snapshot = Snapshot();

        var cut = RenderLoaded(snapshot);

        var at = snapshot.Event.At.ToLocalTime();
        Assert.Equal($"Conversation #1042 as it was at {at:HH:mm} on {at:d MMM} — handoff by Ayesha Khan",
            System.Text.RegularExpressions.Regex.Replace(cut.Find("[data-testid=review-title]").TextContent.Trim(), @"\s+", " "));
        var thread = cut.Find("[data-testid=review-thread]");
        Assert.Equal(2, thread.QuerySelectorAll("[data-testid=message]").Length);
        Assert.Single(thread.QuerySelectorAll("[data-testid=note]"));
        Assert.Empty(thread.QuerySelectorAll("[data-testid=pin-note]")); // read-only
        Assert.NotNull(cut.Find("[data-testid=review-focus]").QuerySelector("[data-testid=handoff-line]"));
        Assert.Contains("sp-activity-highlight", cut.Find("[data-testid=activity-item]").ClassName);
        Assert.NotNull(cut.Find("[data-testid=review-none]"));
    }

    [Fact]
    public void TheFormShouldNeedAScoreAndACommentAndKeepThemWhenRefused()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor, Support));
        var cut = RenderLoaded(Snapshot(ReviewedWork.Reply));
        Assert.NotNull(cut.Find("[data-testid=review-focus]").QuerySelector("[data-testid=message]"));
        Assert.True(cut.Find("[data-testid=review-submit]").HasAttribute("disabled"));

        cut.FindAll("[data-testid=review-score] .mud-rating-item")[3].Click();
        Assert.True(cut.Find("[data-testid=review-submit]").HasAttribute("disabled"));
        cut.Find("textarea[data-testid=review-comment]").Input("Polite, but give the tracking number next time.");
        cut.Find("[data-testid=review-submit]").Click();

        Assert.Equal(new SubmitQaReviewAction(Sequence, 4, "Polite, but give the tracking number next time."),
            Dispatched.OfType<SubmitQaReviewAction>().Single());
        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=review-submit]").HasAttribute("disabled"))); // while saving

        Store.Dispatch(new QaReviewFinishedAction(Sequence, null, Problem.Validation("A score is from 1 to 5; 4 is not.")));
        cut.WaitForAssertion(() => Assert.Contains("A score is from 1 to 5", cut.Find("[data-testid=review-problem]").TextContent));
        Assert.Equal("Polite, but give the tracking number next time.", cut.Find("textarea[data-testid=review-comment]").GetAttribute("value"));
        Assert.False(cut.Find("[data-testid=review-submit]").HasAttribute("disabled"));

        var saved = new QaReviewView(Guid.NewGuid(), Sequence, Guid.NewGuid(), AyeshaId, "Ayesha Khan", Guid.NewGuid(), "Imran Qureshi", 4,
            "Polite, but give the tracking number next time.", Now);
        Store.Dispatch(new QaReviewFinishedAction(Sequence, saved, null));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=review-item]")));
        Assert.Contains("Imran Qureshi", cut.Find("[data-testid=review-item]").TextContent);
        Assert.Equal("Polite, but give the tracking number next time.", cut.Find("[data-testid=review-item-comment]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=review-problem]"));
        Assert.Equal("", cut.Find("textarea[data-testid=review-comment]").GetAttribute("value") ?? "");
        Assert.True(cut.Find("[data-testid=review-submit]").HasAttribute("disabled"));
    }

    [Fact]
    public void NobodyShouldBeOfferedTheFormForTheirOwnWork()
    {
        var lead = Agent("Sana Malik", Roles.ShiftLead, Support);
        SignIn(lead);

        var cut = RenderLoaded(Snapshot(agentId: lead.Id));

        Assert.NotNull(cut.Find("[data-testid=review-own]"));
        Assert.Empty(cut.FindAll("[data-testid=review-submit]"));
    }

    [Fact]
    public void AnEventThatCannotBeReviewedShouldSayWhy()
    {
        SignIn(Agent("Imran Qureshi", Roles.Supervisor, Support));
        var cut = Render<QaReviewPage>(p => p.Add(x => x.Sequence, Sequence));

        Store.Dispatch(new QaSnapshotLoadFailedAction(Sequence, Problem.Validation("Only replies (message.sent) and handoffs (handoff.created) can be reviewed.")));

        cut.WaitForAssertion(() => Assert.Contains("Only replies", cut.Find("[data-testid=review-load-problem]").TextContent));
    }
}
