using System.Diagnostics;
using MailKit;
using MailKit.Search;
using InboxNetworking.Tests.TestData;

namespace InboxNetworking.Tests.Imap;

/// <summary>`inboxnet run`, the worker, on a short schedule: the month's report reaches the INBOX exactly once,
/// across reruns and across a crash between the APPEND and its record.</summary>
[Collection(DovecotCollection.Name)]
public sealed class WorkerTests(DovecotServer server) : ImapTestBase(server)
{
    [Fact]
    public async Task Run_DeliversLastMonthsReportIntoTheInboxExactlyOnce_AlsoAfterARestartAndACrashAfterTheAppend()
    {
        var (user, password) = Server.NewUser();
        // Now is 15 December: November's report is due (the 1st at 07:00 has passed) and November has mail.
        Server.Seed(user, "INBOX", Messages(8, "ann@x.example", user, "nov", new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero)));
        Server.Seed(user, "Sent", Messages(8, user, "ann@x.example", "nov-out", new DateTimeOffset(2025, 11, 3, 10, 0, 0, TimeSpan.Zero)));
        var cli = await ConnectedAsync("me", user, password);
        WriteSettings(cli, "\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");

        var first = await RunWorkerUntilAsync(cli, async () => await ReportsInInboxAsync(user, password) > 0);
        Assert.True(first.Code == 0, first.Err);
        await Task.Delay(3000); // a few more sync cycles must not deliver again
        Assert.Equal(1, await ReportsInInboxAsync(user, password));
        Assert.True(File.Exists(Path.Combine(cli.DataDir, "reports", "me", "report-2025-11.html")));
        Assert.True(File.Exists(Path.Combine(cli.DataDir, "reports", "me", "report-2025-11.eml")));
        Assert.Contains("delivered to the INBOX", first.Err, StringComparison.Ordinal);

        // A second run of the worker: the delivery is recorded, nothing is sent again.
        await RunWorkerForAsync(cli, TimeSpan.FromSeconds(4));
        Assert.Equal(1, await ReportsInInboxAsync(user, password));

        // A crash right after the APPEND, before its record: the Message-ID in the INBOX stops a second copy.
        await StoreFile.ExecuteAsync(cli.DataDir, "DELETE FROM deliveries");
        var third = await RunWorkerUntilAsync(cli, async () => await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM deliveries") > 0);
        Assert.Contains("already in the INBOX", third.Err, StringComparison.Ordinal);
        Assert.Equal(1, await ReportsInInboxAsync(user, password));

        // The product's own report is never an interaction: after syncing it, the contacts are the same.
        Assert.Equal(1, (await StatusAsync(cli, "me")).GetProperty("contacts").GetInt64());
    }

    [Fact]
    public async Task Run_PicksUpAnAccountConnectedWhileItRuns()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(4, "ann@x.example", user, "late", Now.AddDays(-3)));
        var cli = Cli();
        WriteSettings(cli, "\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");
        using var stop = new CancellationTokenSource();
        var worker = cli.RunWithInput(null, stop.Token, "run");
        await Task.Delay(1500);
        var (code, _, err) = await ConnectAsync(cli, "late", user, password);
        Assert.True(code == 0, err);
        var sw = Stopwatch.StartNew();
        while (await MessagesAsync(cli, "late") < 4 && sw.Elapsed < Timeout)
            await Task.Delay(200);
        await stop.CancelAsync();
        var result = await worker;
        Assert.True(result.Code == 0, result.Err);
        Assert.True(await MessagesAsync(cli, "late") == 4, result.Err);
    }

    private static async Task<(int Code, string Out, string Err)> RunWorkerUntilAsync(Worker.CliRunner cli, Func<Task<bool>> done)
    {
        using var stop = new CancellationTokenSource();
        var worker = cli.RunWithInput(null, stop.Token, "run");
        var sw = Stopwatch.StartNew();
        while (!await done() && !worker.IsCompleted && sw.Elapsed < Timeout)
            await Task.Delay(250);
        await stop.CancelAsync();
        var result = await worker;
        Assert.True(await done(), $"the worker did not get there in {sw.Elapsed} (exit {result.Code}): {result.Err}");
        return result;
    }

    private static async Task RunWorkerForAsync(Worker.CliRunner cli, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var (code, _, err) = await cli.RunWithInput(null, stop.Token, "run");
        Assert.True(code == 0, err);
    }

    private async Task<int> ReportsInInboxAsync(string user, string password)
    {
        using var client = await Server.ClientAsync(user, password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var found = await client.Inbox.SearchAsync(SearchQuery.HeaderContains("X-InboxNet-Report", "2025-11"));
        await client.DisconnectAsync(true);
        return found.Count;
    }
}
