using Microsoft.Extensions.Logging;
using ShuttlePro.Core.Audit;
using ShuttlePro.Core.Directory;
using ShuttlePro.Tests.Support;
using ShuttlePro.Web.Background;

namespace ShuttlePro.Tests.Components.Audit;

/// <summary>The host verifies the chain shortly after start and then every hour (on a fake clock), and says when it is broken.</summary>
public sealed class AuditVerificationServiceTests : IAsyncLifetime
{
    private TestServices _app = null!;
    private ShuttlePro.Core.Directory.Channel _channel = null!;

    public async Task InitializeAsync()
    {
        _app = await TestServices.CreateAsync();
        var support = await _app.CreateTeamAsync("Support");
        _channel = await _app.CreateChannelAsync("Zeenat", "100", support);
        await _app.ReceiveAsync(_channel, "923001111111", "Order kab aayega?");
    }

    async Task IAsyncLifetime.DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task VerifiesAfterTheFirstDelayAndThenEveryHour()
    {
        var logger = new RecordingLogger();
        var verifier = _app.Get<AuditVerifier>();
        using var service = new AuditVerificationService(verifier, _app.Clock, logger);
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);
        Assert.Null(verifier.Last);

        _app.Clock.Advance(AuditVerificationService.FirstRunDelay);
        var first = await logger.NextAsync();
        Assert.Equal(LogLevel.Information, first.Level);
        Assert.True(verifier.Last is { Ok: true });
        var firstUpTo = verifier.Last!.VerifiedUpTo;

        // Something happens, an hour passes: the next verification covers it.
        await _app.ReceiveAsync(_channel, "923001111111", "Jawab dein please");
        _app.Clock.Advance(AuditVerificationService.Interval);
        var second = await logger.NextAsync();
        Assert.Contains("verified up to", second.Message);
        Assert.True(verifier.Last is { Ok: true });
        Assert.True(verifier.Last!.VerifiedUpTo > firstUpTo);

        await stop.CancelAsync();
        await running;
    }

    private sealed class RecordingLogger : ILogger<AuditVerificationService>
    {
        private readonly System.Threading.Channels.Channel<(LogLevel Level, string Message)> _entries =
            System.Threading.Channels.Channel.CreateUnbounded<(LogLevel, string)>();

        public async Task<(LogLevel Level, string Message)> NextAsync() =>
            await _entries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Writer.TryWrite((logLevel, formatter(state, exception)));
    }
}
