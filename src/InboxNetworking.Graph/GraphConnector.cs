using System.Net;
using InboxNetworking.Core.Ports;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Polly.Timeout;

namespace InboxNetworking.Graph;

/// <summary>Opens Graph clients for one account, and turns every way a request fails into one line that says
/// what to do.</summary>
public sealed class GraphConnector(GraphOptions options, TimeProvider time)
{
    /// <summary>A client with the account's credentials (the app's secret, or the person's refresh token, whose
    /// successors go to <paramref name="refreshTokenRotated"/>); the caller owns it.</summary>
    public GraphSession Open(GraphSettings settings, string secret, Func<string, CancellationToken, Task>? refreshTokenRotated = null, DeviceSignIn? signedIn = null)
    {
        // The SDK's own retry handler is replaced by the Polly pipeline, which reads Graph's fractional Retry-After.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(new GraphResilience(options, time));
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt
        var tokens = new HttpClient { Timeout = options.RequestTimeout };
        var identity = new IdentityPlatform(tokens, settings);
        CachedTokenProvider provider = settings.SignIn == GraphSignIn.DeviceCode
            ? new RefreshTokenProvider(identity, settings, secret, refreshTokenRotated ?? ((_, _) => Task.CompletedTask), time)
            : new ClientSecretTokenProvider(identity, settings, secret, time);
        if (signedIn is not null)
            provider.Seed(signedIn.Answer);
        var auth = new BaseBearerTokenAuthenticationProvider(provider);
        return new GraphSession(new GraphServiceClient(http, auth, settings.Endpoint.TrimEnd('/')), [http, tokens, provider]);
    }

