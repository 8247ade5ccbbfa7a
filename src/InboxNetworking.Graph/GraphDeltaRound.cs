using System.Net;
using System.Runtime.CompilerServices;
using InboxNetworking.Core.Ports;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace InboxNetworking.Graph;

/// <summary>The pages of one delta round, as the mail and calendar sources read them: from a link (null: a new
/// round) to the round's delta link, each page with the link that follows it.</summary>
internal static class GraphDeltaRound
{
    /// <summary>The pages from <paramref name="link"/> on; a link the server no longer knows (410 Gone) starts the round
    /// over, once per read. <paramref name="fetch"/> asks for the page a link names (null: the first page of a new
    /// round).</summary>
    public static async IAsyncEnumerable<(TPage Page, string Next)> ReadAsync<TPage>(
        string? link, Func<string?, Task<TPage?>> fetch, GraphSettings settings, string what, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : BaseDeltaFunctionResponse
    {
        var host = new Uri(settings.Endpoint).Host;
        var startedOver = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (page, gone) = await FetchAsync(fetch, link, settings, what);
            if (gone)
            {
                if (startedOver)
                    throw new SourceUnavailableException($"server: {host} forgot the delta state of {what} twice in one sync");
                (startedOver, link) = (true, null);
                continue;
            }
            var next = page!.OdataNextLink ?? page.OdataDeltaLink
                ?? throw new SourceUnavailableException($"server: {host} answered a delta page of {what} with neither @odata.nextLink nor @odata.deltaLink");
            yield return (page, next);
            if (page.OdataNextLink is null)
                yield break;
            link = next;
        }
    }

    /// <summary>Whether a page's entry is an "@removed" one (deleted, or moved out of what the round covers).</summary>
    public static bool IsRemoved(Microsoft.Kiota.Abstractions.Serialization.IAdditionalDataHolder entry) => entry.AdditionalData?.ContainsKey("@removed") == true;

    private static async Task<(TPage? Page, bool Gone)> FetchAsync<TPage>(Func<string?, Task<TPage?>> fetch, string? link, GraphSettings settings, string what)
        where TPage : class
    {
        try
        {
            return (await fetch(link) ?? throw new SourceUnavailableException($"server: an empty answer to the delta of {what}"), false);
        }
        catch (ApiException e) when (e.ResponseStatusCode == (int)HttpStatusCode.Gone && link is not null)
        {
            return (null, true);
        }
        catch (Exception e) when (GraphConnector.Translate(e, settings) is { } translated && translated != e)
        {
            throw translated;
        }
    }
}
