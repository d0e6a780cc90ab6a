using ShuttlePro.Core.Audit;

namespace ShuttlePro.Tests.Core;

/// <summary>Audit events read as sentences in the activity timeline and on the audit page.</summary>
public sealed class AuditDescriptionsTests
{
    private static readonly Guid Ayesha = Guid.NewGuid();

    private static (ActivityKind Kind, string Title, string? Detail) Describe(string action, string? before = null, string? after = null,
        Guid? actorId = null, string actorName = "Ayesha Siddiqui") =>
        AuditDescriptions.Describe(new AuditEntry(1, DateTimeOffset.UnixEpoch, actorId ?? Ayesha, actorName, action, "conversation", "x", null, 1,
            before, after, "", ""));

    [Fact]
    public void AHandoffToATeamNamesBothSidesAndCarriesItsNote()
    {
        var (kind, title, detail) = Describe(AuditActions.HandoffCreated, """{"ownerName":"Ayesha Siddiqui","team":"Support"}""",
            """{"toTeamId":2,"toTeam":"Ops","note":"Courier check for order #4411"}""");

        Assert.Equal(ActivityKind.Handoff, kind);
        Assert.Equal("Handoff: Ayesha Siddiqui → Ops (team)", title);
        Assert.Equal("Courier check for order #4411", detail);
    }

    [Fact]
    public void AHandoffToAnAgentNamesTheAgent() =>
        Assert.Equal("Handoff: Ayesha Siddiqui → Hamza Ali",
            Describe(AuditActions.HandoffCreated, """{"ownerName":"Ayesha Siddiqui"}""", """{"toAgent":"Hamza Ali","toTeam":"Ops"}""").Title);

    [Fact]
    public void AHandoffBySomeoneElseThanTheOwnerSaysWhoDidIt() =>
        Assert.Equal("Handoff by Imran Qureshi: Ayesha Siddiqui → Ops (team)",
            Describe(AuditActions.HandoffCreated, """{"ownerName":"Ayesha Siddiqui"}""", """{"toTeam":"Ops"}""", actorName: "Imran Qureshi").Title);

    [Theory]
    [InlineData(AuditActions.ConversationTaken, null, null, "Ayesha Siddiqui took the conversation")]
    [InlineData(AuditActions.ConversationAssigned, """{"ownerName":"Bilal Khan"}""", """{"ownerName":"Zara Hussain"}""",
        "Ayesha Siddiqui assigned it to Zara Hussain (from Bilal Khan)")]
    [InlineData(AuditActions.ConversationAutoReleased, """{"ownerName":"Bilal Khan"}""", """{"reason":"owner off shift"}""",
        "Back to the team queue: Bilal Khan is away")]
    [InlineData(AuditActions.ParticipantAdded, null, """{"name":"Hamza Ali","reason":"mentioned"}""", "Hamza Ali was brought in (mentioned)")]
    [InlineData(AuditActions.ParticipantAdded, null, """{"name":"Ayesha Siddiqui","reason":"handed off"}""",
        "Ayesha Siddiqui stays on the thread as a participant")]
    [InlineData(AuditActions.AgentStatusChanged, """{"status":"Offline"}""", """{"status":"Online","onShift":true}""", "Ayesha Siddiqui is now online, on shift")]
    [InlineData(AuditActions.SignInFailed, null, """{"method":"password","reason":"wrong password"}""", "Failed sign-in as Ayesha Siddiqui")]
    [InlineData(AuditActions.LabelAdded, null, """{"label":"COD"}""", "Ayesha Siddiqui added label COD")]
    [InlineData(AuditActions.MessageStatusChanged, """{"status":"Sent"}""", """{"status":"Read"}""", "Reply read")]
    public void OwnershipLabelsAndDeliveriesReadAsSentences(string action, string? before, string? after, string expected) =>
        Assert.Equal(expected, Describe(action, before, after).Title);

    [Fact]
    public void AFailedDeliveryShowsWhatsAppsReason()
    {
        var (kind, _, detail) = Describe(AuditActions.MessageFailed, null, """{"status":"Failed","errorCode":131026,"errorTitle":"Message undeliverable"}""");
        Assert.Equal(ActivityKind.Delivery, kind);
        Assert.Equal("Message undeliverable (131026)", detail);
    }

    [Fact]
    public void TicketChangesListWhatChanged() =>
        Assert.Equal("Status: Open → Solved, Priority: Normal → High",
            Describe(AuditActions.TicketUpdated, """{"Status":"Open","Priority":"Normal"}""", """{"Status":"Solved","Priority":"High"}""").Detail);

    [Fact]
    public void DataThatIsNotAnObjectIsNotAnError() =>
        Assert.Equal("Ayesha Siddiqui took the conversation", Describe(AuditActions.ConversationTaken, "not json", "[1,2]").Title);
}
