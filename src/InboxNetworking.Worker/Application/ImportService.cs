using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Ports;
using InboxNetworking.Files;
using Microsoft.Extensions.Logging;

namespace InboxNetworking.Worker.Application;

/// <summary>`inboxnet import`: checks everything first, then feeds the files connector into the store.</summary>
internal sealed class ImportService(IInboxStore store, FileSources files, Ingestor ingestor, ILogger<ImportService> logger)
{
    public async Task<(Account Account, IngestSummary Summary)> ImportAsync(
        IReadOnlyList<string> paths,
        string accountName,
        IReadOnlyList<string> owners,
        string? timeZone,
        IProgress<IngestSummary>? progress,
        CancellationToken cancellationToken)
    {
        if (timeZone is not null)
            TimeZones.Require(timeZone);
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new UserError($"path not found: {string.Join(", ", missing)} (give an mbox file, a Maildir, or a folder of .eml/.ics files)");
        var existing = await store.FindAccountAsync(accountName, cancellationToken);
        if (existing is null && owners.Count == 0)
            throw new UserError($"account '{accountName}' is new: say whose mailbox it is with --owner ADDRESS");
        foreach (var owner in owners)
        {
            if (!owner.Contains('@', StringComparison.Ordinal))
                throw new UserError($"--owner '{owner}' is not an email address");
        }

        var sources = new List<ISource>();
        foreach (var path in paths)
        {
            var found = files.Discover(path);
            if (found.Count == 0)
                throw new UserError($"no mbox, Maildir, .eml or .ics found in {path}: nothing was imported (give the folder your mail client exported, or the file itself)");
            sources.AddRange(found);
        }
        var account = await store.EnsureAccountAsync(accountName, owners, timeZone, cancellationToken);
        Log.ImportStarted(logger, account.Name, sources.Count);
        var summary = await ingestor.IngestAsync(account, sources, progress, cancellationToken);
        if (summary.Quarantined > 0)
            Log.Quarantined(logger, account.Name, summary.Quarantined);
        return (account, summary);
    }
}
