using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Tests.Core;

/// <summary>Take, assign, take over, release and hand over, as the conversation entity enforces them.</summary>
public sealed class OwnershipRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private const int Support = 0;
    private const int Ops = 7;

    private static readonly Actor Ayesha = Agent("Ayesha", Roles.Agent, Support);
    private static readonly Actor Bilal = Agent("Bilal", Roles.Agent, Support);
    private static readonly Actor Hamza = Agent("Hamza", Roles.Agent, Ops);
    private static readonly Actor Sana = Agent("Sana", Roles.ShiftLead, Support, Ops);
    private static readonly Actor OpsLead = Agent("Kashif", Roles.ShiftLead, Ops);
    private static readonly Actor Imran = Agent("Imran", Roles.Supervisor);

    private static Actor Agent(string name, string role, params int[] teams) =>
        new(Guid.NewGuid(), name, new HashSet<string> { role }, teams.ToHashSet());

    private static Conversation NewConversation()
    {
        var channel = new Channel(new Brand("Zeenat Fashion"), "Zeenat WhatsApp", "1001", "+92 300 1112233", new Team("Support"));
        return Conversation.Start(1042, channel, new Contact("923001234567", "Fatima"), T0);
    }

    private static Problem Refusal(Action action) => Assert.Throws<DomainException>(action).Problem;

    [Fact]
    public void AnyTeamAgentTakesAnUnownedConversation()
    {
        var conversation = NewConversation();
        var version = conversation.Version;

        Assert.True(conversation.Take(Bilal, T0));

        Assert.Equal(Bilal.AgentId, conversation.OwnerId);
        Assert.True(conversation.Version > version);
    }

    [Fact]
    public void TakingAnOwnedConversationIsRefusedNamingTheOwner()
    {
        var conversation = NewConversation();
        conversation.Take(Ayesha, T0);

        var refusal = Refusal(() => conversation.Take(Bilal, T0));

        Assert.Equal(ProblemCodes.AlreadyOwned, refusal.Code);
        Assert.Equal(Ayesha.AgentId, refusal.Details!["ownerId"]);
        Assert.Equal(Ayesha.AgentId, conversation.OwnerId);
    }

    [Fact]
    public void TakingWhatYouOwnChangesNothing()
    {
        var conversation = NewConversation();
        conversation.Take(Ayesha, T0);
        var version = conversation.Version;

        Assert.False(conversation.Take(Ayesha, T0));
        Assert.Equal(version, conversation.Version);
    }

    [Fact]
    public void AgentsOfOtherTeamsCannotTakeAndDoNotLearnItExists() =>
        Assert.Equal(ProblemCodes.NotFound, Refusal(() => NewConversation().Take(Hamza, T0)).Code);

    [Fact]
    public void LeadsAndSupervisorsAssignToSomeoneWhoCanSeeIt()
    {
        var conversation = NewConversation();

        Assert.True(conversation.Assign(Sana, Ayesha, T0));
        Assert.Equal(Ayesha.AgentId, conversation.OwnerId);
        Assert.True(conversation.Assign(Imran, Bilal, T0));
        Assert.Equal(Bilal.AgentId, conversation.OwnerId);
    }

    [Fact]
    public void AnAgentCannotAssign() =>
        Assert.Equal(ProblemCodes.Forbidden, Refusal(() => NewConversation().Assign(Ayesha, Bilal, T0)).Code);

    [Fact]
    public void ALeadOfAnotherTeamCannotAssignOrTakeOver()
    {
        var conversation = NewConversation();

        Assert.Equal(ProblemCodes.NotFound, Refusal(() => conversation.Assign(OpsLead, Hamza, T0)).Code);
        Assert.Equal(ProblemCodes.NotFound, Refusal(() => conversation.TakeOver(OpsLead, T0)).Code);
    }

    [Fact]
    public void TheAssigneeMustBeAbleToSeeTheConversation()
    {
        var refusal = Refusal(() => NewConversation().Assign(Sana, Hamza, T0));

        Assert.Equal(ProblemCodes.Validation, refusal.Code);
        Assert.Contains("Hamza", refusal.Message);
    }

    [Fact]
    public void ALeadTakesOverFromTheOwner()
    {
        var conversation = NewConversation();
        conversation.Take(Ayesha, T0);

        Assert.True(conversation.TakeOver(Sana, T0));
        Assert.Equal(Sana.AgentId, conversation.OwnerId);
        Assert.Equal(ProblemCodes.Forbidden, Refusal(() => conversation.TakeOver(Bilal, T0)).Code);
    }

    [Fact]
    public void TheOwnerOrALeadReleasesToTheQueue()
    {
        var conversation = NewConversation();
        conversation.Take(Ayesha, T0);

        Assert.Equal(ProblemCodes.Forbidden, Refusal(() => conversation.Release(Bilal, T0)).Code);
        Assert.True(conversation.Release(Ayesha, T0));
        Assert.Null(conversation.OwnerId);
        Assert.False(conversation.Release(Sana, T0)); // already in the queue

        conversation.Take(Bilal, T0);
        Assert.True(conversation.Release(Sana, T0));
    }

    [Fact]
    public void TheOwnerHandsOverButOthersCannot()
    {
        var conversation = NewConversation();
        conversation.Take(Ayesha, T0);

        Assert.Equal(ProblemCodes.Forbidden, Refusal(() => conversation.HandOver(Bilal, Bilal, T0)).Code);
        Assert.True(conversation.HandOver(Ayesha, Bilal, T0));
        Assert.Equal(Bilal.AgentId, conversation.OwnerId);
    }

    [Fact]
    public void TheApplicationItselfNeverOwnsAConversation() =>
        Assert.Equal(ProblemCodes.Forbidden, Refusal(() => NewConversation().Take(Actor.System, T0)).Code);
}
