using System.Diagnostics;
using System.Text.RegularExpressions;
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
    public async Task Deliver_ByHand_OnceUnlessAgain_WritesWhatReportEmlShows_AndSyncSkipsTheReports()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(6, "ann@x.example", user, "hand", new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero)));
        Server.Seed(user, "Sent", Messages(6, user, "ann@x.example", "hand-out", new DateTimeOffset(2025, 11, 3, 10, 0, 0, TimeSpan.Zero)));
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");

        var (code, eml, err) = await cli.Run("report", "--account", "me", "--month", "2025-11", "--format", "eml");
        Assert.True(code == 0, err);
        var shown = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(eml)));
        Assert.Equal("Your networking report for November 2025: me", shown.Subject);
        Assert.Equal("2025-11", shown.Headers["X-InboxNet-Report"]);
        Assert.Contains("<html", shown.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(shown.TextBody));
        Assert.Equal(["inboxnet-2025-11-contacts.csv", "inboxnet-2025-11.json"], shown.Attachments.Select(a => a.ContentDisposition?.FileName ?? "").Order(StringComparer.Ordinal));

        var first = await cli.Run("deliver", "--account", "me", "--month", "2025-11");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("delivered to the INBOX", first.Out, StringComparison.Ordinal);
        Assert.Equal(1, await ReportsInInboxAsync(user, password));
        var delivered = await ReportInInboxAsync(user, password);
        Assert.Equal(shown.MessageId, delivered.MessageId);
        Assert.Equal(shown.Subject, delivered.Subject);
        var saved = Path.Combine(cli.DataDir, "reports", "me", "report-2025-11.eml");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(saved));

        var second = await cli.Run("deliver", "--account", "me", "--month", "2025-11");
        Assert.True(second.Code == 0, second.Err);
        Assert.Contains("already delivered", second.Out, StringComparison.Ordinal);
        Assert.Equal(1, await ReportsInInboxAsync(user, password));

        var again = await cli.Run("deliver", "--account", "me", "--month", "2025-11", "--again");
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(2, await ReportsInInboxAsync(user, password));

        // The reports are in the INBOX now: the next sync neither stores nor counts them.
        await SyncAsync(cli, "me");
        var status = await StatusAsync(cli, "me");
        Assert.Equal(12, status.GetProperty("messages").GetInt64());
        Assert.Equal(0, status.GetProperty("quarantined").GetInt64());
        Assert.Equal(1, status.GetProperty("contacts").GetInt64());
    }

    [Fact]
    public async Task Run_AsTheRealBinary_SyncsAMessageAppendedWhileItRuns_WithinTwoIntervals_AndExitsZeroOnSigterm()
    {
        // Long enough that a sync cycle fits in one even when CI's two cores are busy with other tests.
        var interval = TimeSpan.FromSeconds(5);
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(5, "ann@x.example", user, "live", Now.AddDays(-2)));
        var cli = await ConnectedAsync("me", user, password);
        WriteSettings(cli, $"\"SyncInterval\": \"{interval}\", \"AccountScanInterval\": \"00:00:01\"");

        using var worker = ChildProcess.StartInboxNet(cli.DataDir, "run");
        await WaitForAsync(async () => await MessagesAsync(cli, "me") == 5, Timeout, worker);
        using (var client = await Server.ClientAsync(user, password))
        {
            await client.Inbox.AppendAsync(MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                Rfc822.Message("bob@y.example", user, Now.AddHours(-1), "appended-while-running@test").ReplaceLineEndings("\r\n")))));
            await client.DisconnectAsync(true);
        }
        var appended = Stopwatch.StartNew();
        await WaitForAsync(async () => await MessagesAsync(cli, "me") == 6, 2 * interval, worker);
        Assert.True(appended.Elapsed <= 2 * interval, $"the appended message took {appended.Elapsed}");
        // Each run says what it did: the account, its folders, what came in, how long it took. The line
        // follows the commit the count above saw, so it is waited for (a busy machine widens the gap).
        const string Synced = @"Synced account 'me' \(INBOX, [^)]*\): 1 message\(s\) added, 0 calendar change\(s\), 0 quarantined in \d+\.\d s";
        await WaitForAsync(() => Task.FromResult(Regex.IsMatch(worker.Error, Synced)), Timeout, worker);

        await Task.Delay(2 * interval); // two more syncs that bring nothing

        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Matches(Synced, worker.Error);
        // Analysed after the first sync; after the appended message at most once more (the appended message's sync
        // came within InboxNet:Worker:AnalysisInterval of the first analysis, but last month's report, undelivered
        // while that month has no mail, is looked for again now that mail came in); never after a sync that brought
        // nothing (each one did, while a due month had no mail).
        Assert.InRange(Regex.Count(worker.Error, "Analysed account 'me'"), 1, 2);
    }

    [Fact]
    public async Task Run_SigtermMidBackfill_ExitsZero_AndTheNextSyncNeitherLosesNorDuplicates()
    {
        var (user, password) = Server.LargeMailbox();
        // A slower link and small batches: on loopback in batches of 1000 the whole mailbox syncs in about a second.
        using var link = CuttingProxy.Slow(Server.PlainPort);
        var cli = await ConnectedThroughAsync(link, "me", user, password);
        WriteSettings(cli, "\"SyncInterval\": \"00:15:00\", \"AccountScanInterval\": \"00:00:01\"", imap: "\"BatchSize\": 25");

        using (var worker = ChildProcess.StartInboxNet(cli.DataDir, "run"))
        {
            await WaitForAsync(async () => await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM checkpoints WHERE source_key LIKE 'imap:%'") > 0, Timeout, worker);
            await worker.TerminateAsync();
            Assert.True(await worker.WaitAsync(TimeSpan.FromSeconds(30)) == 0, worker.Error);
        }
        var committed = await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages");
        Assert.InRange(committed, 1, DovecotServer.LargeCount - 1);

        var output = await SyncAsync(cli, "me");
        Assert.Contains($"{DovecotServer.LargeCount - committed} messages added, 0 duplicates", output, StringComparison.Ordinal);
        Assert.Equal(DovecotServer.LargeCount, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM messages"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit, ChildProcess worker)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(worker.HasExited, "the worker ended: " + worker.Error);
            Assert.True(waited.Elapsed < limit, $"not within {limit}; the worker said: {worker.Error}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Run_AcrossTheMonthBoundary_DeliversExactlyOneReportPerAccount_AtSevenInTheAccountsZone()
    {
        // Four seconds before 07:00 on 1 December in London (UTC in winter): November is not due yet.
        var clock = new ShiftedTime(new DateTimeOffset(2025, 12, 1, 6, 59, 56, TimeSpan.Zero));
        var users = new[] { Server.NewUser(), Server.NewUser() };
        var cli = Cli(time: clock);
        foreach (var (i, (user, password)) in users.Index())
        {
            Server.Seed(user, "INBOX", Messages(4, "ann@x.example", user, $"edge{i}-", new DateTimeOffset(2025, 11, 10, 9, 0, 0, TimeSpan.Zero)));
            var (code, _, err) = await ConnectAsync(cli, $"acct{i}", user, password);
            Assert.True(code == 0, err);
        }
        WriteSettings(cli, "\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");

        var (_, _, log) = await RunWorkerUntilAsync(cli, async () =>
            await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM deliveries") == 2 && clock.GetUtcNow() > new DateTimeOffset(2025, 12, 1, 7, 0, 3, TimeSpan.Zero));
        var deliveries = await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM deliveries WHERE month = '2025-11' AND delivered_at >= '2025-12-01T07:00:00'");
        Assert.True(deliveries == 2, log);
        foreach (var (user, password) in users)
            Assert.Equal(1, await ReportsInInboxAsync(user, password));
    }

    [Fact]
    public async Task Run_StartedOnTheThirdAfterBeingOffSinceThe28th_DeliversTheMissedMonth()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(4, "ann@x.example", user, "missed", new DateTimeOffset(2025, 11, 10, 9, 0, 0, TimeSpan.Zero)));
        var cli = await ConnectedAsync("me", user, password, time: new ShiftedTime(new DateTimeOffset(2025, 11, 28, 12, 0, 0, TimeSpan.Zero)));
        WriteSettings(cli, "\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");
        // On the 28th the worker ran and had nothing due for November yet.
        await RunWorkerForAsync(cli, TimeSpan.FromSeconds(3));
        Assert.Equal(0, await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM deliveries WHERE month = '2025-11'"));

        var back = Cli(time: new ShiftedTime(new DateTimeOffset(2025, 12, 3, 9, 0, 0, TimeSpan.Zero)));
        WriteSettings(back, "\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");
        await RunWorkerUntilAsync(back, async () => await StoreFile.CountAsync(cli.DataDir, "SELECT COUNT(*) FROM deliveries WHERE month = '2025-11'") == 1);
        Assert.Equal(1, await ReportsInInboxAsync(user, password));
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

    private async Task<MimeKit.MimeMessage> ReportInInboxAsync(string user, string password)
    {
        using var client = await Server.ClientAsync(user, password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var found = await client.Inbox.SearchAsync(SearchQuery.HeaderContains("X-InboxNet-Report", "2025-11"));
        var message = await client.Inbox.GetMessageAsync(found.Single());
        await client.DisconnectAsync(true);
        return message;
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
