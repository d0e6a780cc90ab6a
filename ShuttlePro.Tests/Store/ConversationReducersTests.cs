using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.InboxFeature;

namespace ShuttlePro.Tests.Store;

public sealed class ConversationReducersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static MessageView Message(Guid conversationId, int minute, DeliveryStatus status = DeliveryStatus.Sent, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), conversationId, MessageDirection.Outbound, MessageType.Text, $"at {minute}", Guid.NewGuid(), "Ayesha",
            T0.AddMinutes(minute), status);

    private static ConversationState Open(ConversationSummary summary, params MessageView[] messages)
    {
        var state = ConversationReducers.OnOpen(ConversationState.Initial, new OpenConversationAction(summary.Id));
        return ConversationReducers.OnLoaded(state, new ConversationLoadedAction(new ConversationDetail(summary, messages)));
    }

    [Fact]
    public void LiveMessagesOfTheOpenThreadAreAddedInTimeOrderOnce()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var state = Open(summary, Message(summary.Id, 1), Message(summary.Id, 5));
        var late = Message(summary.Id, 3);

        state = ConversationReducers.OnMessageAdded(state, new LiveMessageAddedAction(late));
        state = ConversationReducers.OnMessageAdded(state, new LiveMessageAddedAction(late));

        Assert.Equal(["at 1", "at 3", "at 5"], state.Messages.Select(m => m.Body));
    }

    [Fact]
    public void MessagesOfOtherConversationsAreIgnored()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var state = Open(summary);

        Assert.Same(state, ConversationReducers.OnMessageAdded(state, new LiveMessageAddedAction(Message(Guid.NewGuid(), 1))));
    }

    [Fact]
    public void ADeliveryUpdateReplacesTheMessageButNeverGoesBackwards()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var message = Message(summary.Id, 1, DeliveryStatus.Sent);
        var state = Open(summary, message);

        state = ConversationReducers.OnMessageUpdated(state, new LiveMessageUpdatedAction(message with { Status = DeliveryStatus.Read }));
        state = ConversationReducers.OnMessageUpdated(state, new LiveMessageUpdatedAction(message with { Status = DeliveryStatus.Delivered }));

        Assert.Equal(DeliveryStatus.Read, Assert.Single(state.Messages).Status);
    }

    [Fact]
    public void ARefusedReplyKeepsTheDraftAndSaysWhy()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var state = Open(summary);
        state = ConversationReducers.OnUpdateDraft(state, new UpdateDraftAction(summary.Id, "Kal tak aa jayega"));
        state = ConversationReducers.OnSend(state, new SendReplyAction(summary.Id, "Kal tak aa jayega"));
        Assert.True(state.Sending);

        state = ConversationReducers.OnSendFailed(state, new ReplyFailedAction(summary.Id, new Problem(ProblemCodes.NotOwner, "Bilal owns it")));

        Assert.False(state.Sending);
        Assert.Equal("Bilal owns it", state.ActionProblem!.Message);
        Assert.Equal("Kal tak aa jayega", state.DraftFor(summary.Id));
    }

    [Fact]
    public void ASentReplyClearsTheDraftAndShowsTheMessage()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var state = ConversationReducers.OnUpdateDraft(Open(summary), new UpdateDraftAction(summary.Id, "Done"));
        state = ConversationReducers.OnSend(state, new SendReplyAction(summary.Id, "Done"));
        var sent = Message(summary.Id, 2);

        state = ConversationReducers.OnSent(state, new ReplySentAction(summary.Id, sent));

        Assert.Equal("", state.DraftFor(summary.Id));
        Assert.Equal(sent.Id, Assert.Single(state.Messages).Id);
    }

    [Fact]
    public void DraftsSurviveSwitchingConversations()
    {
        var first = InboxReducersTests.Summary(1001, 0);
        var second = InboxReducersTests.Summary(1002, 0);
        var state = ConversationReducers.OnUpdateDraft(Open(first), new UpdateDraftAction(first.Id, "half-written"));

        state = ConversationReducers.OnOpen(state, new OpenConversationAction(second.Id));
        state = ConversationReducers.OnClose(state, new CloseConversationAction());

        Assert.Equal("half-written", state.DraftFor(first.Id));
    }

    [Fact]
    public void TheHeaderFollowsLiveSummaryUpdatesButNotStaleOnes()
    {
        var summary = InboxReducersTests.Summary(1001, 0, version: 2);
        var state = Open(summary);

        var taken = ConversationReducers.OnConversationUpdated(state,
            new LiveConversationUpdatedAction(summary with { OwnerId = Guid.NewGuid(), OwnerName = "Ayesha", Version = 3 }));
        var stale = ConversationReducers.OnConversationUpdated(taken, new LiveConversationUpdatedAction(summary with { Version = 1 }));

        Assert.Equal("Ayesha", taken.Summary!.OwnerName);
        Assert.Equal("Ayesha", stale.Summary!.OwnerName);
    }

    [Fact]
    public void TheTemplatesOfTheOpenThreadsNumberComeWithItAndGoWhenAnotherThreadOpens()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var template = new ShuttlePro.Core.Channels.TemplateView(Guid.NewGuid(), "follow_up", "en", "Hi {{1}}", 1);
        var state = ConversationReducers.OnOpen(ConversationState.Initial, new OpenConversationAction(summary.Id));
        state = ConversationReducers.OnLoaded(state, new ConversationLoadedAction(new ConversationDetail(summary, []), [template]));
        Assert.Equal([template], state.Templates);

        state = ConversationReducers.OnOpen(state, new OpenConversationAction(InboxReducersTests.Summary(1002, 0).Id));

        Assert.Empty(state.Templates);
    }

    [Fact]
    public void ASentTemplateLeavesTheFreeTextDraftAloneWhileASentReplyClearsIt()
    {
        var summary = InboxReducersTests.Summary(1001, 0);
        var state = ConversationReducers.OnUpdateDraft(Open(summary), new UpdateDraftAction(summary.Id, "half-written answer"));

        var afterTemplate = ConversationReducers.OnSent(state, new ReplySentAction(summary.Id, Message(summary.Id, 1), KeepDraft: true));
        var afterReply = ConversationReducers.OnSent(state, new ReplySentAction(summary.Id, Message(summary.Id, 1)));

        Assert.Equal("half-written answer", afterTemplate.DraftFor(summary.Id));
        Assert.Equal("", afterReply.DraftFor(summary.Id));
    }

    [Fact]
    public void ARefusedRetryIsShownToTheAgent()
    {
        var summary = InboxReducersTests.Summary(1001, 0);

        var state = ConversationReducers.OnRetryFailed(Open(summary), new MessageRetryFailedAction(summary.Id, Problem.Forbidden("Only the owner")));

        Assert.Equal(ProblemCodes.Forbidden, state.ActionProblem!.Code);
    }
}
