using System.Net.Sockets;
using InboxNetworking.Core.Ports;
using MailKit;
using MailKit.Net.Imap;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace InboxNetworking.Imap;

/// <summary>The one place IMAP calls are retried: a pipeline per account (its own circuit breaker),
/// built once from the options and kept in a Polly registry.</summary>
public sealed class ImapResilience(ImapOptions options, TimeProvider time) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    /// <summary>Retry with jittered backoff, then the account's breaker, then a timeout per attempt.</summary>
    public ResiliencePipeline For(string account) => _registry.GetOrAddPipeline("imap:" + account, builder =>
    {
        builder.TimeProvider = time;
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            // Only a server that fails every call for a while opens it: a restart inside one sync does not.
            FailureRatio = 1.0,
            MinimumThroughput = 2 * (options.MaxRetries + 1) + 1,
            SamplingDuration = TimeSpan.FromMinutes(2),
            BreakDuration = options.BreakDuration,
        });
        builder.AddTimeout(options.CommandTimeout);
    });

    public void Dispose() => _registry.Dispose();

    /// <summary>Worth another attempt on a fresh connection; an authentication failure never is.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SourceAuthenticationException => false,
        SourceUnavailableException u => u.IsTransient,
        ImapProtocolException or IOException or SocketException or ServiceNotConnectedException or TimeoutRejectedException or TimeoutException => true,
        _ => false,
    };
}
