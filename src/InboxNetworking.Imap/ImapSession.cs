using MailKit;
using MailKit.Net.Imap;

namespace InboxNetworking.Imap;

/// <summary>One account's connection for one job, never shared across threads (MailKit's FAQ): opened on
/// first use and opened again after a failure, so the pipeline's retry lands on a fresh connection.</summary>
public sealed class ImapSession(ImapConnector connector, ImapSettings settings, string password) : IAsyncDisposable
{
    private ImapClient? _client;

    public ImapSettings Settings => settings;

    /// <summary>The capabilities after login (CONDSTORE and QRESYNC are only announced then).</summary>
    public ImapCapabilities Capabilities => _client?.Capabilities ?? ImapCapabilities.None;

    public async Task<ImapClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true })
            return _client;
        await DropAsync();
        _client = await connector.OpenAsync(settings, password, cancellationToken);
        return _client;
    }

    /// <summary>The folder, opened with the access asked for.</summary>
    public async Task<IMailFolder> OpenAsync(string name, FolderAccess access, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        var folder = string.Equals(name, client.Inbox.FullName, StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(name, cancellationToken);
        if (!folder.IsOpen || folder.Access < access)
            await folder.OpenAsync(access, cancellationToken);
        return folder;
    }

    /// <summary>Runs an IMAP call; on any failure the connection is dropped so that a retry starts clean.</summary>
    public async Task<T> RunAsync<T>(Func<ImapClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(await ClientAsync(cancellationToken), cancellationToken);
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    private async Task DropAsync()
    {
        if (_client is null)
            return;
        var client = _client;
        _client = null;
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: false, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or OperationCanceledException or ObjectDisposedException)
        {
            // the connection is already gone; nothing to tell
        }
        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ImapProtocolException or OperationCanceledException)
            {
                // leaving anyway
            }
        }
        _client?.Dispose();
        _client = null;
    }
}
