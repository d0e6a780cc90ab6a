using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ShuttlePro.Web.Hosting;

/// <summary>
/// Keeps secrets out of the logs whatever the log level and sink: the hub's bearer token travels in the WebSocket URL's
/// query string (browsers cannot send headers there) and ASP.NET Core logs request URLs; a connection string or a
/// misconfigured value can end up in an exception message. Every logger the app creates writes through
/// <see cref="SecretRedactor"/>: messages and structured values alike.
/// </summary>
public static class LogRedaction
{
    /// <summary>Wraps the app's logger factory (all providers, including ones added later) in the redactor.</summary>
    public static IServiceCollection AddShuttleLogRedaction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new SecretRedactor(SecretRedactor.ConfiguredSecrets(configuration)));
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<SecretRedactor>())));
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor redactor) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = redactor.Redact(formatter(state, exception));
            IReadOnlyList<KeyValuePair<string, object?>> values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string text ? redactor.Redact(text) : p.Value)).ToList()
                : [];
            inner.Log(logLevel, eventId, new RedactedState(message, values), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>The redacted message, and the structured values for sinks that write them (JSON console, OpenTelemetry).</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}

/// <summary>
/// Replaces secrets in text: values after <c>access_token=</c>, <c>password=</c>, <c>secret=</c> and the like (query strings,
/// connection strings), bearer tokens, webhook signatures, and every secret the configuration holds (the WhatsApp app
/// secret and verify token, channel access tokens, passwords).
/// </summary>
public sealed partial class SecretRedactor(IReadOnlyCollection<string> knownSecrets)
{
    public const string Mask = "***";

    private readonly string[] _known = knownSecrets.Where(s => s.Length >= 6).Distinct().OrderByDescending(s => s.Length).ToArray();

    public static IReadOnlyCollection<string> ConfiguredSecrets(IConfiguration configuration)
    {
        var keys = new[] { "WhatsApp:AppSecret", "WhatsApp:VerifyToken", "Demo:Password", "Bootstrap:AdminPassword" };
        var tokens = configuration.GetSection("WhatsApp:Channels").GetChildren().Select(c => c["AccessToken"]);
        return keys.Select(k => configuration[k]).Concat(tokens).OfType<string>().Where(s => s.Length > 0).ToList();
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in _known)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = NamedSecret().Replace(text, m => m.Groups["name"].Value + Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        return Signature().Replace(text, "sha256=" + Mask);
    }

    [GeneratedRegex(@"(?<name>\b(?:access_token|id_token|refresh_token|token|password|pwd|secret|client_secret|hub\.verify_token)=)[^&\s;""',]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedSecret();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"\bsha256=[0-9a-fA-F]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex Signature();
}
