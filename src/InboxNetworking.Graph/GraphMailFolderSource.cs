using System.Runtime.CompilerServices;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using Microsoft.Graph.Users.Item.MailFolders.Item.Messages.Delta;
using Microsoft.Kiota.Abstractions;

namespace InboxNetworking.Graph;

/// <summary>One mail folder read by Graph's delta query: each page is a batch whose checkpoint is the link to the
/// next page (mid-round) or the delta link (end of round), so a killed sync resumes from the last committed page.</summary>
/// <remarks>"@removed" entries are passed over: mail deleted from the mailbox stays in the history (the interaction
/// happened). A link the server no longer knows (410 Gone) starts the folder over; the store keeps one copy of
/// each message. A full round (a first sync, or one started over) first tells <c>onPlanned</c> how many messages the
/// folder holds, for the progress.</remarks>
public sealed class GraphMailFolderSource(GraphSession session, GraphSettings settings, GraphFolder folder, GraphOptions options, Action<int>? onPlanned = null) : IMailSource
{
    public string SourceKey => $"graph:{folder.Role}";

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? checkpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var link = checkpoint;
        var startedOver = false;
        while (true)
        {
            if (link is null && onPlanned is not null)
                onPlanned(await TotalAsync(cancellationToken));
            var (page, gone) = await FetchAsync(link, cancellationToken);
            if (gone)
            {
                if (startedOver)
                    throw new SourceUnavailableException($"server: {new Uri(settings.Endpoint).Host} forgot the delta state of folder '{folder.Name}' twice in one sync");
                startedOver = true;
                link = null;
                continue;
            }
            var mail = new List<MailItem>();
            var quarantined = new List<QuarantineEntry>();
            foreach (var message in page!.Value ?? [])
            {
                if (message.AdditionalData?.ContainsKey("@removed") == true)
                    continue;
                var (item, problem) = GraphMessageReader.Read(message, folder);
                if (item is not null)
                    mail.Add(item);
                else if (problem is not null)
                    quarantined.Add(new QuarantineEntry(SourceKey, message.Id ?? "(no id)", problem));
            }
            var next = page.OdataNextLink ?? page.OdataDeltaLink
                ?? throw new SourceUnavailableException($"server: {new Uri(settings.Endpoint).Host} answered a delta page of folder '{folder.Name}' with neither @odata.nextLink nor @odata.deltaLink");
            yield return new SourceBatch(mail, [], quarantined, next);
            if (page.OdataNextLink is null)
                yield break;
            link = next;
        }
    }

    /// <summary>The folder's message count, for the progress of a full round.</summary>
    private async Task<int> TotalAsync(CancellationToken cancellationToken)
    {
        var (found, _) = await GraphDeltaPage.FetchAsync(
            () => session.Client.Users[settings.Mailbox].MailFolders[folder.Id].GetAsync(r => r.QueryParameters.Select = ["totalItemCount"], cancellationToken),
            fromLink: false, settings, $"folder '{folder.Name}'");
        return found?.TotalItemCount ?? 0;
    }

    private async Task<(DeltaGetResponse? Page, bool Gone)> FetchAsync(string? link, CancellationToken cancellationToken)
    {
        var delta = session.Client.Users[settings.Mailbox].MailFolders[folder.Id].Messages.Delta;
        return await GraphDeltaPage.FetchAsync(
            () => link is null ? delta.GetAsDeltaGetResponseAsync(Configure, cancellationToken) : delta.WithUrl(link).GetAsDeltaGetResponseAsync(Configure, cancellationToken),
            link is not null, settings, $"folder '{folder.Name}'");

        void Configure(RequestConfiguration<DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> r)
        {
            // A link already carries the query; only the first request of a round states it.
            if (link is null)
                r.QueryParameters.Select = GraphMessageReader.Select;
            r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}");
        }
    }
}
