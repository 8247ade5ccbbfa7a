using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Reports;

namespace InboxNetworking.Core.Ports;

/// <summary>The reporting store: every row keyed by account.</summary>
public interface IInboxStore
{
    Task<Account> EnsureAccountAsync(string name, IReadOnlyCollection<string> ownerAddresses, string? timeZoneId, CancellationToken cancellationToken);

    Task<Account?> FindAccountAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Erases the account and everything kept for it (mail facts, calendar, reports, contacts, models,
    /// credentials, checkpoints, runs), overwriting what it held; false when there was no such account.</summary>
    Task<bool> EraseAccountAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Erases one person from an account: their messages, their place in every other message's recipients
    /// and every meeting, and the stored analysis (to be rebuilt without them); returns how many mail and calendar
    /// rows changed.</summary>
    Task<int> EraseAddressAsync(long accountId, string address, CancellationToken cancellationToken);

    Task<string?> GetCheckpointAsync(long accountId, string sourceKey, CancellationToken cancellationToken);

    /// <summary>Writes the batch and its checkpoint in one transaction; items already stored are counted, not added.</summary>
    Task<BatchOutcome> CommitBatchAsync(long accountId, string sourceKey, SourceBatch batch, CancellationToken cancellationToken);

    Task RecordRunAsync(long accountId, string kind, DateTimeOffset finishedAt, string summary, CancellationToken cancellationToken);

    /// <summary>The account's messages, oldest first.</summary>
    IAsyncEnumerable<MailItem> ReadMailAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Every From address of messages seen in a Sent folder: the owner's aliases.</summary>
    Task<IReadOnlyList<string>> ListSentFromAddressesAsync(long accountId, CancellationToken cancellationToken);

    IAsyncEnumerable<CalendarItem> ReadCalendarAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Replaces the account's analysis (its monthly reports and known contacts) in one transaction, recorded
    /// as of <paramref name="readFrom"/>, when the analysis began reading: mail committed while it ran is not in
    /// it, so the account stays stale.</summary>
    Task SaveAnalysisAsync(long accountId, IReadOnlyList<MonthlyReport> reports, IReadOnlyList<Participant> contacts, DateTimeOffset readFrom, CancellationToken cancellationToken);

    Task<MonthlyReport?> LoadReportAsync(long accountId, string month, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListReportMonthsAsync(long accountId, CancellationToken cancellationToken);

    Task<AccountStatus> GetStatusAsync(long accountId, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(long accountId, int limit, CancellationToken cancellationToken);

    /// <summary>Connects the account (or replaces its settings and credential); its data and checkpoints stay.</summary>
    Task SaveConnectionAsync(long accountId, string kind, string settings, string protectedSecret, CancellationToken cancellationToken);

    /// <summary>How the account is reached; null for an account fed by imports only.</summary>
    Task<AccountConnection?> GetConnectionAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>The account's own merges: alias address -> the address it is counted as.</summary>
    Task<IReadOnlyDictionary<string, string>> ListAliasesAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Counts <paramref name="address"/> as <paramref name="canonical"/> from now on (null: as itself again);
    /// false when nothing changed.</summary>
    Task<bool> SetAliasAsync(long accountId, string address, string? canonical, CancellationToken cancellationToken);

    /// <summary>The account's own exclusions: addresses, and domains written "@domain".</summary>
    Task<IReadOnlyList<string>> ListExclusionsAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Adds (<paramref name="excluded"/>) or removes one exclusion; false when nothing changed.</summary>
    Task<bool> SetExclusionAsync(long accountId, string pattern, bool excluded, CancellationToken cancellationToken);

    /// <summary>Replaces the stored credential and nothing else (a refresh token the identity platform rotated).</summary>
    Task UpdateSecretAsync(long accountId, string protectedSecret, CancellationToken cancellationToken);

    Task RecordSyncOutcomeAsync(long accountId, ConnectionState state, string outcome, string? error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The Message-ID the month's report was delivered with, if it was.</summary>
    Task<string?> GetDeliveryAsync(long accountId, string month, CancellationToken cancellationToken);

    Task RecordDeliveryAsync(long accountId, string month, string messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The scoring decision last kept for the account and label, if any.</summary>
    Task<SavedModel?> LoadModelAsync(long accountId, string label, CancellationToken cancellationToken);

    /// <summary>Keeps a scoring decision, replacing the account's previous one for that label.</summary>
    Task SaveModelAsync(long accountId, SavedModel model, CancellationToken cancellationToken);
}

/// <summary>What one committed batch changed.</summary>
public sealed record BatchOutcome(int MessagesAdded, int Duplicates, int CalendarChanges, int Quarantined);

/// <summary>Counts shown by <c>inboxnet status</c>.</summary>
public sealed record AccountStatus(
    string Account,
    long Messages,
    long Events,
    long Contacts,
    long Quarantined,
    DateTimeOffset? LastImport,
    DateTimeOffset? LastSync,
    DateTimeOffset? LastAnalysis,
    DateTimeOffset? LastNewData = null)
{
    /// <summary>Mail or calendar items came in after the last analysis (or there was none): the stored reports are stale.</summary>
    public bool AnalysisStale => LastAnalysis is not { } analysed || LastNewData > analysed;
}
