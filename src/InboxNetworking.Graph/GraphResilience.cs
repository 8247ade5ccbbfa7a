using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InboxNetworking.Graph;

/// <summary>Every Graph request goes through one Polly pipeline: a timeout per attempt, and retries after throttling
/// (429), 503 and 504 that wait as long as Retry-After says (Graph sends fractional seconds, "2.128", which
/// HttpClient's typed header does not read), else a jittered exponential backoff.</summary>
internal sealed class GraphResilience : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public GraphResilience(GraphOptions options, TimeProvider time)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result: { } r } when !args.Context.Properties.GetValue(Idempotent, false) =>
                        r.StatusCode == HttpStatusCode.TooManyRequests && (RetryAfter(r) ?? TimeSpan.Zero) <= options.MaxRetryAfter,
                    { Result: { } r } => IsTransient(r.StatusCode) && (RetryAfter(r) ?? TimeSpan.Zero) <= options.MaxRetryAfter,
                    { Exception: HttpRequestException or TimeoutRejectedException } => args.Context.Properties.GetValue(Idempotent, false),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(Idempotent, request.Method == HttpMethod.Get);
            return await _pipeline.ExecuteAsync(async (ctx, state) => await state.Self.BaseSendAsync(state.Request, ctx.CancellationToken), context, (Self: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> BaseSendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    /// <summary>A GET may be sent again after any transient failure; a POST (sendMail) only after a 429, which says it
    /// was not carried out: after a 503, a timeout or a dropped connection it may have been, and a report would go twice.</summary>
    private static readonly ResiliencePropertyKey<bool> Idempotent = new("inboxnet.idempotent");

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Retry-After as seconds (whole or fractional) or as an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Retry-After", out var values))
            return null;
        var value = values.FirstOrDefault()?.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        return response.Headers.RetryAfter?.Date is { } date ? date - (response.Headers.Date ?? date) : null;
    }
}
