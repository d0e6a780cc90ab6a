using Bunit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;
using ShuttlePro.Web.Components.Pages.Inbox;
using ShuttlePro.Web.Store.ConversationFeature;

namespace ShuttlePro.Tests.Components;

public sealed class ThreadViewTests : ComponentTestContext
{
    [Fact]
    public void ShowsTheCustomersAndAgentsMessagesWithDeliveryStatus()
    {
        SignIn(Agent("Ayesha", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation,
            Message(conversation, "Order kab aayega?", MessageDirection.Inbound, minutesAgo: 10),
            Message(conversation, "Kal tak, InshaAllah", MessageDirection.Outbound, DeliveryStatus.Delivered, "Ayesha Siddiqui", minutesAgo: 5));

        var cut = Render<ThreadView>();

        var messages = cut.FindAll("[data-testid=message]");
        Assert.Equal(["inbound", "outbound"], messages.Select(m => m.GetAttribute("data-direction")));
        Assert.Equal("Order kab aayega?", messages[0].QuerySelector("[data-testid=message-body]")!.TextContent);
        Assert.Contains("Ayesha Siddiqui", messages[1].TextContent);
        Assert.Equal("Delivered", messages[1].QuerySelector("[data-testid=delivery-status]")!.GetAttribute("data-status"));
        Assert.Contains("Fatima Khan", cut.Find("[data-testid=thread-contact]").TextContent);
        Assert.Contains("Unowned", cut.Find("[data-testid=thread-owner]").TextContent);
    }

    [Fact]
    public async Task ALiveMessageAndOwnerChangeAppearInTheOpenThread()
    {
        SignIn(Agent("Bilal", Roles.Agent, Support));
        var conversation = Conversation(1042, "Fatima Khan");
        OpenThread(conversation, Message(conversation, "Hello?", MessageDirection.Inbound));
        var cut = Render<ThreadView>();

        var reply = Message(conversation, "Ji, bataiye", MessageDirection.Outbound, DeliveryStatus.Pending, "Ayesha Siddiqui", minutesAgo: 0);
        await Task.Run(() =>
        {
            Store.Dispatch(new LiveMessageAddedAction(reply));
            Store.Dispatch(new ShuttlePro.Web.Store.InboxFeature.LiveConversationUpdatedAction(
                conversation with { OwnerId = reply.AuthorId, OwnerName = "Ayesha Siddiqui", Version = 2 }));
        });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, cut.FindAll("[data-testid=message]").Count);
            Assert.Contains("Ayesha Siddiqui", cut.Find("[data-testid=thread-owner]").TextContent);
        });
    }

    [Fact]
    public void CustomerTextIsShownAsTextNeverAsMarkup()
    {
        SignIn(Agent("Ayesha", Roles.Agent, Support));
        var conversation = Conversation(1042, "<b>Fatima</b>");
        OpenThread(conversation, Message(conversation, "<script>alert(1)</script><img src=x onerror=alert(2)>", MessageDirection.Inbound));

        var cut = Render<ThreadView>();

        Assert.Empty(cut.FindAll("[data-testid=messages] script, [data-testid=messages] img, [data-testid=thread-contact] b"));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=message-body]").TextContent);
    }

    [Fact]
    public void AConversationOneMayNotSeeSaysItIsNotAvailable()
    {
        SignIn(Agent("Hamza", Roles.Agent));
        var id = Guid.NewGuid();
        Store.Dispatch(new OpenConversationAction(id));
        Store.Dispatch(new ConversationLoadFailedAction(id, Problem.NotFound("The conversation")));

        var cut = Render<ThreadView>();

        Assert.Contains("not found", cut.Find("[data-testid=thread-not-found]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=composer]"));
    }
}
