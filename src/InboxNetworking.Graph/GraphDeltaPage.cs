using System.Net;
using InboxNetworking.Core.Ports;
using Microsoft.Kiota.Abstractions;

namespace InboxNetworking.Graph;

/// <summary>One page of a delta round, as the mail and calendar sources ask for it.</summary>
internal static class GraphDeltaPage
{
    /// <summary>The page, or Gone when the server no longer knows the state a link carries (410): the caller then
    /// starts the round over.</summary>
    public static async Task<(T? Page, bool Gone)> FetchAsync<T>(Func<Task<T?>> request, bool fromLink, GraphSettings settings, string what)
        where T : class
    {
        try
        {
            return (await request() ?? throw new SourceUnavailableException($"server: an empty answer to the delta of {what}"), false);
        }
        catch (ApiException e) when (e.ResponseStatusCode == (int)HttpStatusCode.Gone && fromLink)
        {
            return (null, true);
        }
        catch (Exception e) when (GraphConnector.Translate(e, settings) is { } translated && translated != e)
        {
            throw translated;
        }
    }
}
