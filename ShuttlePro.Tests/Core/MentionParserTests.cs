using ShuttlePro.Core.Collaboration;

namespace ShuttlePro.Tests.Core;

public sealed class MentionParserTests
{
    private static readonly MentionParser.Candidate Hamza = new(MentionKind.Agent, Guid.NewGuid().ToString(), "Hamza Sheikh", ["Hamza Sheikh", "hamza"]);
    private static readonly MentionParser.Candidate Ham = new(MentionKind.Agent, Guid.NewGuid().ToString(), "Ham Ali", ["Ham Ali", "ham"]);
    private static readonly MentionParser.Candidate Ops = new(MentionKind.Team, "2", "Ops", ["Ops", "Ops team"]);
    private static readonly MentionParser.Candidate[] Everyone = [Hamza, Ham, Ops];

    private static IReadOnlyList<Mention> Parse(string text) => MentionParser.Parse(text, Everyone);

    [Theory]
    [InlineData("@Hamza Sheikh please check", "Hamza Sheikh", "@Hamza Sheikh")]
    [InlineData("@hamza please check", "Hamza Sheikh", "@hamza")]
    [InlineData("ping @HAMZA, thanks", "Hamza Sheikh", "@HAMZA")]
    [InlineData("@ops please call Trax", "Ops", "@ops")]
    [InlineData("@Ops team please call Trax", "Ops", "@Ops team")]
    public void FindsAgentsAndTeamsByTheirNames(string text, string name, string written)
    {
        var mention = Assert.Single(Parse(text));
        Assert.Equal((name, written), (mention.Name, mention.Text));
    }

    [Fact]
    public void TheLongestNameThatFitsWins() => Assert.Equal("Hamza Sheikh", Assert.Single(Parse("@hamza")).Name);

    [Theory]
    [InlineData("write to hamza@shuttlepro.test")]
    [InlineData("@hamzat is not anyone")]
    [InlineData("no mention here")]
    [InlineData("@")]
    public void IgnoresWhatIsNotAMention(string text) => Assert.Empty(Parse(text));

    [Fact]
    public void FindsSeveralMentions()
    {
        var mentions = Parse("@hamza and @Ops: courier CN 4410293377, @ham too");

        Assert.Equal(["Hamza Sheikh", "Ops", "Ham Ali"], mentions.Select(m => m.Name));
        Assert.Equal(MentionKind.Team, mentions[1].Kind);
        Assert.Equal(2, mentions[1].TeamId);
    }
}
