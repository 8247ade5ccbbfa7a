using System.Net.Http.Json;
using System.Text.Json.Serialization;
using InboxNetworking.Core.Ports;
using Microsoft.Kiota.Abstractions.Authentication;

namespace InboxNetworking.Graph;

/// <summary>App-only tokens by the OAuth 2.0 client credentials grant (an organisation's registered app with
/// Mail.Read granted), kept until five minutes before they expire.</summary>
/// <remarks>The grant is one form POST; MSAL and Azure.Identity refuse any authority that is not https, so they
/// could not be driven against the loopback identity endpoint the tests run, and with no network Azure.Identity
/// spends ~12 s retrying (PLATFORM.md).</remarks>
internal sealed class ClientSecretTokenProvider(HttpClient http, GraphSettings settings, string clientSecret, TimeProvider time) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(settings.Endpoint).Host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        // Links the server hands back (nextLink, deltaLink) must point at the endpoint the token was asked for.
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
            return "";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || time.GetUtcNow() > _expires - TimeSpan.FromMinutes(5))
                (_token, _expires) = await RequestAsync(cancellationToken);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, DateTimeOffset Expires)> RequestAsync(CancellationToken cancellationToken)
    {
        var address = $"{settings.Authority.TrimEnd('/')}/{Uri.EscapeDataString(settings.TenantId)}/oauth2/v2.0/token";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = settings.ClientId,
            ["client_secret"] = clientSecret,
            ["scope"] = settings.Scope,
            ["grant_type"] = "client_credentials",
        });
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(address, form, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SourceUnavailableException($"sign-in: {settings.Authority} could not be reached ({e.Message})", e);
        }
        using (response)
        {
            var answer = await ReadAnswerAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && answer.AccessToken is { Length: > 0 } token)
                return (token, time.GetUtcNow().AddSeconds(Math.Max(60, answer.ExpiresIn)));
            var why = $"{answer.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {FirstLine(answer.Description)}";
            // 400 and 401 are the identity platform's answers to a wrong tenant, client or secret: waiting will not help.
            if ((int)response.StatusCode is 400 or 401)
            {
                throw new SourceAuthenticationException(
                    $"sign-in: tenant '{settings.TenantId}' refused client '{settings.ClientId}' ({why}): check the tenant, client id and secret, and run 'inboxnet connect graph' again");
            }
            throw new SourceUnavailableException($"sign-in: {settings.Authority} answered {(int)response.StatusCode} ({why})");
        }
    }

    /// <summary>The JSON answer; a proxy's HTML error page reads as an answer with no fields.</summary>
    private static async Task<TokenAnswer> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken) ?? new TokenAnswer();
        }
        catch (System.Text.Json.JsonException)
        {
            return new TokenAnswer();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string FirstLine(string? text) => text?.Split('\n', 2)[0].Trim() ?? "";

    private sealed record TokenAnswer
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
        [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
        [JsonPropertyName("error")] public string? Error { get; init; }
        [JsonPropertyName("error_description")] public string? Description { get; init; }
    }
}
