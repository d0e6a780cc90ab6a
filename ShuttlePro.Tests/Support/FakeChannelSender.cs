using System.Collections.Concurrent;
using ShuttlePro.Core.Channels;

namespace ShuttlePro.Tests.Support;

/// <summary>A channel that records what it was asked to send and answers as told.</summary>
public sealed class FakeChannelSender : IChannelSender
{
    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();
    public Func<OutboundMessage, SendOutcome> Answer { get; set; } = m => SendOutcome.Accepted($"wamid.fake.{m.MessageId:N}");

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(Answer(message));
    }
}
