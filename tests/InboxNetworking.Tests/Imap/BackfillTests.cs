using System.Diagnostics;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Imap;

/// <summary>A 20k-message backfill interrupted the hard ways: the process SIGKILLed, the server restarted.</summary>
[Collection(DovecotCollection.Name)]
public sealed class BackfillTests(DovecotServer server) : ImapTestBase(server)
{
    [Fact]
    public async Task Sync_KilledMidBackfill_ThenRunAgain_NeitherLosesNorDuplicates()
    {
        var (user, password) = Server.LargeMailbox();
        // A slower link and small batches: on loopback in batches of 1000 the whole mailbox syncs in about a second.
        using var link = CuttingProxy.Slow(Server.PlainPort);
        var cli = await ConnectedThroughAsync(link, "me", user, password);
        WriteSettings(cli, imap: "\"BatchSize\": 25");

        using (var first = ChildProcess.StartInboxNet(cli.DataDir, "sync", "--account", "me"))
            await first.KillWhenAsync(async () => await ImapCheckpointsAsync(cli) > 0, TimeSpan.FromSeconds(90));
        var committed = await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages");
        Assert.InRange(committed, 1, DovecotServer.LargeCount - 1);

        using var second = ChildProcess.StartInboxNet(cli.DataDir, "sync", "--account", "me");
        Assert.True(await second.WaitAsync(Timeout) == 0, second.Output + second.Error);
        Assert.Contains($"{DovecotServer.LargeCount - committed} messages added, 0 duplicates", second.Output, StringComparison.Ordinal);
        Assert.Equal(DovecotServer.LargeCount, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task Sync_ServerRestartedMidway_Completes()
    {
        var (user, password) = Server.LargeMailbox();
        // A slower link and small batches: on loopback in batches of 1000 the whole mailbox syncs in about a second.
        using var link = CuttingProxy.Slow(Server.PlainPort);
        var cli = await ConnectedThroughAsync(link, "me", user, password);
        WriteSettings(cli, imap: "\"BatchSize\": 25");
        var sync = cli.Run("sync", "--account", "me");
        var sw = Stopwatch.StartNew();
        while (await ImapCheckpointsAsync(cli) == 0 && !sync.IsCompleted)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(90), "no checkpoint within 90 s");
            await Task.Delay(10);
        }
        Assert.False(sync.IsCompleted, "the sync ended before the server could be restarted");
        Server.Stop();
        await Task.Delay(1500);
        Server.Start();

        var (code, output, err) = await sync;
        Assert.True(code == 0, output + err);
        Assert.Equal(DovecotServer.LargeCount, await MessagesAsync(cli, "me"));
        // Not a terminal: plain progress lines with counts and an estimate.
        Assert.Contains($"me: 5000 of {DovecotServer.LargeCount} messages read", err, StringComparison.Ordinal);
    }

    private static Task<long> ImapCheckpointsAsync(Worker.CliRunner cli) =>
        StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM checkpoints WHERE source_key LIKE 'imap:%'");
}
