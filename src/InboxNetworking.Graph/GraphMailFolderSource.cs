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
        var delta = session.Client.Users[settings.Mailbox].MailFolders[folder.Id].Messages.Delta;
        async Task<DeltaGetResponse?> FetchAsync(string? link)
        {
            if (link is not null)
                return await delta.WithUrl(link).GetAsDeltaGetResponseAsync(r => Prefer(r), cancellationToken);
            if (onPlanned is not null)
                onPlanned(await TotalAsync(cancellationToken));
            // A link carries the query; only the first request of a round states it.
            return await delta.GetAsDeltaGetResponseAsync(r => Prefer(r).QueryParameters.Select = GraphMessageReader.Select, cancellationToken);
        }

        await foreach (var (page, next) in GraphDeltaRound.ReadAsync(checkpoint, FetchAsync, settings, $"folder '{folder.Name}'", cancellationToken))
        {
            var mail = new List<MailItem>();
            var quarantined = new List<QuarantineEntry>();
            foreach (var message in (page.Value ?? []).Where(m => !GraphDeltaRound.IsRemoved(m)))
            {
                var (item, problem) = GraphMessageReader.Read(message, folder);
                if (item is not null)
                    mail.Add(item);
                else if (problem is not null)
                    quarantined.Add(new QuarantineEntry(SourceKey, message.Id ?? "(no id)", problem));
            }
            yield return new SourceBatch(mail, [], quarantined, next);
        }
    }

    private RequestConfiguration<DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> Prefer(RequestConfiguration<DeltaRequestBuilder.DeltaRequestBuilderGetQueryParameters> r)
    {
        r.Headers.Add("Prefer", $"odata.maxpagesize={options.PageSize}");
        return r;
    }

    /// <summary>The folder's message count, for the progress of a full round.</summary>
    private async Task<int> TotalAsync(CancellationToken cancellationToken)
    {
        try
        {
            var found = await session.Client.Users[settings.Mailbox].MailFolders[folder.Id].GetAsync(r => r.QueryParameters.Select = ["totalItemCount"], cancellationToken);
            return found?.TotalItemCount ?? 0;
        }
        catch (Exception e) when (GraphConnector.Translate(e, settings) is { } translated && translated != e)
        {
            throw translated;
        }
    }
}
