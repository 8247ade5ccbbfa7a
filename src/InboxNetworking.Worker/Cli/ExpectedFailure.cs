using InboxNetworking.Core.Ports;
using InboxNetworking.Storage;
using InboxNetworking.Worker.Hosting;
using Microsoft.Data.Sqlite;

namespace InboxNetworking.Worker.Cli;

/// <summary>
/// The one place that turns a failure a person can fix into one line that says what to do. Anything not
/// described here is a bug, and keeps its stack trace.
/// </summary>
internal static class ExpectedFailure
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC, as IOException.HResult carries it on Unix

    /// <summary>The line for <paramref name="e"/>, or null when it is not an expected failure.</summary>
    public static string? Describe(Exception e, string dataDir) => e switch
    {
        UserError or StoreException or FileNotFoundException or DirectoryNotFoundException => e.Message,
        // A mail server's refusal or absence, already worded by its connector (delivering by hand, say).
        SourceAuthenticationException or SourceUnavailableException => e.Message,
        InvalidDataException when e.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) =>
            $"the settings file cannot be read: {e.Message.ReplaceLineEndings(" ")} (fix or remove {SettingsFile(dataDir)})",
        SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } =>
            StoreException.Damaged(DataDirectory.DatabasePath(dataDir), $"SQLite found it damaged while reading ({e.Message.ReplaceLineEndings(" ")})").Message,
        SqliteException { SqliteErrorCode: SqliteFull } => DiskFull(dataDir),
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } =>
            $"the store {DataDirectory.DatabasePath(dataDir)} stayed busy: another inboxnet process is writing it; nothing was lost, run the command again when it has finished",
        IOException when (e.HResult & 0xFFFF) == NoSpaceLeftOnDevice => DiskFull(dataDir),
        UnauthorizedAccessException => $"{e.Message} (check that the path is yours and is a file, not a folder)",
        IOException when e.Message.Contains("Is a directory", StringComparison.Ordinal) => $"{e.Message} (give a file, not a folder)",
        _ => null,
    };

    private static string DiskFull(string dataDir) =>
        $"the disk is full (data directory {dataDir}); what was committed before stays: free some space and run the command again";

    private static string SettingsFile(string dataDir) => DataDirectory.SettingsPath(dataDir);
}
