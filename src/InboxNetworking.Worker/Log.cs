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
}
