using System.Text.Json;
using MailKit;
using InboxNetworking.Core.Domain;
using InboxNetworking.Files;
using InboxNetworking.Files.Mime;
using InboxNetworking.Imap;
using MimeKit;

namespace InboxNetworking.Tests.Imap;

/// <summary>`inboxnet sync` against a real Dovecot: completeness, increments, UIDVALIDITY, bad input, isolation.</summary>
[Collection(DovecotCollection.Name)]
public sealed class SyncTests(DovecotServer server) : ImapTestBase(server)
{
    [Fact]
    public async Task FirstSync_EveryMessageOfEveryTrackedFolderOnce_ThenIncrementalAfterAppendFlagsExpungeAndMove()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(30, "ann@x.example", user, "in", Now.AddDays(-60)));
        Server.Seed(user, "Sent", Messages(10, user, "ann@x.example", "out", Now.AddDays(-59)));
        Server.Seed(user, "Archive", Messages(5, "bob@y.example", user, "arc", Now.AddDays(-90)));
        Server.Seed(user, "Junk", Messages(7, "spam@z.example", user, "junk", Now.AddDays(-10)));
        var cli = await ConnectedAsync("me", user, password);

        Assert.Contains("45 messages added, 0 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);
        Assert.Equal(45, await MessagesAsync(cli, "me"));
        Assert.Contains("0 messages added, 0 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);

        using (var client = await Server.ClientAsync(user, password))
        {
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadWrite);
            foreach (var m in Messages(2, "cat@x.example", user, "new", Now.AddDays(-1)))
                await inbox.AppendAsync(MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m))));
            var uids = await inbox.SearchAsync(MailKit.Search.SearchQuery.All);
            await inbox.AddFlagsAsync(uids.Take(5).ToList(), MessageFlags.Flagged, silent: true);
            await inbox.MoveToAsync(uids[5], await client.GetFolderAsync("Archive"));
            await inbox.AddFlagsAsync(uids[6], MessageFlags.Deleted, silent: true);
            await inbox.ExpungeAsync();
            await client.DisconnectAsync(true);
        }

        // The moved message is seen again in Archive (one message, counted as a duplicate); the deleted one stays.
        Assert.Contains("2 messages added, 1 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);
        Assert.Equal(47, await MessagesAsync(cli, "me"));
    }

    [Fact]
    public async Task ConnectionDroppedMidFetch_IsReconnectedAndRetried_TheSyncCompletes()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(3000, "ann@x.example", user, "cut", Now.AddDays(-40)));
        using var proxy = new CuttingProxy(Server.PlainPort, bytes: 200_000, cuts: 2);
        var cli = Cli();
        var (code, _, err) = await cli.RunWithInput(password, CancellationToken.None,
            "connect", "imap", "--account", "me", "--host", "127.0.0.1", "--port", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", user, "--password-stdin", "--security", "none");
        Assert.True(code == 0, err);

        Assert.Contains("3000 messages added, 0 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);
        Assert.Equal(2, proxy.Cuts);
        Assert.Equal(3000, await MessagesAsync(cli, "me"));
    }

    [Fact]
    public async Task AReaderThatStopsAfterOneBatch_LeavesNoFetchInFlight_AndTheNextReadGoesOnFromItsCheckpoint()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(250, "ann@x.example", user, "early", Now.AddDays(-20)));
        var options = new ImapOptions { BackfillMonths = 0, BatchSize = 100 };
        var settings = new ImapSettings
        {
            Host = "127.0.0.1", Port = Server.PlainPort, User = user, Security = ImapSecurity.None,
            Folders = [new TrackedFolder("INBOX", FolderDiscovery.Inbox)],
        };
        using var resilience = new ImapResilience(options, TimeProvider.System);
        await using var session = new ImapSession(new ImapConnector(options), settings, password);
        var source = new ImapFolderSource(session, settings.Folders[0], new FetchedMessageReader(new FilesOptions(), TimeProvider.System),
            options, resilience.For("early"), TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        SourceBatch? first = null;
        await foreach (var batch in source.ReadAsync(null, timeout.Token))
        {
            first = batch; // the second batch is being fetched now; leaving must wait for it, on the same session
            break;
        }
        var rest = new List<string>();
        await foreach (var batch in source.ReadAsync(first!.Checkpoint, timeout.Token))
            rest.AddRange(batch.Mail.Select(m => m.MessageKey));

        Assert.Equal(100, first.Mail.Count);
        Assert.Equal(150, rest.Count);
        Assert.Empty(first.Mail.Select(m => m.MessageKey).Intersect(rest));
    }

    [Fact]
    public async Task UidValidityReset_ReadsTheFolderAgain_WithoutDuplicating()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX", Messages(12, "ann@x.example", user, "uv", Now.AddDays(-30)));
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");
        Server.ResetUidValidity(user);
        Server.Seed(user, "INBOX", Messages(1, "dan@x.example", user, "uv-after", Now.AddDays(-2)));

        Assert.Contains("1 messages added, 12 duplicates", await SyncAsync(cli, "me"), StringComparison.Ordinal);
        Assert.Equal(13, await MessagesAsync(cli, "me"));
    }

    [Fact]
    public async Task BrokenMessages_AreQuarantinedWithAReason_AndTheSyncGoesOn()
    {
        var (user, password) = Server.NewUser();
        Server.Seed(user, "INBOX",
        [
            "To: " + user + "\nSubject: nobody sent this\nMessage-ID: <nofrom@test>\nDate: Mon, 1 Dec 2025 10:00:00 +0000\n\nbody\n",
            Rfc822.Message("ann@x.example", user, Now.AddDays(-3), "bad-charset@test", extraHeaders: "Content-Type: text/plain; charset=x-no-such-charset", body: "\u00ff\u00fe broken\n"),
            Rfc822.Message("ann@x.example", user, Now.AddDays(-3), "huge@test", extraHeaders: "X-Huge: " + new string('a', 2_000_000)),
            "From: ann@x.example\nTo: " + user + "\nSubject: broken mime\nMessage-ID: <mime@test>\nContent-Type: multipart/mixed; boundary=\"never-closed\"\n\n--never-closed\nContent-Type: text/plain\n\nhalf\n",
            Rfc822.Message("ann@x.example", user, Now.AddDays(-2), "fine@test"),
        ]);
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");

        var status = await StatusAsync(cli, "me");
        Assert.Equal(1, status.GetProperty("quarantined").GetInt64());
        // Bad charset, no Date (the arrival time stands in) and broken MIME are still readable headers;
        // absurd header fields only cost the fields not asked for, so those messages are kept too.
        Assert.Equal(4, status.GetProperty("messages").GetInt64());
        Assert.Contains("no From address", (await cli.Run("status", "--account", "me")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitations_BecomeCalendarItems()
    {
        var (user, password) = Server.NewUser();
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:meeting-1@test\r\nDTSTAMP:20251201T090000Z\r\n" +
            "DTSTART:20251210T100000Z\r\nDTEND:20251210T110000Z\r\nSUMMARY:Planning\r\nORGANIZER:mailto:ann@x.example\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:" + user + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Server.Seed(user, "INBOX",
        [
            "From: ann@x.example\nTo: " + user + "\nSubject: Invitation: Planning\nDate: Mon, 1 Dec 2025 09:00:00 +0000\nMessage-ID: <invite@test>\nMIME-Version: 1.0\n" +
            "Content-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: text/plain\n\nPlease come.\n--b1\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n" + ics + "\n--b1--\n",
        ]);
        var cli = await ConnectedAsync("me", user, password);
        await SyncAsync(cli, "me");
        Assert.Equal(1, (await StatusAsync(cli, "me")).GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task TwoAccountsOnOneServer_NeverSeeEachOthersMail()
    {
        var (alice, alicePw) = Server.NewUser();
        var (bob, bobPw) = Server.NewUser();
        // They write to each other, and each has a contact of their own.
        Server.Seed(alice, "INBOX", [.. Messages(6, "only-alice@x.example", alice, "a", Now.AddDays(-40)), .. Messages(3, bob, alice, "b2a", Now.AddDays(-35))]);
        Server.Seed(alice, "Sent", Messages(6, alice, "only-alice@x.example", "a-out", Now.AddDays(-39)));
        Server.Seed(bob, "INBOX", Messages(6, "only-bob@y.example", bob, "b", Now.AddDays(-40)));
        Server.Seed(bob, "Sent", [.. Messages(6, bob, "only-bob@y.example", "b-out", Now.AddDays(-39)), .. Messages(3, bob, alice, "b2a", Now.AddDays(-35))]);
        var cli = await ConnectedAsync("alice", alice, alicePw);
        var (code, _, err) = await ConnectAsync(cli, "bob", bob, bobPw);
        Assert.True(code == 0, err);
        var (syncCode, syncOut, _) = await cli.Run("sync");
        Assert.True(syncCode == 0, syncOut);

        Assert.Equal(15, await MessagesAsync(cli, "alice"));
        Assert.Equal(15, await MessagesAsync(cli, "bob"));
        var month = Now.AddDays(-40).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var aliceReport = await Report(cli, "alice", month);
        var bobReport = await Report(cli, "bob", month);
        Assert.Contains("only-alice@x.example", aliceReport, StringComparison.Ordinal);
        Assert.DoesNotContain("only-bob@y.example", aliceReport, StringComparison.Ordinal);
        Assert.Contains("only-bob@y.example", bobReport, StringComparison.Ordinal);
        Assert.DoesNotContain("only-alice@x.example", bobReport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedPassword_MarksNeedsReconnect_WithTheFix_AndIsNotRetried()
    {
        var (user, password) = Server.NewUser();
        var cli = await ConnectedAsync("me", user, password);
        Server.ChangePassword(user, "revoked-" + Guid.NewGuid().ToString("N"));
        var failuresBefore = AuthFailures(user);

        var (code, output, _) = await cli.Run("sync", "--account", "me");
        Assert.Equal(3, code);
        Assert.Contains("needs reconnect", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        var accounts = (await cli.Run("accounts")).Out;
        Assert.Contains("state: needs reconnect", accounts, StringComparison.Ordinal);
        Assert.Contains("fix: inboxnet connect imap --account me --host 127.0.0.1 --user " + user, accounts, StringComparison.Ordinal);
        var status = await StatusAsync(cli, "me");
        Assert.Equal("needs reconnect", status.GetProperty("connection").GetProperty("state").GetString());
        // One login attempt, not a retry storm (Dovecot logs each refused login).
        await Task.Delay(500);
        Assert.True(AuthFailures(user) - failuresBefore == 1, string.Join('\n', File.ReadAllLines(Server.LogPath).Where(l => l.Contains(user, StringComparison.Ordinal))));
    }

    private int AuthFailures(string user) =>
        File.Exists(Server.LogPath) ? File.ReadAllLines(Server.LogPath).Count(l => l.Contains("auth failed", StringComparison.Ordinal) && l.Contains(user, StringComparison.Ordinal)) : 0;

    private static async Task<string> Report(Worker.CliRunner cli, string account, string month)
    {
        var (code, output, err) = await cli.Run("report", "--account", account, "--month", month, "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        return output;
    }
}