    /// <summary>Signs a person in by device code: <paramref name="show"/> tells them where to go and which code to
    /// type, then this waits (polling as the identity platform asks) until they have signed in.</summary>
    public async Task<DeviceSignIn> SignInWithDeviceCodeAsync(GraphSettings settings, Func<string, CancellationToken, Task> show, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = options.RequestTimeout };
        var identity = new IdentityPlatform(http, settings);
        var code = await identity.DeviceCodeAsync(settings.DelegatedScope, cancellationToken);
        await show(code.Message ?? $"To sign in, open {code.VerificationUri} and enter the code {code.UserCode}.", cancellationToken);
        var interval = TimeSpan.FromSeconds(Math.Max(1, code.Interval));
        var deadline = time.GetUtcNow().AddSeconds(code.ExpiresIn > 0 ? code.ExpiresIn : 900);
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            var answer = await identity.TokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
                ["client_id"] = settings.ClientId,
                ["device_code"] = code.DeviceCode!,
            }, cancellationToken);
            switch (answer.Error)
            {
                case null when answer.RefreshToken is { Length: > 0 }:
                    return new DeviceSignIn(answer);
                case null:
                    throw new SourceAuthenticationException("sign-in: no refresh token came back (offline_access was not granted), so the mailbox could not be read later: ask your administrator to allow it");
                case "authorization_pending" when time.GetUtcNow() < deadline:
                    continue;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    continue;
                case "authorization_declined":
                    throw new SourceAuthenticationException("sign-in: it was declined in the browser; nothing stored");
                default:
                    throw new SourceAuthenticationException($"sign-in: the code expired or was refused before the sign-in finished ({IdentityPlatform.Why(answer)}): run connect again and sign in within {code.ExpiresIn / 60} minutes");
            }
        }
    }

    /// <summary>The signed-in person's mailbox address (or, without one, their user principal name).</summary>
    public static async Task<string> SignedInMailboxAsync(GraphSession session, GraphSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var me = await session.Client.Me.GetAsync(r => r.QueryParameters.Select = ["id", "mail", "userPrincipalName"], cancellationToken);
            return me?.Mail ?? me?.UserPrincipalName ?? me?.Id ?? throw new SourceUnavailableException("server: /me named no mailbox");
        }
        catch (Exception e) when (Translate(e, settings) is { } translated && translated != e)
        {
            throw translated;
        }
    }

    /// <summary>The folders of <paramref name="wellKnownNames"/> the mailbox has (Graph answers 404 for one it lacks).</summary>
    public static async Task<IReadOnlyList<GraphFolder>> DiscoverFoldersAsync(GraphSession session, GraphSettings settings, IEnumerable<string> wellKnownNames, CancellationToken cancellationToken)
    {
        var folders = new List<GraphFolder>();
        foreach (var name in wellKnownNames)
        {
            try
            {
                var folder = await session.Client.Users[settings.Mailbox].MailFolders[name]
                    .GetAsync(r => r.QueryParameters.Select = ["id", "displayName"], cancellationToken);
                if (folder?.Id is { } id)
                    folders.Add(new GraphFolder(id, folder.DisplayName ?? name, name));
            }
            catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.NotFound && e.Error?.Code is "ErrorFolderNotFound" or "ErrorItemNotFound")
            {
                // This mailbox has no such folder (an archive is optional).
            }
            catch (Exception e) when (Translate(e, settings) is { } translated)
            {
                throw translated;
            }
        }
        return folders;
    }

    /// <summary>Whether the app may read the mailbox's calendar (Calendars.Read granted); without it mail alone is tracked.</summary>
    public static async Task<bool> CanReadCalendarAsync(GraphSession session, GraphSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await session.Client.Users[settings.Mailbox].Calendar.GetAsync(r => r.QueryParameters.Select = ["id"], cancellationToken);
            return true;
        }
        catch (ApiException e) when (e.ResponseStatusCode is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (Translate(e, settings) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The source-level exception a failed request stands for, or null when it is not a request failure.</summary>
    public static Exception? Translate(Exception e, GraphSettings settings)
    {
        var where = new Uri(settings.Endpoint).Host;
        return e switch
        {
            SourceAuthenticationException or SourceUnavailableException => e,
            ApiException { ResponseStatusCode: 401 or 403 } api => new SourceAuthenticationException(
                $"access: {where} refused to let this app read mailbox '{settings.Mailbox}' ({api.ResponseStatusCode} {Code(api)}): " +
                "grant the app the Mail.Read application permission with admin consent, then run 'inboxnet connect graph' again", e),
            ApiException { ResponseStatusCode: 404 } api => new SourceUnavailableException(
                $"not found: {where} has no mailbox or folder as asked ({Code(api)}): check --user", e, isTransient: false),
            ApiException api => new SourceUnavailableException($"server: {where} answered {api.ResponseStatusCode} ({Code(api)})", e),
            HttpRequestException h => new SourceUnavailableException($"network: {where}: {h.HttpRequestError} ({h.Message})", e),
            TimeoutRejectedException => new SourceUnavailableException($"timeout: {where} did not answer in time", e),
            _ => null,
        };
    }

    private static string Code(ApiException e) => e is ODataError { Error.Code: { } code } odata
        ? odata.Error.Message is { Length: > 0 } message ? $"{code}: {message.Split('\n', 2)[0].Trim()}" : code
        : e.Message;
}

/// <summary>A finished device-code sign-in: its first access token (for <see cref="GraphConnector.Open"/>) and the
/// refresh token to keep.</summary>
public sealed class DeviceSignIn
{
    internal DeviceSignIn(TokenAnswer answer) => Answer = answer;

    internal TokenAnswer Answer { get; }

    public string RefreshToken => Answer.RefreshToken!;
}

/// <summary>A Graph client and the HTTP clients under it, disposed together.</summary>
public sealed class GraphSession(GraphServiceClient client, IReadOnlyList<IDisposable> owned) : IDisposable
{
    public GraphServiceClient Client { get; } = client;

    public void Dispose()
    {
        Client.Dispose();
        foreach (var d in owned)
            d.Dispose();
    }
}
