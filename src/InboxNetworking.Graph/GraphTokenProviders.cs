using InboxNetworking.Core.Ports;
using Microsoft.Kiota.Abstractions.Authentication;

namespace InboxNetworking.Graph;

/// <summary>Hands the Graph client a token, asking for a new one five minutes before the last expires.</summary>
internal abstract class CachedTokenProvider(GraphSettings settings, TimeProvider time) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(settings.Endpoint).Host]);

    protected GraphSettings Settings => settings;

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        // Links the server hands back (nextLink, deltaLink) must point at the endpoint the token is for.
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
            return "";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || time.GetUtcNow() > _expires - TimeSpan.FromMinutes(5))
            {
                var answer = await RequestAsync(cancellationToken);
                (_token, _expires) = (answer.AccessToken!, time.GetUtcNow().AddSeconds(Math.Max(60, answer.ExpiresIn)));
            }
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the cache with a token already in hand (the one a device-code sign-in just gave).</summary>
    public void Seed(TokenAnswer answer) => (_token, _expires) = (answer.AccessToken, time.GetUtcNow().AddSeconds(Math.Max(60, answer.ExpiresIn)));

    /// <summary>A granted token; a refused grant is a <see cref="SourceAuthenticationException"/> (waiting will not help).</summary>
    protected abstract Task<TokenAnswer> RequestAsync(CancellationToken cancellationToken);

    public void Dispose()
    {
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>App-only tokens by the client-credentials grant (an organisation's registered app with Mail.Read granted).</summary>
internal sealed class ClientSecretTokenProvider(IdentityPlatform identity, GraphSettings settings, string clientSecret, TimeProvider time)
    : CachedTokenProvider(settings, time)
{
    protected override async Task<TokenAnswer> RequestAsync(CancellationToken cancellationToken)
    {
        var answer = await identity.TokenAsync(new Dictionary<string, string>
        {
            ["client_id"] = Settings.ClientId,
            ["client_secret"] = clientSecret,
            ["scope"] = Settings.AppScope,
            ["grant_type"] = "client_credentials",
        }, cancellationToken);
        return answer.Error is null ? answer : throw new SourceAuthenticationException(
            $"sign-in: tenant '{Settings.TenantId}' refused client '{Settings.ClientId}' ({IdentityPlatform.Why(answer)}): check the tenant, client id and secret, and run 'inboxnet connect graph' again");
    }
}

/// <summary>A person's delegated tokens from the refresh token a device-code sign-in gave. The identity platform
/// rotates refresh tokens: each new one is handed to <paramref name="rotated"/> to be stored in place of the old.</summary>
internal sealed class RefreshTokenProvider(IdentityPlatform identity, GraphSettings settings, string refreshToken, Func<string, CancellationToken, Task> rotated, TimeProvider time)
    : CachedTokenProvider(settings, time)
{
    private string _refreshToken = refreshToken;

    protected override async Task<TokenAnswer> RequestAsync(CancellationToken cancellationToken)
    {
        var answer = await identity.TokenAsync(new Dictionary<string, string>
        {
            ["client_id"] = Settings.ClientId,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = _refreshToken,
            ["scope"] = Settings.DelegatedScope,
        }, cancellationToken);
        if (answer.Error is not null)
        {
            throw new SourceAuthenticationException(
                $"sign-in: the sign-in of '{Settings.Mailbox}' is no longer accepted ({IdentityPlatform.Why(answer)}): run 'inboxnet connect graph' again and sign in");
        }
        if (answer.RefreshToken is { Length: > 0 } next && next != _refreshToken)
        {
            _refreshToken = next;
            await rotated(next, cancellationToken);
        }
        return answer;
    }
}
