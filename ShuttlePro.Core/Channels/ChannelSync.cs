using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Channels.WhatsApp;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Channels;

public sealed record ChannelView(int Id, string Name, string PhoneNumberId, string DisplayPhoneNumber, string Brand, int DefaultTeamId,
    string DefaultTeamName, bool HasCredentials, string? AccessTokenHint, IReadOnlyList<TemplateView> Templates);

public sealed record TemplateView(Guid Id, string Name, string Language, string Body, int ParameterCount);

/// <summary>
/// The numbers we serve: <c>WhatsApp:Channels</c> synchronised into the Channel table at start (brands and teams created
/// when missing, tokens stored protected, templates set), and what admins see and edit.
/// </summary>
public sealed class ChannelDirectory(IDbContextFactory<ShuttleDbContext> dbFactory, UnitOfWork unitOfWork, ChannelSecrets secrets,
    IOptionsMonitor<WhatsAppOptions> options, TimeProvider clock, ILogger<ChannelDirectory> logger)
{
    public async Task SyncFromSettingsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var settings in options.CurrentValue.Channels.Where(c => !string.IsNullOrWhiteSpace(c.PhoneNumberId)))
        {
            // Protected before the transaction: the first Protect creates the Data Protection key, which is saved to this
            // database by a context of its own and would wait for this transaction's write lock on SQLite.
            var token = string.IsNullOrWhiteSpace(settings.AccessToken) ? null : settings.AccessToken.Trim();
            var protectedToken = token is null ? null : secrets.Protect(token);
            var result = await unitOfWork.RunAsync<bool>(async db =>
            {
                // A new channel is saved before its templates: one transaction for both saves and the audit event.
                await using var transaction = await db.BeginAuditedTransactionAsync(cancellationToken);
                var brandName = string.IsNullOrWhiteSpace(settings.Brand) ? "Default brand" : settings.Brand.Trim();
                var teamName = string.IsNullOrWhiteSpace(settings.Team) ? "Support" : settings.Team.Trim();
                var brand = await db.Brands.FirstOrDefaultAsync(b => b.Name == brandName, cancellationToken) ?? db.Brands.Add(new Brand(brandName)).Entity;
                var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == teamName, cancellationToken) ?? db.Teams.Add(new Team(teamName)).Entity;
                var name = string.IsNullOrWhiteSpace(settings.Name) ? $"{brandName} WhatsApp" : settings.Name.Trim();
                var channel = await db.Channels.Include(c => c.Templates).FirstOrDefaultAsync(c => c.PhoneNumberId == settings.PhoneNumberId, cancellationToken);
                if (channel is null)
                {
                    channel = new Channel(brand, name, settings.PhoneNumberId.Trim(), settings.DisplayPhoneNumber, team);
                    db.Channels.Add(channel);
                    await db.SaveChangesAsync(cancellationToken); // templates need the channel's id
                }
                else
                {
                    channel.Update(name, settings.DisplayPhoneNumber, brand, team);
                }
                if (token is not null) channel.SetAccessToken(protectedToken!, ChannelSecrets.Hint(token));
                foreach (var template in settings.Templates) channel.SetTemplate(template.Name, template.Language, template.Body);
                db.Record(Actor.System, AuditActions.ChannelSynchronised, AuditSubjects.Channel, settings.PhoneNumberId, clock.GetUtcNow(),
                    after: new { name, brand = brandName, team = teamName, templates = settings.Templates.Count, token = channel.AccessTokenHint });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Committed<bool>(true);
            }, cancellationToken);
            if (!result.Succeeded) logger.LogError("WhatsApp channel {PhoneNumberId} could not be synchronised: {Problem}", settings.PhoneNumberId, result.Problem.Message);
        }
    }

    public async Task<IReadOnlyList<ChannelView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().Include(c => c.Brand).Include(c => c.DefaultTeam).Include(c => c.Templates)
            .OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return channels.Select(ToView).ToList();
    }

    /// <summary>The approved templates of the number a conversation is on (what can be sent once the 24-hour window closed).</summary>
    public async Task<Result<IReadOnlyList<TemplateView>>> TemplatesForConversationAsync(Actor actor, Guid conversationId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.ChannelId, Access = new ConversationAccess(c.TeamId, c.Participants.Select(p => p.AgentId).ToList()) })
            .FirstOrDefaultAsync(cancellationToken);
        if (conversation is null || !conversation.Access.IsVisibleTo(actor)) return Problem.NotFound("The conversation");
        var channelId = conversation.ChannelId;
        var templates = await db.MessageTemplates.AsNoTracking().Where(t => t.ChannelId == channelId).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return templates.Select(t => new TemplateView(t.Id, t.Name, t.Language, t.Body, t.ParameterCount)).ToList();
    }

    /// <summary>Admins edit a number: its name, default team, access token (write-only) and templates.</summary>
    public Task<Result<ChannelView>> UpdateAsync(Actor actor, int channelId, string? name, int? defaultTeamId, string? newAccessToken,
        CancellationToken cancellationToken = default) =>
        EditAsync(actor, channelId, async (db, channel) =>
        {
            var team = defaultTeamId is { } id ? await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : channel.DefaultTeam;
            if (team is null) return Problem.Validation("That team does not exist.");
            channel.Update(name ?? channel.Name, channel.DisplayPhoneNumber, channel.Brand, team);
            if (!string.IsNullOrWhiteSpace(newAccessToken))
                channel.SetAccessToken(secrets.Protect(newAccessToken.Trim()), ChannelSecrets.Hint(newAccessToken.Trim()));
            return new ChannelEdit(null, new { channel.Name, defaultTeam = team.Name, tokenChanged = !string.IsNullOrWhiteSpace(newAccessToken) });
        }, cancellationToken);

    public Task<Result<ChannelView>> SaveTemplateAsync(Actor actor, int channelId, string name, string language, string body,
        CancellationToken cancellationToken = default) =>
        EditAsync(actor, channelId, (_, channel) =>
        {
            var existing = channel.Templates.FirstOrDefault(t => t.Name == name && t.Language == language);
            var before = existing is null ? null : new { template = existing.Name, existing.Language, existing.Body };
            var template = channel.SetTemplate(name, language, body);
            return Task.FromResult<Result<ChannelEdit>>(new ChannelEdit(before, new { template = template.Name, template.Language, template.Body },
                AuditActions.TemplateSaved, template.Id));
        }, cancellationToken);

    public Task<Result<ChannelView>> RemoveTemplateAsync(Actor actor, int channelId, Guid templateId, CancellationToken cancellationToken = default) =>
        EditAsync(actor, channelId, (_, channel) =>
        {
            var template = channel.Templates.FirstOrDefault(t => t.Id == templateId);
            return Task.FromResult<Result<ChannelEdit>>(template is null || !channel.RemoveTemplate(templateId)
                ? Problem.NotFound("The template")
                : new ChannelEdit(new { template = template.Name, template.Language, template.Body }, new { removed = true },
                    AuditActions.TemplateRemoved, template.Id));
        }, cancellationToken);

    /// <summary>What an edit changed; a template edit is audited on the template (with its channel), not as a channel edit.</summary>
    private sealed record ChannelEdit(object? Before, object After, string Action = AuditActions.ChannelUpdated, Guid? TemplateId = null);

    /// <summary>An admin's change to one channel, with its audit event, in one commit.</summary>
    private Task<Result<ChannelView>> EditAsync(Actor actor, int channelId, Func<ShuttleDbContext, Channel, Task<Result<ChannelEdit>>> edit,
        CancellationToken cancellationToken) =>
        unitOfWork.RunAsync<ChannelView>(async db =>
        {
            if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins change channels and their templates.");
            var channel = await db.Channels.Include(c => c.Brand).Include(c => c.DefaultTeam).Include(c => c.Templates)
                .FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
            if (channel is null) return Problem.NotFound("The channel");
            var change = await edit(db, channel);
            if (!change.Succeeded) return change.Problem;
            var channelKey = channel.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (change.Value.TemplateId is { } templateId)
                db.Record(actor, change.Value.Action, AuditSubjects.Template, templateId.ToString(), clock.GetUtcNow(),
                    before: change.Value.Before is null ? null : new { channelId = channelKey, channel = channel.Name, change.Value.Before },
                    after: new { channelId = channelKey, channel = channel.Name, change.Value.After });
            else
                db.Record(actor, change.Value.Action, AuditSubjects.Channel, channelKey, clock.GetUtcNow(), before: change.Value.Before, after: change.Value.After);
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<ChannelView>(ToView(channel));
        }, cancellationToken);

    public async Task<IReadOnlyList<DeadLetterView>> DeadLettersAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!Permissions.MayConfigure(actor)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DeadLetters.AsNoTracking().OrderByDescending(d => d.ReceivedAt).Take(200)
            .Select(d => new DeadLetterView(d.Id, d.PhoneNumberId, d.Reason, d.Payload, d.ReceivedAt)).ToListAsync(cancellationToken);
    }

    private static ChannelView ToView(Channel c) => new(c.Id, c.Name, c.PhoneNumberId, c.DisplayPhoneNumber, c.Brand.Name, c.DefaultTeamId,
        c.DefaultTeam.Name, c.HasCredentials, c.AccessTokenHint,
        c.Templates.OrderBy(t => t.Name).Select(t => new TemplateView(t.Id, t.Name, t.Language, t.Body, t.ParameterCount)).ToList());
}
