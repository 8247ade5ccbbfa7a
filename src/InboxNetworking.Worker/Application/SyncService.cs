using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files.Mime;
using InboxNetworking.Graph;
using InboxNetworking.Imap;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace InboxNetworking.Worker.Application;

/// <summary>Progress of a sync: how many messages the folders have to give, then the running totals.</summary>
internal interface ISyncProgress : IProgress<IngestSummary>
{
    void Planned(int messages);
}

/// <summary>How one account's sync ended.</summary>
internal sealed record SyncResult(Account Account, ConnectionState State, IngestSummary Summary, string? Error)
{
    public bool BroughtNewData => Summary.MessagesAdded + Summary.CalendarChanges > 0;
}

/// <summary>`inboxnet sync` and the worker's sync job: every tracked folder (IMAP or Graph) through the shared ingestion path,
/// with the outcome recorded on the account. A failure is recorded and returned, never thrown, so one
/// account's trouble does not stop the others.</summary>
internal sealed class SyncService(
    IInboxStore store,
    Ingestor ingestor,
    ImapConnector connector,
    ImapResilience resilience,
    GraphConnector graph,
    IOptions<GraphOptions> graphOptions,
    FetchedMessageReader reader,
    CredentialProtector protector,
    IOptions<ImapOptions> options,
    TimeProvider time,
    ILogger<SyncService> logger)
{
    public async Task<SyncResult> SyncAsync(Account account, AccountConnection connection, ISyncProgress? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var secret = protector.Unprotect(connection.ProtectedSecret, account.Name);
            var (summary, folders) = connection.Kind == GraphSettings.Kind
                ? await SyncGraphAsync(account, GraphSettings.FromJson(connection.Settings), secret, progress, cancellationToken)
                : await SyncImapAsync(account, ImapSettings.FromJson(connection.Settings), secret, progress, cancellationToken);
            await store.RecordSyncOutcomeAsync(account.Id, ConnectionState.Ok, summary.ToString(), null, time.GetUtcNow(), cancellationToken);
            Log.Synced(logger, account.Name, string.Join(", ", folders), summary.MessagesAdded, summary.CalendarChanges, summary.Quarantined,
                time.GetElapsedTime(started).TotalSeconds);
            return new SyncResult(account, ConnectionState.Ok, summary, null);
        }
        catch (Exception e) when (e is SourceAuthenticationException or UserError)
        {
            await store.RecordSyncOutcomeAsync(account.Id, ConnectionState.NeedsReconnect, "login refused", e.Message, time.GetUtcNow(), cancellationToken);
            Log.NeedsReconnect(logger, account.Name, e.Message);
            return new SyncResult(account, ConnectionState.NeedsReconnect, new IngestSummary(), e.Message);
        }
        catch (Exception e) when (e is SourceUnavailableException or BrokenCircuitException || ImapResilience.IsTransient(e) || IsServerRefusal(e))
        {
            var reason = e is BrokenCircuitException ? $"paused after repeated failures: {e.Message}" : e.Message;
            await store.RecordSyncOutcomeAsync(account.Id, ConnectionState.Failing, "failed", reason, time.GetUtcNow(), cancellationToken);
            Log.SyncFailed(logger, account.Name, reason);
            return new SyncResult(account, ConnectionState.Failing, new IngestSummary(), reason);
        }
    }

    private async Task<(IngestSummary, IEnumerable<string> Folders)> SyncImapAsync(Account account, ImapSettings settings, string password, ISyncProgress? progress, CancellationToken cancellationToken)
    {
        await using var session = new ImapSession(connector, settings, password);
        var pipeline = resilience.For(account.Name);
        var folders = settings.Folders.Select(f =>
            new ImapFolderSource(session, f, reader, options.Value, pipeline, time, progress is null ? null : progress.Planned));
        return (await ingestor.IngestAsync(account, folders, progress, cancellationToken, runKind: null), settings.Folders.Select(f => f.Name));
    }

    private async Task<(IngestSummary, IEnumerable<string> Folders)> SyncGraphAsync(Account account, GraphSettings settings, string clientSecret, ISyncProgress? progress, CancellationToken cancellationToken)
    {
        // A rotated refresh token is stored at once: the next sync signs in with it.
        using var session = graph.Open(settings, clientSecret, (next, ct) => store.UpdateSecretAsync(account.Id, protector.Protect(next), ct));
        var sources = settings.Folders.Select(f => (ISource)new GraphMailFolderSource(session, settings, f, graphOptions.Value, progress is null ? null : progress.Planned)).ToList();
        if (settings.TrackCalendar)
            sources.Add(new GraphCalendarSource(session, settings, graphOptions.Value, time));
        return (await ingestor.IngestAsync(account, sources, progress, cancellationToken, runKind: null),
            settings.Folders.Select(f => f.Name).Concat(settings.TrackCalendar ? ["Calendar"] : []));
    }

    /// <summary>A NO or BAD answer to a command (a folder renamed away, a quota): the next sync tries again.</summary>
    private static bool IsServerRefusal(Exception e) => e is MailKit.Net.Imap.ImapCommandException or MailKit.FolderNotFoundException;
}
