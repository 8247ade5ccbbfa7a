using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using InboxNetworking.Core.Ports;
using MailKit.Net.Imap;
using MailKit.Security;

namespace InboxNetworking.Imap;

/// <summary>Opens authenticated MailKit clients for one account, with the certificate checked as the person
/// decided, and turns every way a connection fails into one line that says which step failed.</summary>
public sealed class ImapConnector(ImapOptions options)
{
    /// <summary>A connected, logged-in client; the caller owns it.</summary>
    /// <exception cref="SourceAuthenticationException">The server refused the user or password.</exception>
    /// <exception cref="SourceUnavailableException">DNS, connection, TLS or protocol failure.</exception>
    public async Task<ImapClient> OpenAsync(ImapSettings settings, string password, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = checked((int)options.CommandTimeout.TotalMilliseconds) };
        string? untrusted = null;
        SslPolicyErrors errors = SslPolicyErrors.None;
        client.ServerCertificateValidationCallback = (_, certificate, _, policyErrors) =>
        {
            if (policyErrors == SslPolicyErrors.None)
                return true;
            // Not a blanket "accept all": only the one certificate the person pinned passes.
            errors = policyErrors;
            untrusted = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
            return untrusted is not null && settings.AcceptedCertificateSha256 is { } pinned
                && string.Equals(ImapSettings.NormalizeFingerprint(pinned), untrusted, StringComparison.Ordinal);
        };
        var where = $"{settings.Host}:{settings.Port}";
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), cancellationToken);
            // One attempt: MailKit would otherwise go on to the next mechanism and then LOGIN after a refusal,
            // three refused logins (each delayed by the server) where one says it all.
            var credentials = new NetworkCredential(settings.User, password);
            if (client.AuthenticationMechanisms.Contains("PLAIN"))
                await client.AuthenticateAsync(new SaslMechanismPlain(credentials), cancellationToken);
            else
                await client.AuthenticateAsync(credentials, cancellationToken);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw e switch
            {
                AuthenticationException => new SourceAuthenticationException(
                    $"login: {where} refused user '{settings.User}': check the password (an app password where the provider asks for one) and run 'inboxnet connect imap' again", e),
                SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => new SourceUnavailableException(
                    $"DNS: host '{settings.Host}' not found: check --host", e, isTransient: false),
                SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new SourceUnavailableException(
                    $"refused: nothing accepts connections on {where}: check --host and --port", e),
                SocketException s => new SourceUnavailableException($"network: {where}: {s.SocketErrorCode}", e),
                SslHandshakeException when untrusted is not null => new SourceUnavailableException(
                    $"TLS: the certificate of {where} is not trusted ({errors}); its SHA-256 fingerprint is {untrusted}. " +
                    $"If this is your server's certificate, run connect again with --accept-certificate {untrusted}", e, isTransient: false),
                SslHandshakeException => new SourceUnavailableException(
                    $"TLS: the handshake with {where} failed: check --security (ssl for port 993, starttls for 143)", e, isTransient: false),
                ImapProtocolException or ImapCommandException or NotSupportedException => new SourceUnavailableException(
                    $"protocol: {where} did not answer as an IMAP server with --security {settings.Security.ToString().ToLowerInvariant()}: check --port and --security", e),
                TimeoutException or OperationCanceledException => new SourceUnavailableException($"timeout: {where} did not answer within {options.CommandTimeout}", e),
                IOException => new SourceUnavailableException($"network: the connection to {where} was dropped ({e.Message})", e),
                _ => e,
            };
        }
    }

    private static SecureSocketOptions SocketOptions(ImapSecurity security) => security switch
    {
        ImapSecurity.Ssl => SecureSocketOptions.SslOnConnect,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>Plain-text IMAP is only for this machine unless the person insists.</summary>
    public static bool IsLoopback(string host) =>
        host is "localhost" or "::1" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
