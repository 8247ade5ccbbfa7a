using System.Globalization;
using InboxNetworking.Core.Domain;
using InboxNetworking.Graph;
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
        var (host, user, folders, fix) = connection.Kind == GraphSettings.Kind
            ? GraphView(account, GraphSettings.FromJson(connection.Settings))
            : ImapView(account, ImapSettings.FromJson(connection.Settings));
        var state = connection.State switch
        {
            ConnectionState.NeedsReconnect => "needs reconnect",
            ConnectionState.Failing => "failing",
            _ => "ok",
        };
        return new View(connection.Kind, host, user, folders, state, connection.LastError, connection.LastSyncAt, connection.LastOutcome,
            connection.State == ConnectionState.NeedsReconnect ? fix : null);
    }

    private static (string Host, string User, IReadOnlyList<string> Folders, string Fix) ImapView(Account account, ImapSettings s) =>
        (s.Host, s.User, s.Folders.Select(f => f.Name).ToList(),
            $"inboxnet connect imap --account {account.Name} --host {s.Host} --user {s.User}");

    private static (string Host, string User, IReadOnlyList<string> Folders, string Fix) GraphView(Account account, GraphSettings s) =>
        (new Uri(s.Endpoint).Host, s.Mailbox, s.Folders.Select(f => f.Name).ToList(),
            s.SignIn == GraphSignIn.AppSecret
                ? $"inboxnet connect graph --account {account.Name} --sign-in app-secret --tenant {s.TenantId} --client-id {s.ClientId} --user {s.Mailbox}"
                : $"inboxnet connect graph --account {account.Name}{(s.TenantId == "organizations" ? "" : " --tenant " + s.TenantId)}{(s.ClientId == GraphSettings.DefaultPublicClientId ? "" : " --client-id " + s.ClientId)}");

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
            yield return $"  fix: {view.Fix} (then {(view.Kind == ImapSettings.Kind ? "type the password" : view.Fix.Contains("app-secret", StringComparison.Ordinal) ? "type the client secret" : "sign in")})";
    }

    public static string When(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
}
