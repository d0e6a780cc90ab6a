using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Channels.WhatsApp;

namespace ShuttlePro.Core.Channels;

/// <summary>
/// Sends what the outbox holds: claims due rows, paces each number to its throughput limit, and records WhatsApp's
/// answer (accepted with its wamid, retry later with backoff, or a permanent refusal shown on the message).
/// </summary>
public sealed class OutboundDispatcher(DeliveryService delivery, IChannelSender sender, IOptionsMonitor<WhatsAppOptions> options,
    TimeProvider clock, ILogger<OutboundDispatcher> logger)
{
    public const int BatchSize = 50;

    private readonly Dictionary<string, PaceWindow> _windows = [];

    /// <summary>Sends one batch; returns how many rows were handled (accepted or refused for good).</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var batch = await delivery.ClaimAsync(BatchSize, cancellationToken);
        var done = 0;
        foreach (var message in batch)
        {
            await PaceAsync(message.PhoneNumberId, cancellationToken);
            SendOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = SendOutcome.RetryLater(ex.Message);
            }
            switch (outcome.Kind)
            {
                case SendOutcomeKind.Accepted:
                    await delivery.AcknowledgeAsync(message.MessageId, outcome.WaMessageId!, cancellationToken);
                    done++;
                    break;
                case SendOutcomeKind.Rejected:
                    logger.LogWarning("WhatsApp refused message {MessageId}: {Code} {Error}", message.MessageId, outcome.ErrorCode, outcome.Error);
                    await delivery.RejectAsync(message.MessageId, outcome.ErrorCode, outcome.Error ?? "Refused", cancellationToken);
                    done++;
                    break;
                default:
                    logger.LogInformation("Message {MessageId} will be retried: {Error}", message.MessageId, outcome.Error);
                    await delivery.RetryLaterAsync(message.MessageId, outcome.Error ?? "Temporary failure", outcome.RetryAfter, cancellationToken);
                    break;
            }
        }
        return done;
    }

    /// <summary>
    /// Keeps each number under its messages-per-second limit (Meta's default is 80): up to the limit go out at once,
    /// the next waits for the following second.
    /// </summary>
    private async Task PaceAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        var limit = Math.Max(1, options.CurrentValue.MessagesPerSecondPerNumber);
        var now = clock.GetUtcNow();
        var window = _windows.TryGetValue(phoneNumberId, out var current) && now < current.Start + PacingWindow ? current : new PaceWindow(now, 0);
        if (window.Sent >= limit)
        {
            await Task.Delay(window.Start + PacingWindow - now, clock, cancellationToken);
            window = new PaceWindow(window.Start + PacingWindow, 0);
        }
        _windows[phoneNumberId] = window with { Sent = window.Sent + 1 };
    }

    private static readonly TimeSpan PacingWindow = TimeSpan.FromSeconds(1);

    private sealed record PaceWindow(DateTimeOffset Start, int Sent);
}
