using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Quality;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Core;

/// <summary>QA reviews: who may leave one, on what, with which score, and the conversation as it was at the reviewed moment.</summary>
public sealed class QaReviewTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private Team _support = null!;
    private Team _ops = null!;
    private Channel _channel = null!;
    private Actor _ayesha = null!;
    private Actor _bilal = null!;
    private Actor _sana = null!;
    private Actor _omar = null!;
    private Actor _imran = null!;

    private QaReviewService Reviews => _app.Get<QaReviewService>();
    private QaReviewQueries Queries => _app.Get<QaReviewQueries>();

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        _support = await _app.CreateTeamAsync("Support");
        _ops = await _app.CreateTeamAsync("Ops");
        _channel = await _app.CreateChannelAsync("Zeenat Fashion", "1001", _support);
        _ayesha = await _app.CreateAgentAsync("Ayesha Khan", Roles.Agent, _support);
        _bilal = await _app.CreateAgentAsync("Bilal Ahmed", Roles.Agent, _support);
        _sana = await _app.CreateAgentAsync("Sana Malik", Roles.ShiftLead, _support);
        _omar = await _app.CreateAgentAsync("Omar Farooq", Roles.ShiftLead, _ops);
        _imran = await _app.CreateAgentAsync("Imran Qureshi", Roles.Supervisor);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Customer writes, Ayesha replies and notes; later the customer writes again and Ayesha notes and replies again.</summary>
    private async Task<(Guid ConversationId, long FirstReply)> ConversationWithHistoryAsync()
    {
        var inbound = await _app.ReceiveAsync(_channel, $"92300{Random.Shared.Next(1000000, 9999999)}", "Order ZF-48213 kab aayega?", "Nida Pervez");
        var id = inbound.ConversationId;
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await _app.Conversations.ReplyAsync(_ayesha, id, "Ji, main check karti hoon"));
        var firstReply = await SequenceOfAsync(id, AuditActions.MessageSent);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await _app.Get<NoteService>().WriteAsync(_ayesha, id, "TCS tracking shows in Lahore hub"));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _app.ReceiveAsync(_channel, await WaIdAsync(id), "Kuch pata chala?", "Nida Pervez");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Ok(await _app.Get<NoteService>().WriteAsync(_ayesha, id, "Called TCS: delivery tomorrow"));
        Ok(await _app.Conversations.ReplyAsync(_ayesha, id, "Kal tak pohanch jaye ga"));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        return (id, firstReply);
    }

    private async Task<long> SequenceOfAsync(Guid conversationId, string action)
    {
        await using var db = await _app.DbAsync();
        return await db.AuditEvents.Where(a => a.ConversationId == conversationId && a.Action == action).MaxAsync(a => a.Sequence);
    }

    private async Task<string> WaIdAsync(Guid conversationId)
    {
        await using var db = await _app.DbAsync();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Contact.WaId).FirstAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void AScoreShouldBeFromOneToFive(int score)
    {
        var refused = Assert.Throws<DomainException>(() =>
            QaReview.Write(1, Guid.NewGuid(), 1, _ayesha.AgentId, _ayesha.Name, _imran, score, "Good tone", DateTimeOffset.UnixEpoch));
        Assert.Equal(ProblemCodes.Validation, refused.Problem.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AReviewShouldRequireAComment(string? comment)
    {
        var refused = Assert.Throws<DomainException>(() =>
            QaReview.Write(1, Guid.NewGuid(), 1, _ayesha.AgentId, _ayesha.Name, _imran, 3, comment, DateTimeOffset.UnixEpoch));
        Assert.Equal(ProblemCodes.Validation, refused.Problem.Code);
    }

    [Fact]
    public void ACommentShouldBeTrimmedAndBounded()
    {
        var review = QaReview.Write(1, Guid.NewGuid(), 1, _ayesha.AgentId, _ayesha.Name, _imran, 5, "  Clear and kind  ", DateTimeOffset.UnixEpoch);
        Assert.Equal("Clear and kind", review.Comment);
        Assert.Throws<DomainException>(() => QaReview.Write(1, Guid.NewGuid(), 1, _ayesha.AgentId, _ayesha.Name, _imran, 5,
            new string('x', QaReview.MaxCommentLength + 1), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task AReviewOfAReplyShouldScoreItsAuthorAndBeAudited()
    {
        var (id, firstReply) = await ConversationWithHistoryAsync();

        var review = Ok(await Reviews.ReviewAsync(_imran, firstReply, 4, " Quick and polite; give the tracking number next time. "));

        Assert.Equal(_ayesha.AgentId, review.AgentId);
        Assert.Equal("Ayesha Khan", review.AgentName);
        Assert.Equal(_imran.AgentId, review.ReviewerId);
        Assert.Equal(4, review.Score);
        Assert.Equal("Quick and polite; give the tracking number next time.", review.Comment);
        await using var db = await _app.DbAsync();
        var audited = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == AuditActions.QaReviewed);
        Assert.Equal(AuditSubjects.QaReview, audited.SubjectType);
        Assert.Equal(review.Id.ToString(), audited.SubjectId);
        Assert.Equal(id, audited.ConversationId);
        Assert.Equal(_imran.AgentId, audited.ActorId);
        Assert.Contains($"\"auditSequence\":{firstReply}", audited.After);
        Assert.Contains("\"score\":4", audited.After);
        Assert.Contains("Ayesha Khan", audited.After);
    }

    [Fact]
    public async Task AHandoffShouldBeReviewableAndScoreWhoeverHandedOff()
    {
        var (id, _) = await ConversationWithHistoryAsync();
        Ok(await _app.Get<HandoffService>().HandOffAsync(_ayesha, id, new HandoffTarget(_bilal.AgentId, null),
            "Customer wants delivery tomorrow; TCS confirmed. Next: confirm with the customer in the morning."));
        var handoff = await SequenceOfAsync(id, AuditActions.HandoffCreated);

        var review = Ok(await Reviews.ReviewAsync(_sana, handoff, 5, "Complete handoff note: what was asked, tried and next."));

        Assert.Equal(_ayesha.AgentId, review.AgentId);
        var snapshot = Ok(await Queries.SnapshotAsync(_sana, handoff));
        Assert.Equal(ReviewedWork.Handoff, snapshot.Work);
        Assert.Equal(snapshot.SubjectId, Assert.Single(snapshot.Handoffs).Id);
        Assert.Equal(review.Id, Assert.Single(snapshot.Reviews).Id);
    }

    [Theory]
    [InlineData(AuditActions.NoteAdded)]
    [InlineData(AuditActions.MessageReceived)]
    [InlineData(AuditActions.ConversationTaken)]
    public async Task OnlyRepliesAndHandoffsShouldBeReviewable(string action)
    {
        var (id, _) = await ConversationWithHistoryAsync();
        var other = await SequenceOfAsync(id, action);

        var refused = await Reviews.ReviewAsync(_imran, other, 3, "Fine");

        Assert.Equal(ProblemCodes.Validation, refused.Problem?.Code);
        Assert.Equal(ProblemCodes.Validation, (await Queries.SnapshotAsync(_imran, other)).Problem?.Code);
        await using var db = await _app.DbAsync();
        Assert.False(await db.QaReviews.AnyAsync());
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.QaReviewed));
    }

    [Fact]
    public async Task OnlySupervisorsAdminsAndTheTeamsShiftLeadsShouldReview()
    {
        var (_, firstReply) = await ConversationWithHistoryAsync();

        Assert.Equal(ProblemCodes.Forbidden, (await Reviews.ReviewAsync(_bilal, firstReply, 3, "Looks fine")).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Reviews.ReviewAsync(_omar, firstReply, 3, "Looks fine")).Problem?.Code);
        Assert.Equal(ProblemCodes.Forbidden, (await Queries.SnapshotAsync(_bilal, firstReply)).Problem?.Code);
        Assert.Equal(ProblemCodes.NotFound, (await Queries.SnapshotAsync(_omar, firstReply)).Problem?.Code);
        Ok(await Reviews.ReviewAsync(_sana, firstReply, 3, "Looks fine"));
        Ok(await Reviews.ReviewAsync(_imran, firstReply, 4, "Good"));
        Assert.Equal(ProblemCodes.Validation, (await Reviews.ReviewAsync(_imran, firstReply, 9, "Great")).Problem?.Code);
    }

    [Fact]
    public async Task AHandoffToAnotherTeamShouldStayReviewableByTheLeadOfTheTeamItCameFrom()
    {
        var (id, _) = await ConversationWithHistoryAsync();
        Ok(await _app.Get<HandoffService>().HandOffAsync(_ayesha, id, new HandoffTarget(null, _ops.Id),
            "Courier check for order ZF-48213: TCS says Lahore hub; Ops please confirm delivery date."));
        var handoff = await SequenceOfAsync(id, AuditActions.HandoffCreated);

        Ok(await Reviews.ReviewAsync(_sana, handoff, 4, "Clear note; add the CN number next time."));
    }

    [Fact]
    public async Task TheSnapshotShouldIncludeTheReviewedHandoffItselfWhateverTheClocksPrecision()
    {
        var (id, _) = await ConversationWithHistoryAsync();
        _app.Clock.Advance(TimeSpan.FromTicks(4_567_891)); // real clocks are not on whole milliseconds; audit times are
        Ok(await _app.Get<HandoffService>().HandOffAsync(_ayesha, id, new HandoffTarget(_bilal.AgentId, null),
            "Customer wants delivery tomorrow; TCS confirmed. Next: confirm with the customer in the morning."));
        var handoff = await SequenceOfAsync(id, AuditActions.HandoffCreated);

        var snapshot = Ok(await Queries.SnapshotAsync(_imran, handoff));

        Assert.Equal(snapshot.SubjectId, Assert.Single(snapshot.Handoffs).Id);
    }

    [Fact]
    public async Task AgentsShouldNotSeeQaReviewsInAConversationsActivity()
    {
        var (id, firstReply) = await ConversationWithHistoryAsync();
        Ok(await Reviews.ReviewAsync(_imran, firstReply, 2, "Answer the order question before checking"));
        var audit = _app.Get<AuditQueries>();

        var agentView = Ok(await audit.ConversationActivityAsync(_bilal, id));
        var supervisorView = Ok(await audit.ConversationActivityAsync(_imran, id));

        Assert.DoesNotContain(agentView, i => i.Action == AuditActions.QaReviewed);
        Assert.Contains(supervisorView, i => i.Action == AuditActions.QaReviewed);
        Assert.Equal(supervisorView.Count - 1, agentView.Count);
    }

    [Fact]
    public async Task NobodyShouldReviewTheirOwnReply()
    {
        var (id, _) = await ConversationWithHistoryAsync();
        Ok(await _app.Get<OwnershipService>().TakeOverAsync(_sana, id));
        Ok(await _app.Conversations.ReplyAsync(_sana, id, "Main Sana, shift lead. Aap ka order kal aaye ga."));
        var own = await SequenceOfAsync(id, AuditActions.MessageSent);

        Assert.Equal(ProblemCodes.Forbidden, (await Reviews.ReviewAsync(_sana, own, 5, "Perfect")).Problem?.Code);
    }

    [Fact]
    public async Task TheSnapshotShouldShowTheConversationAsItWasAtTheEventAndNothingLater()
    {
        var (id, firstReply) = await ConversationWithHistoryAsync();

        var snapshot = Ok(await Queries.SnapshotAsync(_imran, firstReply));

        Assert.Equal(ReviewedWork.Reply, snapshot.Work);
        Assert.Equal(_ayesha.AgentId, snapshot.AgentId);
        Assert.Equal(id, snapshot.Conversation.Id);
        Assert.Equal("Nida Pervez", snapshot.Conversation.Contact.Name);
        Assert.Equal(["Order ZF-48213 kab aayega?", "Ji, main check karti hoon"], snapshot.Messages.Select(m => m.Body));
        Assert.Equal(snapshot.SubjectId, snapshot.Messages[^1].Id);
        Assert.Empty(snapshot.Notes);
        Assert.All(snapshot.Activity, a => Assert.True(a.Sequence <= firstReply));
        Assert.Equal(firstReply, snapshot.Activity[^1].Sequence);
        Assert.Empty(snapshot.Reviews);

        var note = await SequenceOfAsync(id, AuditActions.NoteAdded);
        Ok(await _app.Get<HandoffService>().HandOffAsync(_ayesha, id, new HandoffTarget(null, _ops.Id), "Courier check please: TCS says tomorrow."));
        var later = Ok(await Queries.SnapshotAsync(_imran, await SequenceOfAsync(id, AuditActions.HandoffCreated)));
        Assert.Equal(4, later.Messages.Count);
        Assert.Equal(["TCS tracking shows in Lahore hub", "Called TCS: delivery tomorrow"], later.Notes.Select(n => n.Body));
        Assert.Contains(later.Activity, a => a.Sequence == note);
    }

    [Fact]
    public async Task ScoresShouldBeAveragedPerAgentForTheKpiPage()
    {
        var (id, firstReply) = await ConversationWithHistoryAsync();
        var secondReply = await SequenceOfAsync(id, AuditActions.MessageSent);
        Ok(await Reviews.ReviewAsync(_imran, firstReply, 5, "Great"));
        Ok(await Reviews.ReviewAsync(_sana, secondReply, 2, "Promised a date without checking"));

        var scores = Ok(await Queries.ScoresByAgentAsync(_imran));
        var ayesha = Assert.Single(scores);
        Assert.Equal((_ayesha.AgentId, 2, 3.5), (ayesha.AgentId, ayesha.Reviews, ayesha.AverageScore));
        Assert.Empty(Ok(await Queries.ScoresByAgentAsync(_omar)));
        Assert.Equal(2, Ok(await Queries.ReviewsOfAgentAsync(_sana, _ayesha.AgentId)).Count);
        Assert.Equal(ProblemCodes.Forbidden, (await Queries.ScoresByAgentAsync(_bilal)).Problem?.Code);
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, result.Problem?.Message);
        return result.Value!;
    }
}
