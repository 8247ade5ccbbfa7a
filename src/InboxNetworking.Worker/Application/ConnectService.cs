using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Graph;
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

/// <summary>What `connect graph` was asked for; the client secret travels apart.</summary>
internal sealed record GraphConnectRequest(
    string Account,
    GraphSignIn SignIn,
    string? Mailbox,
    string TenantId,
    string ClientId,
    string Endpoint,
    string Authority,
    IReadOnlyList<string> Owners,
    string? TimeZone,
    bool AllowInsecure,
    bool Deliver);

/// <summary>`inboxnet connect imap|graph`: signs in to check, discovers the folders, then stores the account with its
/// credential protected. Nothing is stored when any step fails.</summary>
internal sealed class ConnectService(
    IInboxStore store,
    ImapConnector connector,
    GraphConnector graph,
    CredentialProtector protector,
    IOptions<ImapOptions> options,
    IOptions<GraphOptions> graphOptions,
    ILogger<ConnectService> logger)
{
    public async Task<(Account Account, ImapSettings Settings)> ConnectImapAsync(ImapConnectRequest request, string password, CancellationToken cancellationToken)
    {
        if (request.Security == ImapSecurity.None && !ImapConnector.IsLoopback(request.Host) && !request.AllowInsecure)
            throw new UserError($"--security none would send the password to '{request.Host}' in the clear: use ssl or starttls, or add --allow-insecure if you really mean it");
        RequireOwnersAndZone(request.Owners, request.TimeZone);
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
        var account = await SaveAsync(request.Account, request.User, owners, request.TimeZone, ImapSettings.Kind, settings.ToJson(), password, cancellationToken);
        Log.Connected(logger, account.Name, settings.Host, folders.Count);
        return (account, settings);
    }

    /// <summary>Signs in (the app's secret, asked for through <paramref name="clientSecret"/>; or the person by device
    /// code, told where through <paramref name="show"/>), finds the folders and whether the calendar may be read.</summary>
    public async Task<(Account Account, GraphSettings Settings)> ConnectGraphAsync(GraphConnectRequest request, Func<CancellationToken, Task<string>> clientSecret,
        Func<string, CancellationToken, Task> show, CancellationToken cancellationToken)
    {
        foreach (var (option, address) in new[] { ("--endpoint", request.Endpoint), ("--authority", request.Authority) })
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                throw new UserError($"{option} '{address}' is not an http(s) address");
            if (uri.Scheme == "http" && !ImapConnector.IsLoopback(uri.Host) && !request.AllowInsecure)
                throw new UserError($"{option} {address} would send the secret and the mail in the clear: use https, or add --allow-insecure if you really mean it");
        }
        RequireOwnersAndZone(request.Owners, request.TimeZone);
        var appOnly = request.SignIn == GraphSignIn.AppSecret;
        if (appOnly && (request.Mailbox is null || request.TenantId is "organizations" or "common"))
            throw new UserError("--sign-in app-secret reads one mailbox of one tenant: give --user MAILBOX and --tenant (your tenant's id or domain)");

        var settings = new GraphSettings
        {
            Mailbox = request.Mailbox ?? "",
            TenantId = request.TenantId,
            ClientId = request.ClientId,
            SignIn = request.SignIn,
            DeliverReports = request.Deliver,
            Endpoint = request.Endpoint.TrimEnd('/'),
            Authority = request.Authority.TrimEnd('/'),
        };
        IReadOnlyList<GraphFolder> folders;
        bool calendar;
        string secret;
        try
        {
            DeviceSignIn? signedIn = null;
            if (appOnly)
            {
                secret = await clientSecret(cancellationToken);
                if (string.IsNullOrEmpty(secret))
                    throw new UserError("no client secret given: type it at the prompt or pipe it with --client-secret-stdin");
            }
            else
            {
                signedIn = await graph.SignInWithDeviceCodeAsync(settings, show, cancellationToken);
                secret = signedIn.RefreshToken;
            }
            // Connecting may already rotate the refresh token: the last one is what is stored.
            using var session = graph.Open(settings, secret, (next, _) => Task.FromResult(secret = next), signedIn);
            if (!appOnly)
                settings = settings with { Mailbox = request.Mailbox ?? await GraphConnector.SignedInMailboxAsync(session, settings, cancellationToken) };
            folders = await GraphConnector.DiscoverFoldersAsync(session, settings, graphOptions.Value.TrackedFolders(), cancellationToken);
            calendar = await GraphConnector.CanReadCalendarAsync(session, settings, cancellationToken);
        }
        catch (Exception e) when (e is SourceAuthenticationException or SourceUnavailableException)
        {
            throw new UserError($"could not connect, nothing stored: {e.Message}");
        }
        if (folders.Count == 0)
            throw new UserError($"could not connect, nothing stored: mailbox '{settings.Mailbox}' has none of the folders {string.Join(", ", graphOptions.Value.TrackedFolders())}");
        settings = settings with { Folders = folders, TrackCalendar = calendar };

        var owners = request.Owners.ToList();
        if (settings.Mailbox.Contains('@', StringComparison.Ordinal) && !owners.Contains(settings.Mailbox, StringComparer.OrdinalIgnoreCase))
            owners.Add(settings.Mailbox);
        var account = await SaveAsync(request.Account, settings.Mailbox, owners, request.TimeZone, GraphSettings.Kind, settings.ToJson(), secret, cancellationToken);
        Log.Connected(logger, account.Name, new Uri(settings.Endpoint).Host, folders.Count);
        return (account, settings);
    }

    private static void RequireOwnersAndZone(IReadOnlyList<string> owners, string? timeZone)
    {
        if (timeZone is not null)
            TimeZones.Require(timeZone);
        foreach (var owner in owners.Where(o => !o.Contains('@', StringComparison.Ordinal)))
            throw new UserError($"--owner '{owner}' is not an email address");
    }

    private async Task<Account> SaveAsync(string name, string user, List<string> owners, string? timeZone, string kind, string settings, string secret, CancellationToken cancellationToken)
    {
        var existing = await store.FindAccountAsync(name, cancellationToken);
        if (existing is null && owners.Count == 0)
            throw new UserError($"account '{name}' is new and '{user}' is not an address: say whose mailbox it is with --owner ADDRESS");
        var account = await store.EnsureAccountAsync(name, owners, timeZone, cancellationToken);
        await store.SaveConnectionAsync(account.Id, kind, settings, protector.Protect(secret), cancellationToken);
        return account;
    }
}
