using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Imap;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Application;

/// <summary>What `connect imap` was asked for; the password travels apart from everything that is stored plainly.</summary>
internal sealed record ImapConnectRequest(
    string Account,
    string Host,
    int? Port,
    string User,
    ImapSecurity Security,
    string? AcceptCertificate,
    IReadOnlyList<string> Owners,
    string? TimeZone,
    bool AllowInsecure,
    bool Deliver);

/// <summary>`inboxnet connect imap`: logs in to check, discovers the folders, then stores the account with its
/// password protected. Nothing is stored when any step fails.</summary>
internal sealed class ConnectService(IInboxStore store, ImapConnector connector, CredentialProtector protector, IOptions<ImapOptions> options, ILogger<ConnectService> logger)
{
    public async Task<(Account Account, ImapSettings Settings)> ConnectImapAsync(ImapConnectRequest request, string password, CancellationToken cancellationToken)
    {
        if (request.Security == ImapSecurity.None && !ImapConnector.IsLoopback(request.Host) && !request.AllowInsecure)
            throw new UserError($"--security none would send the password to '{request.Host}' in the clear: use ssl or starttls, or add --allow-insecure if you really mean it");
        if (request.TimeZone is not null)
            TimeZones.Require(request.TimeZone);
        foreach (var owner in request.Owners.Where(o => !o.Contains('@', StringComparison.Ordinal)))
            throw new UserError($"--owner '{owner}' is not an email address");
        if (string.IsNullOrEmpty(password))
            throw new UserError("no password given: type it at the prompt or pipe it with --password-stdin");

        var settings = new ImapSettings
        {
            Host = request.Host,
            Port = request.Port ?? ImapSettings.DefaultPort(request.Security),
            User = request.User,
            Security = request.Security,
            AcceptedCertificateSha256 = request.AcceptCertificate is { } pin ? ImapSettings.NormalizeFingerprint(pin) : null,
            DeliverReports = request.Deliver,
        };
        IReadOnlyList<TrackedFolder> folders;
        try
        {
            using var client = await connector.OpenAsync(settings, password, cancellationToken);
            folders = await FolderDiscovery.DiscoverAsync(client, options.Value.Folders, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SourceAuthenticationException or SourceUnavailableException)
        {
            throw new UserError($"could not connect, nothing stored: {e.Message}");
        }
        settings = settings with { Folders = folders };

        // The login user is an owner address when it looks like one.
        var owners = request.Owners.ToList();
        if (request.User.Contains('@', StringComparison.Ordinal) && !owners.Contains(request.User, StringComparer.OrdinalIgnoreCase))
            owners.Add(request.User);
        var existing = await store.FindAccountAsync(request.Account, cancellationToken);
        if (existing is null && owners.Count == 0)
            throw new UserError($"account '{request.Account}' is new and '{request.User}' is not an address: say whose mailbox it is with --owner ADDRESS");
        var account = await store.EnsureAccountAsync(request.Account, owners, request.TimeZone, cancellationToken);
        await store.SaveConnectionAsync(account.Id, ImapSettings.Kind, settings.ToJson(), protector.Protect(password), cancellationToken);
        Log.Connected(logger, account.Name, settings.Host, folders.Count);
        return (account, settings);
    }
}
