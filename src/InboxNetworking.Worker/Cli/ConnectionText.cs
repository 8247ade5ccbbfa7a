using System.Globalization;
using InboxNetworking.Core.Domain;
using InboxNetworking.Imap;

namespace InboxNetworking.Worker.Cli;

/// <summary>How `accounts` and `status` word an account's connection, in one place.</summary>
internal static class ConnectionText
{
    /// <summary>A JSON-friendly view of the connection; the credential is never part of it.</summary>
    public sealed record View(string Kind, string? Host, string? User, IReadOnlyList<string> Folders, string State, string? LastError, DateTimeOffset? LastSync, string? LastOutcome, string? Fix);

    public static View Describe(Account account, AccountConnection? connection)
    {
        if (connection is null)
            return new View("files", null, null, [], "ok", null, null, null, null);
        var settings = connection.Kind == ImapSettings.Kind ? ImapSettings.FromJson(connection.Settings) : null;
        var state = connection.State switch
        {
            ConnectionState.NeedsReconnect => "needs reconnect",
            ConnectionState.Failing => "failing",
            _ => "ok",
        };
        var fix = connection.State == ConnectionState.NeedsReconnect
            ? $"inboxnet connect imap --account {account.Name} --host {settings?.Host} --user {settings?.User}"
            : null;
        return new View(connection.Kind, settings?.Host, settings?.User, settings?.Folders.Select(f => f.Name).ToList() ?? [],
            state, connection.LastError, connection.LastSyncAt, connection.LastOutcome, fix);
    }

    public static IEnumerable<string> Lines(Account account, View view)
    {
        if (view.Kind == "files")
        {
            yield return $"{account.Name}: files (fed by 'inboxnet import')";
            yield break;
        }
        yield return $"{account.Name}: {view.Kind} {view.User} at {view.Host}; state: {view.State}";
        yield return $"  folders: {string.Join(", ", view.Folders)}";
        yield return $"  last sync: {When(view.LastSync)}{(view.LastOutcome is null ? "" : " (" + view.LastOutcome + ")")}";
        if (view.LastError is not null)
            yield return $"  last error: {view.LastError}";
        if (view.Fix is not null)
            yield return $"  fix: {view.Fix} (then type the password)";
    }

    public static string When(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
}
