using System.Net;
using System.Net.Sockets;

namespace InboxNetworking.Tests.Imap;

/// <summary>A loopback TCP proxy in front of the test Dovecot that drops the first <c>cuts</c> connections
/// which carry more than <c>bytes</c> from the server (a network that fails mid-command), or, with a
/// <c>pace</c>, waits that long after each chunk it relays (a slower network).</summary>
internal sealed class CuttingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _upstreamPort;
    private readonly long _bytes;
    private readonly TimeSpan _pace;
    private int _cutsLeft;

    public CuttingProxy(int upstreamPort, long bytes, int cuts, TimeSpan pace = default)
    {
        _upstreamPort = upstreamPort;
        _bytes = bytes;
        _cutsLeft = cuts;
        _pace = pace;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A link that cuts nothing but pauses a millisecond per chunk: a 20k-message backfill then takes
    /// seconds instead of about one, long enough for a test to step in midway whatever else the machine runs.</summary>
    public static CuttingProxy Slow(int upstreamPort) => new(upstreamPort, long.MaxValue, 0, TimeSpan.FromMilliseconds(1));

    /// <summary>How many connections were cut so far.</summary>
    public int Cuts { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromMinutes(5)); // nothing a test starts outlives it
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, timeout.Token);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), timeout.Token);
            var down = CopyDownAsync(upstream.GetStream(), client.GetStream(), timeout.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // one side went away: so does the other
        }
    }

    /// <summary>Server to client, cutting the connection once it has carried more than the limit (while cuts are left).</summary>
    private async Task CopyDownAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long carried = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            if (_pace > TimeSpan.Zero)
                await Task.Delay(_pace, cancellationToken);
            carried += read;
            if (carried > _bytes && Interlocked.Decrement(ref _cutsLeft) >= 0)
            {
                Cuts++;
                return; // both sockets close as the relay ends
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
