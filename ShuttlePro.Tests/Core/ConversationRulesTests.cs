using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Tests.Core;

/// <summary>The conversation entity guards ownership, replies and status itself, without a database.</summary>
public sealed class ConversationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private const int SupportTeamId = 0; // unsaved entities have id 0

    private static readonly Actor Ayesha = Agent("Ayesha", Roles.Agent, SupportTeamId);
    private static readonly Actor Bilal = Agent("Bilal", Roles.Agent, SupportTeamId);
    private static readonly Actor Sana = Agent("Sana", Roles.ShiftLead, SupportTeamId);
    private static readonly Actor Hamza = Agent("Hamza", Roles.Agent, 7);
    private static readonly Actor Imran = Agent("Imran", Roles.Supervisor);

    private static Actor Agent(string name, string role, params int[] teams) =>
        new(Guid.NewGuid(), name, new HashSet<string> { role }, teams.ToHashSet());

    private static Conversation NewConversation()
    {
        var team = new Team("Support");
        var channel = new Channel(new Brand("Zeenat Fashion"), "Zeenat WhatsApp", "1001", "+92 300 1112233", team);
        var conversation = Conversation.Start(1042, channel, new Contact("923001234567", "Fatima"), T0);
        conversation.ReceiveCustomerMessage("wamid.1", MessageType.Text, "Order kab aayega?", T0);
        return conversation;
    }

    private static Problem Refusal(Action action) => Assert.Throws<DomainException>(action).Problem;

    [Fact]
    public void ReplyingToAnUnownedConversationTakesIt()
    {
        var conversation = NewConversation();

        var reply = conversation.Reply(Ayesha, "Kal tak pohanch jayega", T0.AddMinutes(2));

        Assert.Equal(Ayesha.AgentId, conversation.OwnerId);
        Assert.Equal(MessageDirection.Outbound, reply.Direction);
        Assert.Equal(DeliveryStatus.Pending, reply.Status);
        Assert.Equal(Ayesha.AgentId, reply.AuthorId);
    }

    [Fact]
    public void OnlyTheOwnerMayReply()
    {
        var conversation = NewConversation();
        conversation.Reply(Ayesha, "First", T0.AddMinutes(1));

        var refusal = Refusal(() => conversation.Reply(Bilal, "Second opinion", T0.AddMinutes(2)));

        Assert.Equal(ProblemCodes.NotOwner, refusal.Code);
        Assert.Equal(Ayesha.AgentId, refusal.Details!["ownerId"]);
        Assert.Equal(Ayesha.AgentId, conversation.OwnerId);
    }

    [Fact]
    public void AnAgentOfAnotherTeamDoesNotEvenLearnTheConversationExists()
    {
        var conversation = NewConversation();

        Assert.Equal(ProblemCodes.NotFound, Refusal(() => conversation.Reply(Hamza, "Hi", T0)).Code);
        Assert.Equal(ProblemCodes.NotFound, Refusal(() => conversation.Resolve(Hamza, T0)).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void AnEmptyReplyIsRefused(string body)
    {
        var conversation = NewConversation();

        Assert.Equal(ProblemCodes.Validation, Refusal(() => conversation.Reply(Ayesha, body, T0)).Code);
        Assert.Null(conversation.OwnerId);
    }

    [Fact]
    public void AReplyLongerThanWhatsAppAllowsIsRefused()
    {
        var conversation = NewConversation();

        Assert.Equal(ProblemCodes.Validation, Refusal(() => conversation.Reply(Ayesha, new string('a', 4097), T0)).Code);
        conversation.Reply(Ayesha, new string('a', 4096), T0);
    }

    [Fact]
    public void ACustomerMessageStartsTheWaitAndTheFirstReplyEndsIt()
    {
        var conversation = NewConversation();
        conversation.ReceiveCustomerMessage("wamid.2", MessageType.Text, "Hello?", T0.AddMinutes(5));
        Assert.Equal(T0, conversation.AwaitingReplySince); // the oldest unanswered message counts

        conversation.Reply(Ayesha, "Ji, bataiye", T0.AddMinutes(6));
        conversation.Reply(Ayesha, "Order dispatch ho gaya", T0.AddMinutes(7));

        Assert.Null(conversation.AwaitingReplySince);
        Assert.Equal(T0.AddMinutes(6), conversation.FirstResponseAt);
        Assert.Equal("Order dispatch ho gaya", conversation.LastMessagePreview);
        Assert.Equal(MessageDirection.Outbound, conversation.LastMessageDirection);
    }

    [Fact]
    public void ACustomerWritingAgainReopensAResolvedConversation()
    {
        var conversation = NewConversation();
        conversation.Reply(Ayesha, "Done", T0.AddMinutes(1));
        Assert.True(conversation.Resolve(Ayesha, T0.AddMinutes(2)));
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);

        conversation.ReceiveCustomerMessage("wamid.3", MessageType.Text, "Ek aur sawal", T0.AddMinutes(30));

        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.ResolvedAt);
        Assert.Equal(T0.AddMinutes(30), conversation.AwaitingReplySince);
    }

    [Fact]
    public void OnlyTheOwnerOrALeadChangesTheStatusOfAnOwnedConversation()
    {
        var conversation = NewConversation();
        conversation.Reply(Ayesha, "Mine now", T0);

        Assert.Equal(ProblemCodes.NotOwner, Refusal(() => conversation.Resolve(Bilal, T0)).Code);
        Assert.True(conversation.MarkPending(Sana, T0.AddMinutes(1)));
        Assert.True(conversation.Reopen(Imran, T0.AddMinutes(2)));
        Assert.True(conversation.Resolve(Ayesha, T0.AddMinutes(3)));
    }

    [Fact]
    public void AnyTeamMemberMayChangeTheStatusOfAnUnownedConversation()
    {
        var conversation = NewConversation();

        Assert.True(conversation.Resolve(Bilal, T0));
        Assert.Null(conversation.OwnerId);
    }

    [Fact]
    public void AStatusAlreadySetIsNotAChange()
    {
        var conversation = NewConversation();
        var version = conversation.Version;

        Assert.False(conversation.Reopen(Ayesha, T0));
        Assert.Equal(version, conversation.Version);
    }

    [Fact]
    public void EveryChangeMovesTheConcurrencyToken()
    {
        var conversation = NewConversation();
        var versions = new List<int> { conversation.Version };

        conversation.ReceiveCustomerMessage("wamid.9", MessageType.Text, "?", T0.AddMinutes(1));
        versions.Add(conversation.Version);
        conversation.Reply(Ayesha, "!", T0.AddMinutes(2));
        versions.Add(conversation.Version);
        conversation.Resolve(Ayesha, T0.AddMinutes(3));
        versions.Add(conversation.Version);

        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public void DeliveryStatusesOnlyMoveForward()
    {
        var conversation = NewConversation();
        var reply = conversation.Reply(Ayesha, "Sent you the tracking number", T0);

        Assert.True(reply.MarkSent("wamid.out.1", T0));
        Assert.True(reply.AdvanceStatus(DeliveryStatus.Read, T0.AddSeconds(5)));
        Assert.False(reply.AdvanceStatus(DeliveryStatus.Delivered, T0.AddSeconds(6))); // arrived late
        Assert.Equal(DeliveryStatus.Read, reply.Status);
        Assert.Equal("wamid.out.1", reply.WaMessageId);
    }

    [Fact]
    public void InboundMessagesHaveNoDeliveryProgress()
    {
        var message = NewConversation().ReceiveCustomerMessage("wamid.4", MessageType.Text, "Hi", T0);

        Assert.Equal(DeliveryStatus.Received, message.Status);
        Assert.False(message.AdvanceStatus(DeliveryStatus.Read, T0));
    }

    [Theory]
    [InlineData("+92 300 123-4567", "923001234567")]
    [InlineData("923001234567", "923001234567")]
    public void WhatsAppIdsAreDigitsOnly(string input, string expected) =>
        Assert.Equal(expected, Contact.NormalizeWaId(input));

    [Fact]
    public void ABlankProfileNameNeverReplacesAKnownName()
    {
        var contact = new Contact("923001234567", "Fatima Khan");

        Assert.False(contact.UpdateProfileName("  "));
        Assert.True(contact.UpdateProfileName("Fatima K."));
        Assert.Equal("Fatima K.", contact.Name);
    }
}
