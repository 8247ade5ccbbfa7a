using Microsoft.Extensions.Logging;

namespace InboxNetworking.Worker;

/// <summary>Every log line the worker writes; none carries a secret or a message body.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Importing {SourceCount} source(s) into account '{Account}'")]
    public static partial void ImportStarted(ILogger logger, string account, int sourceCount);

    [LoggerMessage(2, LogLevel.Warning, "{Count} item(s) quarantined in account '{Account}': see 'inboxnet status --account {Account}'")]
    public static partial void Quarantined(ILogger logger, string account, int count);

    [LoggerMessage(3, LogLevel.Information, "Analysed account '{Account}': {Months} month(s), {Contacts} contact(s), {Interactions} interaction(s)")]
    public static partial void Analysed(ILogger logger, string account, int months, int contacts, int interactions);

    [LoggerMessage(4, LogLevel.Information, "Connected account '{Account}' to {Host}: {Folders} folder(s) tracked")]
    public static partial void Connected(ILogger logger, string account, string host, int folders);

    [LoggerMessage(5, LogLevel.Information, "Synced account '{Account}' ({Folders}): {Added} message(s) added, {Calendar} calendar change(s), {Quarantined} quarantined in {Seconds:0.0} s")]
    public static partial void Synced(ILogger logger, string account, string folders, int added, int calendar, int quarantined, double seconds);

    [LoggerMessage(6, LogLevel.Error, "Account '{Account}' needs reconnecting: {Reason}. Fix: inboxnet connect ... --account {Account} again")]
    public static partial void NeedsReconnect(ILogger logger, string account, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Sync of account '{Account}' failed, the next one retries: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string account, string reason);

    [LoggerMessage(8, LogLevel.Information, "Monthly report of account '{Account}' for {Month}: {Outcome}")]
    public static partial void ReportDelivered(ILogger logger, string account, string month, string outcome);

    [LoggerMessage(9, LogLevel.Information, "Worker scheduling account '{Account}': sync every {Interval}, report on the 1st at {Hour}:00 {TimeZone}")]
    public static partial void Scheduled(ILogger logger, string account, TimeSpan interval, int hour, string timeZone);

    [LoggerMessage(10, LogLevel.Warning, "Tightened the permissions of {Count} entr(y/ies) in the data directory {Path} to owner-only")]
    public static partial void PermissionsTightened(ILogger logger, int count, string path);

    [LoggerMessage(11, LogLevel.Information, "Stopped the {Task} job of account '{Account}' at a batch boundary; the next run resumes there")]
    public static partial void JobStopped(ILogger logger, string account, string task);

    [LoggerMessage(12, LogLevel.Error, "The {Task} job of account '{Account}' failed ({Error}: {Message}); the worker goes on")]
    public static partial void JobFailed(ILogger logger, string account, string task, string error, string message);

    [LoggerMessage(13, LogLevel.Information, "Worker started on {DataDir}: {Accounts} connected account(s), sync every {Interval}")]
    public static partial void WorkerStarted(ILogger logger, string dataDir, int accounts, TimeSpan interval);

    [LoggerMessage(14, LogLevel.Information, "Depth of account '{Account}' is scored by {Method} ({Decision}): {Reason}")]
    public static partial void DepthScoring(ILogger logger, string account, string method, string decision, string reason);
}
