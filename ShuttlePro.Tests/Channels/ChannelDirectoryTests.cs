using Microsoft.EntityFrameworkCore;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;

namespace ShuttlePro.Tests.Channels;

/// <summary><c>WhatsApp:Channels</c> synchronised into the Channel table, and admins' edits of numbers and templates.</summary>
public sealed class ChannelDirectoryTests : IAsyncLifetime
{
    private TestServices _app = null!;

    public async Task InitializeAsync() =>
        _app = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["WhatsApp:Channels:0:PhoneNumberId"] = "200000000000001",
            ["WhatsApp:Channels:0:DisplayPhoneNumber"] = "+92 42 111 222 333",
            ["WhatsApp:Channels:0:Brand"] = "Khaadi Outlet",
            ["WhatsApp:Channels:0:Team"] = "Retail",
            ["WhatsApp:Channels:0:AccessToken"] = "EAAG-secret-token-9911",
            ["WhatsApp:Channels:0:Templates:0:Name"] = "order_update",
            ["WhatsApp:Channels:0:Templates:0:Body"] = "Hello {{1}}, order {{2}} shipped.",
            ["WhatsApp:Channels:1:PhoneNumberId"] = "200000000000002",
            ["WhatsApp:Channels:1:DisplayPhoneNumber"] = "+92 42 111 222 444",
            ["WhatsApp:Channels:1:Brand"] = "Khaadi Outlet",
            ["WhatsApp:Channels:1:Team"] = "Retail",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ChannelDirectory Channels => _app.Get<ChannelDirectory>();

    [Fact]
    public async Task NumbersBrandsAndTeamsAreCreatedOnceAndTokensKeptProtected()
    {
        await Channels.SyncFromSettingsAsync();
        await Channels.SyncFromSettingsAsync(); // every start: idempotent

        var channels = await Channels.ListAsync();
        Assert.Equal(["200000000000001", "200000000000002"], channels.Select(c => c.PhoneNumberId).Order());
        Assert.All(channels, c => Assert.Equal(("Khaadi Outlet", "Retail"), (c.Brand, c.DefaultTeamName)));
        var first = channels.Single(c => c.PhoneNumberId == "200000000000001");
        Assert.Equal((true, "…9911"), (first.HasCredentials, first.AccessTokenHint));
        Assert.Equal("order_update", Assert.Single(first.Templates).Name);
        Assert.Equal(2, Assert.Single(first.Templates).ParameterCount);
        Assert.False(channels.Single(c => c.PhoneNumberId == "200000000000002").HasCredentials);

        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.Brands.CountAsync());
        Assert.Equal(1, await db.Teams.CountAsync());
        Assert.DoesNotContain(await db.Channels.Select(c => c.ProtectedAccessToken).ToListAsync(), t => t != null && t.Contains("EAAG-secret"));
    }

    [Fact]
    public async Task OnlyAdminsEditChannelsAndTemplatesAndEveryEditIsAudited()
    {
        await Channels.SyncFromSettingsAsync();
        var channel = (await Channels.ListAsync()).First();
        var team = (await _app.DbAsync()).Teams.First();
        var admin = await _app.CreateAgentAsync("Admin", Roles.Admin, team);
        var lead = await _app.CreateAgentAsync("Sana", Roles.ShiftLead, team);

        Assert.Equal(ProblemCodes.Forbidden, (await Channels.SaveTemplateAsync(lead, channel.Id, "follow_up", "en", "Hi {{1}}")).Problem!.Code);
        Assert.Equal(ProblemCodes.Validation, (await Channels.SaveTemplateAsync(admin, channel.Id, "Follow Up!", "en", "Hi")).Problem!.Code);

        var saved = await Channels.SaveTemplateAsync(admin, channel.Id, "follow_up", "ur", "Salam {{1}}, koi madad?");
        Assert.True(saved.Succeeded);
        var token = await Channels.UpdateAsync(admin, channel.Id, null, null, "EAAG-new-token-0042");
        Assert.Equal("…0042", token.Value!.AccessTokenHint);
        var removed = await Channels.RemoveTemplateAsync(admin, channel.Id, saved.Value!.Templates.Single(t => t.Name == "follow_up").Id);
        Assert.DoesNotContain(removed.Value!.Templates, t => t.Name == "follow_up");

        await using var db = await _app.DbAsync();
        string[] actions = [AuditActions.ChannelUpdated, AuditActions.TemplateSaved, AuditActions.TemplateRemoved];
        var edits = await db.AuditEvents.Where(a => actions.Contains(a.Action)).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([AuditActions.TemplateSaved, AuditActions.ChannelUpdated, AuditActions.TemplateRemoved], edits.Select(e => e.Action));
        Assert.Contains("Salam {{1}}", edits[2].Before);
        Assert.All(edits, e => Assert.DoesNotContain("EAAG-new-token", e.After ?? ""));
    }
}
