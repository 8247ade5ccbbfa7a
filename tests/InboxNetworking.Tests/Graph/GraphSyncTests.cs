using System.Text;
using System.Text.Json;
using InboxNetworking.Tests.TestData;
using InboxNetworking.Tests.Worker;

namespace InboxNetworking.Tests.Graph;

/// <summary>`inboxnet connect graph` and `inboxnet sync` against a local server speaking Graph's wire format.</summary>
public sealed class GraphSyncTests : IAsyncLifetime
{
    private const string Owner = "ann@corp.example";
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly GraphTestServer _server = new();
    private readonly TempDirectory _dir = new();
    private readonly CliRunner _cli;

    public GraphSyncTests()
    {
        _cli = new CliRunner(_dir.File("data"), new ShiftedTime(new DateTimeOffset(2025, 12, 15, 12, 0, 0, TimeSpan.Zero)));
        WriteSettings();
        _server.Folder(Owner, "inbox", "Inbox");
        _server.Folder(Owner, "sentitems", "Sent Items");
        _server.Folder(Owner, "junkemail", "Junk Email");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task ConnectThenSync_EveryMessageOfEveryTrackedFolderOnce_HeadersOnly_SecondSyncAddsNothing()
    {
        Seed(inbox: 25, sent: 10);
        var connect = await ConnectAsync();
        Assert.True(connect.Code == 0, connect.Err);
        Assert.Contains("Inbox (inbox)", connect.Out, StringComparison.Ordinal);
        Assert.Contains("Sent Items (sentitems)", connect.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Junk", connect.Out, StringComparison.Ordinal); // never junk; no archive in this mailbox
        Assert.Contains("not the calendar: the app lacks the Calendars.Read permission", connect.Out, StringComparison.Ordinal);
        Assert.Contains($"Owner addresses: {Owner}", connect.Out, StringComparison.Ordinal);

        var first = await SyncAsync();
        Assert.Contains("35 messages added", first, StringComparison.Ordinal);
        Assert.Equal(35, await CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Equal(10, await CountAsync("SELECT COUNT(*) FROM messages WHERE in_sent = 1"));
        // Pages of 7: the first round of the inbox took 4 requests, each committed with its link.
        Assert.True(_server.DeltaRequests >= 4 + 2, string.Join('\n', _server.Log.Select(l => l.Request)));

        var requestsBefore = _server.DeltaRequests;
        var second = await SyncAsync();
        Assert.Contains("0 messages added", second, StringComparison.Ordinal);
        Assert.Equal(35, await CountAsync("SELECT COUNT(*) FROM messages"));
        // The second round starts from each folder's delta link, not from the beginning.
        var secondRound = _server.Log.Select(l => l.Request).Where(r => r.Contains("/messages/delta", StringComparison.Ordinal)).Skip(requestsBefore).ToList();
        Assert.Equal(2, secondRound.Count);
        Assert.All(secondRound, r => Assert.Contains("$deltatoken=", r, StringComparison.Ordinal));

        // Only header fields were asked for: no body reached the store, nor the secret in plain text.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_cli.DataDir, "inboxnet.db"));
        Assert.False(Contains(bytes, GraphMail.BodyText), "a message body reached the store");
        Assert.False(Contains(bytes, _server.Secret), "the client secret is stored in plain text");
        var accounts = (await _cli.Run("accounts")).Out;
        Assert.Contains($"ann: graph {Owner} at 127.0.0.1; state: ok", accounts, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Secret, accounts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_SignInOnce_CodeShown_TheSignedInPersonsMailbox_RotatedRefreshTokensKept_RevokedNeedsReconnect()
    {
        Seed(inbox: 4, sent: 2);
        _server.PutEvent(Owner, GraphMail.Event("ev-1", "bob@partner.example", [Owner], "Catch-up", Start.AddDays(3), 30));
        _server.SignedInUser = Owner;
        _server.PendingPolls = 1;

        // The default: a person signs in in a browser; no tenant, app or mailbox to name.
        var connect = await _cli.Run("connect", "graph", "--account", "ann", "--endpoint", _server.Endpoint, "--authority", _server.Authority);
        Assert.True(connect.Code == 0, connect.Err);
        Assert.Contains("open the page https://microsoft.com/devicelogin and enter the code GHJK7LMN9", connect.Err, StringComparison.Ordinal);
        Assert.Contains($"mailbox {Owner} at", connect.Out, StringComparison.Ordinal);
        Assert.Contains("Calendar (calendarView)", connect.Out, StringComparison.Ordinal);
        Assert.Contains($"Owner addresses: {Owner}", connect.Out, StringComparison.Ordinal);

        // Each sign-in spends the refresh token it used (strict rotation): a second and third sync only work
        // when the one handed back each time was stored.
        for (var i = 0; i < 3; i++)
            await SyncAsync();
        Assert.Equal(6, await CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM calendar_events"));
        var current = Assert.Single(_server.RefreshTokens);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_cli.DataDir, "inboxnet.db"));
        Assert.False(Contains(bytes, current), "the refresh token is stored in plain text");

        _server.RefreshTokens.Clear(); // signed out everywhere, or the token expired
        var refused = await _cli.Run("sync", "--account", "ann");
        Assert.NotEqual(0, refused.Code);
        var accounts = (await _cli.Run("accounts")).Out;
        Assert.Contains("state: needs reconnect", accounts, StringComparison.Ordinal);
        Assert.Contains("AADSTS70008", accounts, StringComparison.Ordinal);
        Assert.Contains("fix: inboxnet connect graph --account ann (then sign in)", accounts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceCode_DeclinedInTheBrowser_OneLine_NothingStored()
    {
        _server.SignedInUser = Owner;
        _server.PendingPolls = -1;
        var (code, _, err) = await _cli.Run("connect", "graph", "--account", "ann", "--endpoint", _server.Endpoint, "--authority", _server.Authority);
        Assert.Equal(2, code);
        Assert.Contains("could not connect, nothing stored: sign-in: it was declined in the browser", err, StringComparison.Ordinal);
        Assert.Contains("No accounts yet", (await _cli.Run("accounts")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_ReportSentToTheOwnerOnce_FoundByItsIdAfterACrash_ItsCopiesNotCountedByTheNextSync()
    {
        Seed(inbox: 25, sent: 10);
        _server.Put(Owner, "inbox", GraphMail.Message("in-october", "p1@partner.example", [Owner], "October", Start.AddDays(40)));
        Assert.Equal(0, (await ConnectAsync()).Code);
        await SyncAsync();

        var first = await _cli.Run("deliver", "--account", "ann", "--month", "2025-09");
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("sent to the mailbox (Graph sendMail)", first.Out, StringComparison.Ordinal);
        var sent = Assert.Single(_server.Sent);
        Assert.Equal("2025-09", sent.Headers["X-InboxNet-Report"]);
        Assert.Contains(Owner, sent.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("p0@partner.example", sent.HtmlBody, StringComparison.Ordinal);

        // A crash between sending and recording it: the record is lost, the report is not sent twice.
        await StoreFile.ExecuteAsync(_cli.DataDir, "DELETE FROM deliveries");
        var again = await _cli.Run("deliver", "--account", "ann", "--month", "2025-09");
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("already in the mailbox (found by its Message-ID)", again.Out, StringComparison.Ordinal);
        Assert.Single(_server.Sent);

        // A sendMail answered 503 may have gone out (here it had): it is not sent again blindly, and the next
        // attempt finds it by its id.
        _server.FailAfterSending(503);
        var failed = await _cli.Run("deliver", "--account", "ann", "--month", "2025-10");
        Assert.NotEqual(0, failed.Code);
        Assert.Contains("answered 503", failed.Err, StringComparison.Ordinal);
        Assert.Equal(2, _server.Sent.Count);
        var retried = await _cli.Run("deliver", "--account", "ann", "--month", "2025-10");
        Assert.Contains("already in the mailbox", retried.Out, StringComparison.Ordinal);
        Assert.Equal(2, _server.Sent.Count);

        // Its copies in Inbox and Sent Items are the product's own: the next sync leaves them out.
        var before = await CountAsync("SELECT COUNT(*) FROM messages");
        await SyncAsync();
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM messages"));
    }

    [Fact]
    public async Task Calendar_EveryOccurrenceInTheWindow_BodyDropped_RoomsLeftOut_MovedUpdated_DeletedCancelled()
    {
        Seed(inbox: 2, sent: 0);
        var meeting = Start.AddDays(7);
        _server.PutEvent(Owner, GraphMail.Event("ev-1", Owner, ["bob@partner.example", "carol@partner.example"], "Design review", meeting, 60, room: "baker@corp.example"));
        _server.PutEvent(Owner, GraphMail.Event("ev-2", "bob@partner.example", [Owner], "Weekly", meeting.AddDays(1), 30, type: "occurrence"));
        _server.PutEvent(Owner, GraphMail.Event("ev-3", "dave@partner.example", [Owner], "Intro", meeting.AddDays(2), 30));
        var connect = await ConnectAsync();
        Assert.True(connect.Code == 0, connect.Err);
        Assert.Contains("Calendar (calendarView)", connect.Out, StringComparison.Ordinal);

        var first = await SyncAsync();
        Assert.Contains("3 calendar changes", first, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM calendar_events"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM calendar_events WHERE uid = 'ev-2' AND recurring = 1 AND organizer_addr = 'bob@partner.example'"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM calendar_events WHERE attendees LIKE '%baker@corp.example%'"));
        // The window: two years back from the sync (the CLI's clock says 2025-12-15), three months ahead.
        Assert.StartsWith("2023-12-15T", _server.CalendarWindow?.Start, StringComparison.Ordinal);
        Assert.StartsWith("2026-03-15T", _server.CalendarWindow?.End, StringComparison.Ordinal);

        _server.PutEvent(Owner, GraphMail.Event("ev-3", "dave@partner.example", [Owner], "Intro", meeting.AddDays(4), 45));
        _server.RemoveEvent(Owner, "ev-1");
        var second = await SyncAsync();
        Assert.Contains("2 calendar changes", second, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM calendar_events"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM calendar_events WHERE uid = 'ev-1' AND cancelled = 1"));
        Assert.Equal(meeting.AddDays(4).ToUnixTimeMilliseconds(), await CountAsync("SELECT start_ms FROM calendar_events WHERE uid = 'ev-3'"));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_cli.DataDir, "inboxnet.db"));
        Assert.False(Contains(bytes, GraphMail.BodyText), "an event body reached the store");
        Assert.False(Contains(bytes, "Conf Room Baker"), "an event location reached the store");
    }

    [Fact]
    public async Task Run_TheWorkerTracksTheGraphMailboxInTheBackground_NewMailArrivesWithoutACommand()
    {
        Seed(inbox: 9, sent: 3);
        Assert.Equal(0, (await ConnectAsync()).Code);
        WriteSettings("\"SyncInterval\": \"00:00:01\", \"AccountScanInterval\": \"00:00:01\"");

        using var worker = ChildProcess.StartInboxNet(_cli.DataDir, "run");
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM messages") == 12, worker);
        _server.Put(Owner, "inbox", GraphMail.Message("in-later", "erin@partner.example", [Owner], "Later", Start.AddDays(20)));
        await UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM messages") == 13, worker);
        await worker.TerminateAsync();
        Assert.True(await worker.WaitAsync(TimeSpan.FromSeconds(30)) == 0, worker.Error);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, ChildProcess worker)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(worker.HasExited, "the worker ended: " + worker.Error);
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "not within 2 minutes; the worker said: " + worker.Error);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task FirstSync_ShowsProgressAgainstTheFolderTotal()
    {
        Seed(inbox: 6000, sent: 0);
        WriteSettings(pageSize: 1000);
        Assert.Equal(0, (await ConnectAsync()).Code);
        var (code, _, err) = await _cli.Run("sync", "--account", "ann");
        Assert.True(code == 0, err);
        // Not a terminal: plain progress lines with counts and an estimate, as for IMAP.
        Assert.Contains("ann: 5000 of 6000 messages read", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incremental_NewMail_Added_DeletedMail_StaysInHistory_ThreadHeadersKept()
    {
        Seed(inbox: 5, sent: 0);
        Assert.Equal(0, (await ConnectAsync()).Code);
        await SyncAsync();

        _server.Put(Owner, "sentitems", GraphMail.Message("reply-1", Owner, ["bob@partner.example"], "Re: Plan 0", Start.AddDays(2),
            inReplyTo: "<in-0@corp.example>", references: "<in-0@corp.example>"));
        _server.Put(Owner, "inbox", GraphMail.Message("in-new", "carol@partner.example", [Owner], "Fresh", Start.AddDays(3)));
        _server.Remove(Owner, "inbox", "in-1");
        _server.Remove(Owner, "inbox", "in-2");
        var output = await SyncAsync();

        Assert.Contains("2 messages added", output, StringComparison.Ordinal);
        Assert.Equal(7, await CountAsync("SELECT COUNT(*) FROM messages")); // the two deleted ones stay: the interaction happened
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM messages WHERE message_key = 'reply-1@corp.example' AND in_reply_to = 'in-0@corp.example' AND refs = 'in-0@corp.example' AND in_sent = 1"));
        Assert.Contains(_server.Log, l => l.Request.Contains("$deltatoken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgottenSyncState_410_FolderReadAgain_NothingDuplicated()
    {
        Seed(inbox: 12, sent: 3);
        Assert.Equal(0, (await ConnectAsync()).Code);
        await SyncAsync();
        _server.Put(Owner, "inbox", GraphMail.Message("in-late", "dave@partner.example", [Owner], "Late", Start.AddDays(9)));
        _server.ForgetSyncState();

        var output = await SyncAsync();

        Assert.Contains("1 messages added", output, StringComparison.Ordinal);
        Assert.Equal(16, await CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Equal(16, await CountAsync("SELECT COUNT(DISTINCT message_key) FROM messages"));
    }

    [Fact]
    public async Task Throttled_429_WaitsTheFractionalRetryAfter_ThenCompletes()
    {
        Seed(inbox: 3, sent: 0);
        Assert.Equal(0, (await ConnectAsync()).Code);
        var before = _server.Log.Count;
        _server.Throttle(2, "0.4");

        await SyncAsync();

        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM messages"));
        // The sync's first Graph request (the folder's size, for the progress) was refused twice, then went through.
        var first = _server.Log.Skip(before).Where(l => l.Request.Contains("/v1.0/", StringComparison.Ordinal)).Take(3).ToList();
        Assert.Equal(3, first.Count);
        Assert.Single(first.Select(l => l.Request).Distinct());
        // Graph's Retry-After ("2.128" in its documentation) has a fraction; each retry waited for it.
        Assert.True(first[1].At - first[0].At >= TimeSpan.FromMilliseconds(350), $"{first[1].At - first[0].At}");
        Assert.True(first[2].At - first[1].At >= TimeSpan.FromMilliseconds(350), $"{first[2].At - first[1].At}");
    }

    [Fact]
    public async Task ServerFailsMidRound_SyncRecordsTheFailure_NextSyncGoesOnFromTheLastCommittedPage()
    {
        Seed(inbox: 30, sent: 0);
        Assert.Equal(0, (await ConnectAsync()).Code);
        _server.FailAfter(pages: 2);

        var failed = await _cli.Run("sync", "--account", "ann");
        Assert.NotEqual(0, failed.Code);
        Assert.Equal(14, await CountAsync("SELECT COUNT(*) FROM messages")); // two pages of 7, each committed
        var status = JsonDocument.Parse((await _cli.Run("status", "--account", "ann", "--json")).Out).RootElement[0];
        Assert.Contains("failing", status.ToString(), StringComparison.Ordinal);

        _server.Heal();
        var before = _server.Log.Count;
        await SyncAsync();
        Assert.Equal(30, await CountAsync("SELECT COUNT(*) FROM messages"));
        Assert.Equal(30, await CountAsync("SELECT COUNT(DISTINCT message_key) FROM messages"));
        var resumed = _server.Log.Skip(before).First(l => l.Request.Contains("/messages/delta", StringComparison.Ordinal)).Request;
        Assert.Contains("$skiptoken=", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_AtConnect_OneLine_NothingStored_RevokedLater_NeedsReconnect()
    {
        Seed(inbox: 2, sent: 0);
        var wrong = await ConnectAsync(secret: "not-the-secret");
        Assert.Equal(2, wrong.Code);
        Assert.Contains("could not connect, nothing stored: sign-in: tenant 'contoso.example' refused client", wrong.Err, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000215", wrong.Err, StringComparison.Ordinal);
        Assert.Single(wrong.Err.Trim().Split('\n'));
        Assert.DoesNotContain("not-the-secret", wrong.Err, StringComparison.Ordinal);
        Assert.Contains("No accounts yet", (await _cli.Run("accounts")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await ConnectAsync()).Code);
        _server.Secret = "rotated~" + Guid.NewGuid().ToString("N");
        var sync = await _cli.Run("sync", "--account", "ann");
        Assert.NotEqual(0, sync.Code);
        var tokenRequests = _server.Log.Count(l => l.Request.EndsWith("/token", StringComparison.Ordinal));
        Assert.True(tokenRequests <= 3, $"{tokenRequests} sign-in attempts: a refused secret must not be retried in a loop");
        var accounts = (await _cli.Run("accounts")).Out;
        Assert.Contains("state: needs reconnect", accounts, StringComparison.Ordinal);
        Assert.Contains($"fix: inboxnet connect graph --account ann --sign-in app-secret --tenant {GraphTestServer.Tenant} --client-id {GraphTestServer.ClientId} --user {Owner}", accounts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphsOwnDocumentationPages_AreRead_ItemsWithoutDateOrSenderQuarantined_RoundCompletes()
    {
        // The docs' delta example: three pages, nextLink -> nextLink -> deltaLink; its items carry a subject and
        // a sender but no date (and, in round two, "isRead": "true" as a string).
        var samples = Corpora.Path("graph", "docs-samples");
        _server.Recorded("dana@contoso.com", "inbox", "Inbox",
            Path.Combine(samples, "message-delta-round1-page1.json"),
            Path.Combine(samples, "message-delta-round1-page2.json"),
            Path.Combine(samples, "message-delta-round1-page3-final.json"),
            Path.Combine(samples, "message-delta-round2-removed-and-updated.json"));
        var connect = await _cli.RunWithInput(_server.Secret, CancellationToken.None,
            "connect", "graph", "--account", "dana", "--sign-in", "app-secret", "--tenant", GraphTestServer.Tenant, "--client-id", GraphTestServer.ClientId,
            "--user", "dana@contoso.com", "--client-secret-stdin", "--endpoint", _server.Endpoint, "--authority", _server.Authority);
        Assert.True(connect.Code == 0, connect.Err);

        var output = await SyncAsync("dana");

        var quarantined = await CountAsync("SELECT COUNT(*) FROM quarantine WHERE reason LIKE 'no sentDateTime or receivedDateTime%'");
        Assert.True(quarantined >= 3, output);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM messages"));
        var firstRound = await CheckpointAsync();
        Assert.Contains("$deltatoken=", firstRound, StringComparison.Ordinal);

        // Round two: an "@removed" entry and an update whose isRead is the string "true".
        await SyncAsync("dana");
        Assert.Equal(4, _server.DeltaRequests); // three pages, then round two from the delta link
        Assert.Contains("$deltatoken=", await CheckpointAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM quarantine WHERE position = 'AAMkADk0MGFkODE3LWE4MmYtNDRhOS0Dh_6qB-pB2Sa2pUum19a6YAAKnLuxoAAA='")); // the removed one
    }

    [Fact]
    public async Task PlainHttpEndpointElsewhere_RefusedWithoutAllowInsecure()
    {
        var (code, _, err) = await _cli.RunWithInput("secret", CancellationToken.None,
            "connect", "graph", "--account", "ann", "--sign-in", "app-secret", "--tenant", "t", "--client-id", "c", "--user", Owner, "--client-secret-stdin",
            "--endpoint", "http://graph.example.com/v1.0");
        Assert.Equal(2, code);
        Assert.Contains("--endpoint http://graph.example.com/v1.0 would send the secret and the mail in the clear", err, StringComparison.Ordinal);
    }

    /// <summary>Owner-only, as the product keeps it. Small pages, so every round has several; short retries;
    /// <paramref name="worker"/>: InboxNet:Worker members.</summary>
    private void WriteSettings(string worker = "", int pageSize = 7)
    {
        Directory.CreateDirectory(_cli.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Path.Combine(_cli.DataDir, "appsettings.json");
        File.WriteAllText(settings, $$"""
            { "InboxNet": {
                "Graph": { "PageSize": {{pageSize}}, "MaxRetries": 2, "RetryDelay": "00:00:00.050", "RequestTimeout": "00:00:10" },
                "Worker": { {{worker}} } } }
            """);
        File.SetUnixFileMode(settings, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void Seed(int inbox, int sent)
    {
        for (var i = 0; i < inbox; i++)
            _server.Put(Owner, "inbox", GraphMail.Message($"in-{i}", $"p{i % 4}@partner.example", [Owner], $"Plan {i}", Start.AddHours(i)));
        for (var i = 0; i < sent; i++)
            _server.Put(Owner, "sentitems", GraphMail.Message($"out-{i}", Owner, [$"p{i % 4}@partner.example"], $"Re: Plan {i}", Start.AddHours(i).AddMinutes(30),
                inReplyTo: $"<in-{i}@corp.example>"));
    }

    private Task<(int Code, string Out, string Err)> ConnectAsync(string? secret = null) =>
        _cli.RunWithInput(secret ?? _server.Secret, CancellationToken.None,
            "connect", "graph", "--account", "ann", "--sign-in", "app-secret", "--tenant", GraphTestServer.Tenant, "--client-id", GraphTestServer.ClientId,
            "--user", Owner, "--client-secret-stdin", "--endpoint", _server.Endpoint, "--authority", _server.Authority, "--time-zone", "Europe/London");

    private async Task<string> SyncAsync(string account = "ann")
    {
        var (code, output, err) = await _cli.Run("sync", "--account", account);
        Assert.True(code == 0, $"sync failed ({code}): {output} {err}");
        return output;
    }

    private Task<long> CountAsync(string sql) => StoreFile.CountAsync(_cli.DataDir, sql);

    private async Task<string> CheckpointAsync()
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_cli.DataDir, "inboxnet.db")};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT position FROM checkpoints WHERE source_key = 'graph:inbox'";
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
