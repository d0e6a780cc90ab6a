using Bunit;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Core.Live;
using ShuttlePro.Core.Workspace;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;
using ShuttlePro.Web.Store.DirectoryFeature;
using ShuttlePro.Web.Store.WorkspaceFeature;

namespace ShuttlePro.Tests.Components;

/// <summary>Notes look internal, mentions autocomplete, pinned notes make the context card, canned replies fill in.</summary>
public sealed class NotesComponentTests : ComponentTestContext
{
    private static NoteView Note(ConversationSummary conversation, string body, bool pinned = false, params MentionView[] mentions) =>
        new(Guid.NewGuid(), conversation.Id, body, Guid.NewGuid(), "Ayesha Siddiqui", Now.AddMinutes(-2), pinned, mentions);

    [Fact]
    public void ANoteIsShownAsInternalNeverLikeACustomerMessage()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        var note = Note(conversation, "Leopards CN 4410293377", pinned: true, new MentionView(Guid.NewGuid(), null, "Hamza Sheikh"));
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation,
            [Message(conversation, "Order kab aayega?", MessageDirection.Inbound, minutesAgo: 5)], [note], [])));

        var cut = Render<ThreadView>();

        var rendered = cut.Find("[data-testid=note]");
        Assert.Contains("Internal note", rendered.TextContent);
        Assert.Contains("sp-note-pinned", rendered.ClassName);
        Assert.Equal("Leopards CN 4410293377", rendered.QuerySelector("[data-testid=note-body]")!.TextContent);
        Assert.Contains("@Hamza Sheikh", rendered.TextContent);
        Assert.Null(rendered.Closest("[data-testid=message]"));
        Assert.Single(cut.FindAll("[data-testid=message]"));

        rendered.QuerySelector("[data-testid=pin-note]")!.Click();
        var pin = Dispatched.OfType<PinNoteAction>().Single();
        Assert.False(pin.Pinned);
    }

    [Fact]
    public void HandoffsShowAsEventLinesWithTheirNote()
    {
        SignIn(Agent("Hamza Sheikh", Roles.Agent, new TeamView(2, "Ops")));
        var conversation = Conversation(1042, "Fatima Khan");
        var handoff = new HandoffView(Guid.NewGuid(), conversation.Id, Guid.NewGuid(), "Ayesha Siddiqui", Guid.NewGuid(), "Ayesha Siddiqui",
            1, "Support", null, null, 2, "Ops", "Courier returned it; please reattempt.", Now.AddMinutes(-1));
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, [], [], [handoff])));

        var cut = Render<ThreadView>();

        Assert.Equal("Ayesha Siddiqui → Ops", cut.Find("[data-testid=handoff-route]").TextContent);
        Assert.Equal("Courier returned it; please reattempt.", cut.Find("[data-testid=handoff-note]").TextContent);
    }

    [Fact]
    public void PinnedNotesFormTheContextCard()
    {
        SignIn(Agent("Bilal Ahmed", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        Store.Dispatch(new OpenConversationAction(conversation.Id));
        Store.Dispatch(new ConversationLoadedAction(new ConversationDetail(conversation, [],
            [Note(conversation, "Order ZF-48213", pinned: true), Note(conversation, "Called the courier, no answer"), Note(conversation, "TCS 77310245", pinned: true)], [])));

        var cut = Render<ContextPanel>();

        Assert.Equal(["Order ZF-48213", "TCS 77310245"],
            cut.FindAll("[data-testid=context-card-note]").Select(n => n.FirstElementChild!.TextContent));
    }

    [Fact]
    public void TypingAtInANoteOffersAgentsAndTeamsAndCompletesTheMention()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        Store.Dispatch(new DirectoryLoadedAction([me, Agent("Hamza Sheikh", Roles.Agent, new TeamView(2, "Ops")), Agent("Bilal Ahmed", Roles.Agent, Support)],
            [Support, new TeamView(2, "Ops")]));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);
        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        cut.Find("[data-testid=mode-note]").Click();
        cut.Find("textarea").Input("Please check @ha");

        var options = cut.FindAll("[data-testid=mention-option]");
        Assert.Equal(["Hamza Sheikh"], options.Select(o => o.GetAttribute("data-name")));
        options[0].Click();
        Assert.Equal("Please check @Hamza Sheikh ", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));

        cut.Find("[data-testid=add-note-button]").Click();
        var write = Dispatched.OfType<WriteNoteAction>().Single();
        Assert.Equal("Please check @Hamza Sheikh ", write.Body);
        Assert.Empty(Dispatched.OfType<SendReplyAction>());
    }

    [Fact]
    public void AParticipantCanOnlyWriteNotes()
    {
        SignIn(Agent("Hamza Sheikh", Roles.Agent, new TeamView(2, "Ops")));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation);

        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        Assert.Equal("note", cut.Find("[data-testid=composer]").GetAttribute("data-mode"));
        Assert.Empty(cut.FindAll("[data-testid=send-button]"));
    }

    [Fact]
    public void ASlashShortcutOffersCannedRepliesFilledForThisCustomer()
    {
        var me = Agent("Ayesha Siddiqui", Roles.Agent, Support);
        SignIn(me);
        Store.Dispatch(new WorkspaceLoadedAction([], [new CannedResponseView(Guid.NewGuid(), "cod", "COD", "{{contact.first_name}}, COD available hai.", true)]));
        var conversation = Conversation(1042, "Fatima Khan", ownerId: me.Id, ownerName: me.Name);
        OpenThread(conversation);
        var cut = Render<Composer>(p => p.Add(c => c.Conversation, conversation));

        cut.Find("textarea").Input("/co");
        cut.Find("[data-testid=canned-option]").Click();

        Assert.Equal("Fatima, COD available hai.", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
    }
}
