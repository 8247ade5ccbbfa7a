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
    /// <summary>A client with the account's app-only credentials; the caller owns it.</summary>
    public GraphSession Open(GraphSettings settings, string clientSecret)
    {
        // The SDK's own retry handler is replaced by the Polly pipeline, which reads Graph's fractional Retry-After.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(new GraphResilience(options, time));
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline times each attempt
        var tokens = new HttpClient { Timeout = options.RequestTimeout };
        var tokenProvider = new ClientSecretTokenProvider(tokens, settings, clientSecret, time);
        var auth = new BaseBearerTokenAuthenticationProvider(tokenProvider);
        return new GraphSession(new GraphServiceClient(http, auth, settings.Endpoint.TrimEnd('/')), [http, tokens, tokenProvider]);
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
