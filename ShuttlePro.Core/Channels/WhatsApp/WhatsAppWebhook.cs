using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Data;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Core.Channels.WhatsApp;

public enum WebhookVerdict
{
    Accepted,
    Unauthorized,
    Malformed,
}

public sealed record WebhookResult(WebhookVerdict Verdict, string Detail, int Messages = 0, int Duplicates = 0, int Statuses = 0, int DeadLettered = 0);

/// <summary>
/// The WhatsApp webhook: verification of the subscription, then for each delivery the signature (nothing is stored for
/// a missing or wrong one), the payload, and ingestion — messages exactly once (the wamid is unique), statuses in any
/// order, changes for numbers we do not serve kept as dead letters.
/// </summary>
public sealed class WhatsAppWebhook(IOptionsMonitor<WhatsAppOptions> options, Conversations.InboundIngestion ingestion,
    DeliveryService delivery, UnitOfWork unitOfWork, TimeProvider clock, ILogger<WhatsAppWebhook> logger)
{
    /// <summary>Meta's subscription check: the challenge when mode and token match, otherwise null (403).</summary>
    public string? Verify(string? mode, string? verifyToken, string? challenge)
    {
        var expected = options.CurrentValue.VerifyToken;
        return mode == "subscribe" && !string.IsNullOrEmpty(expected) && challenge is not null
               && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                   System.Text.Encoding.UTF8.GetBytes(verifyToken ?? ""), System.Text.Encoding.UTF8.GetBytes(expected))
            ? challenge
            : null;
    }

    /// <summary>
    /// Handles one delivery. Accepted means everything in it is committed (or was already): Meta may be answered 200.
    /// </summary>
    public async Task<WebhookResult> HandleAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken = default)
    {
        if (!WebhookSignature.IsValid(body.Span, signature, options.CurrentValue.AppSecret))
            return new WebhookResult(WebhookVerdict.Unauthorized, "Missing or wrong X-Hub-Signature-256.");
        IReadOnlyList<WebhookChange> changes;
        try
        {
            changes = WebhookParser.Parse(body.Span);
        }
        catch (WebhookFormatException ex)
        {
            return new WebhookResult(WebhookVerdict.Malformed, ex.Message);
        }

        return await IngestAsync(changes, cancellationToken);
    }

    /// <summary>
    /// An admin sends a dead letter through the pipeline again (usually after adding its number to the channels): when
    /// a channel now serves it, its messages and statuses are stored (exactly once, as always) and the letter is gone.
    /// </summary>
    public async Task<Result<WebhookResult>> ReplayDeadLetterAsync(Actor actor, Guid deadLetterId, CancellationToken cancellationToken = default)
    {
        if (!Permissions.MayConfigure(actor)) return Problem.Forbidden("Only admins replay dead letters.");
        var letter = await unitOfWork.RunAsync<DeadLetter?>(async db =>
            new Committed<DeadLetter?>(await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deadLetterId, cancellationToken)), cancellationToken);
        if (!letter.Succeeded || letter.Value is null) return Problem.NotFound("The dead letter");

        var envelope = $$"""{"object":"whatsapp_business_account","entry":[{"id":"replay","changes":[{"field":"messages","value":{{letter.Value.Payload}}}]}]}""";
        IReadOnlyList<WebhookChange> changes;
        try
        {
            changes = WebhookParser.Parse(System.Text.Encoding.UTF8.GetBytes(envelope));
        }
        catch (WebhookFormatException ex)
        {
            return Problem.Validation($"The stored payload can no longer be read: {ex.Message}");
        }
        var channelServes = await unitOfWork.RunAsync<bool>(async db =>
            new Committed<bool>(await db.Channels.AnyAsync(c => c.PhoneNumberId == letter.Value.PhoneNumberId, cancellationToken)), cancellationToken);
        if (!channelServes.Value)
            return new Problem(ProblemCodes.Conflict, $"Still no channel serves phone number id {letter.Value.PhoneNumberId}: add it to WhatsApp:Channels first.");

        var result = await IngestAsync(changes, cancellationToken);
        await unitOfWork.RunAsync<bool>(async db =>
        {
            var stored = await db.DeadLetters.FirstOrDefaultAsync(d => d.Id == deadLetterId, cancellationToken);
            if (stored is not null) db.DeadLetters.Remove(stored);
            db.Record(actor, AuditActions.WebhookReplayed, AuditSubjects.Webhook, deadLetterId.ToString(), clock.GetUtcNow(),
                after: new { letter.Value.PhoneNumberId, result.Messages, result.Duplicates, result.Statuses });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);
        return result;
    }

    private async Task<WebhookResult> IngestAsync(IReadOnlyList<WebhookChange> changes, CancellationToken cancellationToken)
    {
        int messages = 0, duplicates = 0, statuses = 0, deadLettered = 0;
        foreach (var change in changes)
        {
            var unknownNumber = false;
            var received = await ingestion.IngestAsync(change.Messages, cancellationToken);
            for (var i = 0; i < received.Count; i++)
            {
                if (received[i].Succeeded)
                {
                    if (received[i].Value!.Duplicate) duplicates++;
                    else messages++;
                }
                else if (received[i].Problem!.Code == ProblemCodes.NotFound)
                {
                    unknownNumber = true;
                }
                else
                {
                    // Not a format problem of the request (that was checked): log and let Meta retry later.
                    var wamid = change.Messages[i].WaMessageId;
                    logger.LogError("A WhatsApp message {Wamid} could not be stored: {Problem}", wamid, received[i].Problem!.Message);
                    throw new InvalidOperationException($"Message {wamid} could not be stored: {received[i].Problem!.Message}");
                }
            }
            foreach (var status in change.Statuses)
            {
                await delivery.ApplyStatusAsync(status, cancellationToken);
                statuses++;
            }
            if (unknownNumber)
            {
                await DeadLetterAsync(change, cancellationToken);
                deadLettered++;
            }
        }
        return new WebhookResult(WebhookVerdict.Accepted, "ok", messages, duplicates, statuses, deadLettered);
    }

    private Task DeadLetterAsync(WebhookChange change, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync<bool>(async db =>
        {
            var now = clock.GetUtcNow();
            var letter = new DeadLetter(change.PhoneNumberId, "No channel serves this phone number id", change.RawValue, now);
            db.DeadLetters.Add(letter);
            db.Record(Actor.System, AuditActions.WebhookDeadLettered, AuditSubjects.Webhook, letter.Id.ToString(), now,
                after: new { change.PhoneNumberId, messages = change.Messages.Count });
            await db.SaveChangesAsync(cancellationToken);
            return new Committed<bool>(true);
        }, cancellationToken);
}
