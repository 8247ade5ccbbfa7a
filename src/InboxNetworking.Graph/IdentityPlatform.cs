using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using InboxNetworking.Core.Ports;

namespace InboxNetworking.Graph;

/// <summary>The Microsoft identity platform's OAuth 2.0 endpoints (v2.0): the token endpoint for the client-credentials,
/// device-code and refresh-token grants, and the device authorization endpoint.</summary>
/// <remarks>Each grant is one form POST. MSAL and Azure.Identity refuse any authority that is not https, so they could
/// not be driven against the loopback identity endpoint the tests run, and with no network Azure.Identity spends
/// ~12 s retrying (PLATFORM.md).</remarks>
internal sealed class IdentityPlatform(HttpClient http, GraphSettings settings)
{
    /// <summary>Asks the token endpoint; the answer carries the error when the grant was refused (HTTP 400 or 401).</summary>
    public async Task<TokenAnswer> TokenAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var (status, answer) = await PostAsync<TokenAnswer>("token", form, cancellationToken);
        if (status is >= 200 and < 300 && answer.AccessToken is { Length: > 0 })
            return answer;
        if (status is 400 or 401)
            return answer with { Error = answer.Error ?? status.ToString(CultureInfo.InvariantCulture) };
        throw new SourceUnavailableException($"sign-in: {settings.Authority} answered {status} ({Why(answer)})");
    }

    /// <summary>Starts a device-code sign-in: the code the person types at the page the answer names.</summary>
    public async Task<DeviceCodeAnswer> DeviceCodeAsync(string scope, CancellationToken cancellationToken)
    {
        var (status, answer) = await PostAsync<DeviceCodeAnswer>("devicecode", new Dictionary<string, string>
        {
            ["client_id"] = settings.ClientId,
            ["scope"] = scope,
        }, cancellationToken);
        if (status is >= 200 and < 300 && answer.DeviceCode is { Length: > 0 })
            return answer;
        throw new SourceAuthenticationException($"sign-in: tenant '{settings.TenantId}' would not start a device-code sign-in for client '{settings.ClientId}' ({answer.Error}: {FirstLine(answer.Description)})");
    }

    /// <summary>What a refused grant says, on one line: the error code and the first line of its description (AADSTS...).</summary>
    public static string Why(TokenAnswer answer) => $"{answer.Error}: {FirstLine(answer.Description)}";

    private async Task<(int Status, T Answer)> PostAsync<T>(string endpoint, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
        where T : new()
    {
        var address = $"{settings.Authority.TrimEnd('/')}/{Uri.EscapeDataString(settings.TenantId)}/oauth2/v2.0/{endpoint}";
        using var content = new FormUrlEncodedContent(form);
        try
        {
            using var response = await http.PostAsync(address, content, cancellationToken);
            return ((int)response.StatusCode, await ReadAsync<T>(response, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SourceUnavailableException($"sign-in: {settings.Authority} could not be reached ({e.Message})", e);
        }
    }

    /// <summary>The JSON answer; a proxy's HTML error page reads as an answer with no fields.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : new()
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? new T();
        }
        catch (System.Text.Json.JsonException)
        {
            return new T();
        }
    }

    private static string FirstLine(string? text) => text?.Split('\n', 2)[0].Trim() ?? "";
}

internal sealed record TokenAnswer
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_description")] public string? Description { get; init; }
}

internal sealed record DeviceCodeAnswer
{
    [JsonPropertyName("device_code")] public string? DeviceCode { get; init; }
    [JsonPropertyName("user_code")] public string? UserCode { get; init; }
    [JsonPropertyName("verification_uri")] public string? VerificationUri { get; init; }
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
    [JsonPropertyName("interval")] public int Interval { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_description")] public string? Description { get; init; }
}
